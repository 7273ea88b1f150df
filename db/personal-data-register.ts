// The register of personal data (docs/privacy.md), the habit of Moodle's
// privacy API kept small: every table with a column that names a person
// declares, beside the schema, whether that person's rows go into their
// export and what deleting their account does to them. The export and the
// erasure (app/domain/personal-data/) are driven by this list only, and
// test/personal-data/register.test.ts walks the schema and fails on any
// column referencing users without an entry here.
import { eq, getTableColumns, getTableName, is, sql, type Column, type SQL } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import type { Database } from "./database";
import { FORMER_MEMBER } from "./former-member";
import * as s from "./schema";

/** What erasing the person does to the rows that name them in one column. */
export type Erasure =
  /** The person's own row: removed. */
  | { how: "delete" }
  /** Removed unless others built on it (replied, supported): then kept as "former member". */
  | { how: "delete-unless-shared"; shared: SQL }
  /** Kept, still pointing at the person's row, which now holds nothing personal and reads "Former member". */
  | { how: "keep" }
  /** Kept without the person: the column is emptied (nullable columns only). */
  | { how: "forget" }
  /** Rewritten in place: the person's row itself, and the append-only audit log. */
  | { how: "anonymise"; run: (tx: Database, person: ErasedPerson) => Promise<void> };

export type ErasedPerson = { id: string; name: string; email: string };

export type PersonColumn = {
  erase: Erasure;
  /** Whether rows naming the person here belong in their export (not, for instance, a colleague's wish about them). */
  export: boolean;
  /** Matched against the person's email instead of their id. */
  by?: "email";
};

export type RegisterEntry = {
  table: PgTable;
  /** What the export's file for this table holds, in the words of its README. */
  about: string;
  people: Record<string, PersonColumn>;
  /** Columns never exported: secrets, and copies too large or too raw to read. */
  omit: string[];
  /** Text columns of other people's rows that may name the person (a notice, an email): their name and email there become "Former member". */
  namedIn: string[];
};

const DELETE = { how: "delete" } as const;
const KEEP = { how: "keep" } as const;
const FORGET = { how: "forget" } as const;

const own = { erase: DELETE, export: true };
const authored = { erase: KEEP, export: true };
// Who decided, approved or recorded something on shared work: kept, shown as "Former member".
const actedOn = { erase: KEEP, export: false };

type ColumnsOf<T extends PgTable> = keyof T["_"]["columns"] & string;

function entry<T extends PgTable>(
  table: T,
  about: string,
  people: Partial<Record<ColumnsOf<T>, PersonColumn>>,
  omit: ColumnsOf<T>[] = [],
  namedIn: ColumnsOf<T>[] = [],
): RegisterEntry {
  return { table, about, people: people as Record<string, PersonColumn>, omit, namedIn };
}

export { FORMER_MEMBER };

/** The account's row stays (shared work points at it) with nothing personal left in it. */
async function anonymiseAccount(tx: Database, person: ErasedPerson) {
  await tx
    .update(s.users)
    .set({
      name: FORMER_MEMBER,
      email: `former-member-${person.id}@erased.invalid`,
      // Not an argon2 hash: no password ever matches it.
      passwordHash: "!erased",
      jobTitle: "",
      bio: "",
      expertise: [],
      departmentId: null,
      siteId: null,
      managerId: null,
      language: null,
      timeZone: "UTC",
      erasedAt: sql`now()`,
    })
    .where(eq(s.users.id, person.id));
}

/** Text as it appears inside a JSON document, for replacing it in jsonb. */
const inJson = (text: string) => JSON.stringify(text).slice(1, -1);

/**
 * The audit log keeps the fact (action, time, target) and loses the person:
 * in every entry that concerns them (by id) their name and email become
 * "Former member", and what they wrote as a reason is dropped. The trigger
 * allows exactly this inside an erasing transaction (migration 0018).
 */
async function anonymiseAudit(tx: Database, person: ErasedPerson) {
  await tx.execute(sql`select set_config('roundtable.erasing_person', 'on', true)`);
  const concerns = sql`(${s.auditEvents.actorId} = ${person.id} or ${s.auditEvents.targetId} = ${person.id} or ${s.auditEvents.details}::text like ${`%${person.id}%`})`;
  const scrub = (text: SQL | Column) => sql`replace(replace(${text}, ${person.name}, ${FORMER_MEMBER}), ${person.email}, ${FORMER_MEMBER})`;
  await tx
    .update(s.auditEvents)
    .set({
      actorName: sql`case when ${s.auditEvents.actorId} = ${person.id} then ${FORMER_MEMBER} else ${s.auditEvents.actorName} end`,
      targetLabel: scrub(s.auditEvents.targetLabel),
      reason: sql`case when ${s.auditEvents.actorId} = ${person.id} then null else ${scrub(s.auditEvents.reason)} end`,
      details: sql`replace(replace(${s.auditEvents.details}::text, ${inJson(person.name)}, ${FORMER_MEMBER}), ${inJson(person.email)}, ${FORMER_MEMBER})::jsonb`,
    })
    .where(concerns);
}

// A comment stays when someone else replied to it; a proposal when others supported or discussed it, or it was decided.
const commentHasReplies = sql`exists (select 1 from comments reply where reply.parent_id = ${s.comments.id} and reply.author_id is distinct from ${s.comments.authorId})`;
const proposalIsShared = sql`(${s.proposals.status} <> 'open' or ${s.proposals.moduleId} is not null
  or exists (select 1 from proposal_supports ps where ps.proposal_id = ${s.proposals.id} and ps.user_id is distinct from ${s.proposals.proposerId})
  or exists (select 1 from comments c where c.proposal_id = ${s.proposals.id} and c.author_id is distinct from ${s.proposals.proposerId}))`;

export const PERSONAL_DATA_REGISTER: RegisterEntry[] = [
  entry(s.users, "Your account and profile.", { id: { erase: { how: "anonymise", run: anonymiseAccount }, export: true }, managerId: { erase: FORGET, export: false } }, ["passwordHash", "directoryVector"]),
  entry(s.userRoles, "Your roles.", { userId: own }),
  entry(s.sessions, "The browsers you were signed in on (when, until when).", { userId: own }, ["id"]),
  entry(s.passwordResets, "Password resets you asked for.", { userId: own }, ["tokenHash"]),
  entry(s.invitations, "Invitations sent to your email address.", { email: { erase: DELETE, export: true, by: "email" }, invitedBy: actedOn }, ["tokenHash"]),
  entry(s.outbox, "Emails Roundtable sent you.", { to: { erase: DELETE, export: true, by: "email" } }, [], ["subject", "text"]),
  entry(s.modules, "Modules whose publishing waited for your approval as lead author.", { requiredApproverId: { erase: FORGET, export: true } }, ["searchVector", "titleVector"]),
  entry(s.moduleAuthors, "Modules you write or wrote, and your part (lead or co-author).", { userId: authored }),
  entry(s.moduleRevisions, "Published revisions you are the author of (their text is on the module's page).", { authorId: authored }, ["doc", "html"]),
  entry(s.groups, "Peer groups you founded, or approved as a moderator.", { founderId: authored, approvedBy: actedOn }),
  entry(s.groupMembers, "The groups you are or were in, and your role in each.", { userId: own }),
  entry(s.groupInterest, "Peer groups you said you were interested in.", { userId: own }),
  entry(s.groupJoinRequests, "Your requests to join groups and invitations to them.", { userId: own, invitedBy: actedOn, decidedBy: actedOn }),
  entry(s.groupJoinVotes, "Your votes on requests to join your groups.", { voterId: own }),
  entry(s.groupBans, "Groups that barred you from rejoining.", { userId: own, bannedBy: actedOn }),
  entry(s.directoryProfiles, "What you show in the alumni directory.", { userId: own }),
  entry(s.takeaways, "Your take-aways.", { userId: own }),
  entry(s.proposals, "Module ideas you proposed.", { proposerId: { erase: { how: "delete-unless-shared", shared: proposalIsShared }, export: true }, decidedBy: actedOn }),
  entry(s.proposalSupports, "Proposals you supported.", { userId: own }),
  entry(s.comments, "Your comments on proposals, drafts and group discussions.", { authorId: { erase: { how: "delete-unless-shared", shared: commentHasReplies }, export: true }, resolvedBy: actedOn }),
  entry(s.moduleSubmissions, "Drafts you submitted for review, with the submitted text.", { submittedBy: authored, decidedBy: actedOn }, ["candidateState", "candidateSnapshot"]),
  entry(s.submissionApprovals, "Your approvals of drafts.", { userId: authored }),
  entry(s.reports, "What you reported to the moderators.", { reporterId: { erase: FORGET, export: true }, resolvedBy: actedOn }),
  entry(s.reviewItems, "Review queue items you had claimed.", { claimedBy: { erase: FORGET, export: false } }),
  entry(s.moderatorMindsets, "The mindsets you limit your review queue to.", { userId: own }),
  entry(s.auditEvents, "What you did that the audit log records.", { actorId: { erase: { how: "anonymise", run: anonymiseAudit }, export: true } }),
  entry(s.notifications, "Your notifications.", { userId: own }, [], ["title", "body"]),
  entry(s.notificationPreferences, "How you chose to be emailed about each kind of notification.", { userId: own }),
  entry(s.emailDigests, "When your last daily digest was sent.", { userId: own }),
  entry(s.reunionSeries, "Recurring reunions you organise.", { organiserId: authored }),
  entry(s.reunions, "Reunions and meetings you organise.", { organiserId: authored }),
  entry(s.reunionAudience, "Reunions you were invited to by name.", { userId: own }),
  entry(s.slotVotes, "Your answers to date polls.", { userId: own }),
  entry(s.reunionRsvps, "Your answers to invitations (RSVPs) and check-ins.", { userId: own }),
  entry(s.calendarFeeds, "That you have a private calendar feed (its address is not included).", { userId: own }, ["tokenHash"]),
  entry(s.openSpaceSessions, "Open-space sessions you proposed.", { convenerId: authored }),
  entry(s.openSpaceInterest, "Open-space sessions you marked your interest in.", { userId: own }),
  entry(s.meetingNotes, "Group take-aways and actions you wrote, or that were yours to try.", { authorId: authored, ownerId: authored }),
  entry(s.mentorOffers, "Your offer to mentor.", { userId: own }),
  entry(s.mentoringRequests, "Your requests for a mentor.", { menteeId: own }),
  entry(s.mentorships, "Your mentoring pairs, as mentor or mentee.", { mentorId: authored, menteeId: authored }),
  entry(s.mentorshipGoals, "Goals you set in a mentoring pair.", { createdBy: authored }),
  entry(s.mentorshipNotes, "Your private notes on your mentoring pairs.", { authorId: own }),
  entry(s.mentorshipReflections, "Your closing reflections on mentoring pairs.", { userId: own }),
  entry(s.cohorts, "Cohorts you created or ended.", { createdBy: actedOn, sponsorshipEndedBy: actedOn }),
  entry(s.cohortMembers, "The cohorts you were enrolled in.", { userId: own, enrolledBy: actedOn }),
  entry(s.cycleMeetings, "Programme meetings you hosted.", { hostId: authored, moduleConfirmedBy: actedOn }),
  entry(s.meetingAttendance, "Your attendance at programme meetings.", { userId: own, recordedBy: actedOn }),
  entry(s.meetingEvaluationReceipts, "The meetings you evaluated. Your answers are stored without your name, so they cannot be included.", { userId: own }),
  entry(s.meetingModuleVotes, "Your votes for a meeting's module.", { userId: own }),
  entry(s.cycleGoals, "Your goals for each cycle, and how you rated them.", { userId: own }),
  entry(s.cycleVotes, "Your votes on whether your group continues.", { userId: own }),
  entry(s.groupConversionAnswers, "Your answers to carrying on as a peer group.", { userId: own }),
  entry(s.formationPlans, "Group formation runs you started or published.", { createdBy: actedOn, publishedBy: actedOn }),
  entry(s.formationPreferences, "Colleagues you wished to meet, or rather not, when groups were formed.", { userId: own, targetId: { erase: DELETE, export: false } }),
  entry(s.surveyScores, "Your survey scores, as your organisation imported them.", { userId: own }),
  entry(s.experiments, "Cohort experiments you set up.", { createdBy: actedOn, registeredBy: actedOn, assignedBy: actedOn }),
  entry(s.diagnosticResponses, "Your answers to the ARC self-assessment.", { userId: own }),
  entry(s.personRecords, "What your organisation imported about you: level, start and leaving months.", { userId: own }),
  entry(s.dataExports, "Exports of your data (the files themselves are not included).", { userId: { erase: DELETE, export: false }, requestedBy: { erase: KEEP, export: false } }, ["zip"]),
  entry(s.accountDeletions, "Requests to delete your account.", { userId: authored, requestedBy: actedOn, cancelledBy: actedOn }),
];

/** Every table of the schema. */
export const schemaTables = (): PgTable[] => (Object.values(s) as unknown[]).filter((value): value is PgTable => is(value, PgTable));

/** The file in an export that holds a table's rows. */
export const exportFileName = (table: PgTable) => `${getTableName(table)}.json`;

/** The register entry's column objects, looked up by name; the register test checks every name. */
export function columnOf(entry: RegisterEntry, key: string): Column {
  const column = getTableColumns(entry.table)[key];
  if (!column) throw new Error(`${getTableName(entry.table)} has no column ${key}`);
  return column;
}

/** Rows of one table where a column names the person. */
export function matchPerson(entry: RegisterEntry, key: string, person: ErasedPerson): SQL {
  const spec = entry.people[key]!;
  return eq(columnOf(entry, key), spec.by === "email" ? person.email : person.id);
}

/** The person's rows of an entry that belong in their export. */
export function exportCondition(entry: RegisterEntry, person: ErasedPerson): SQL | null {
  const matches = Object.keys(entry.people)
    .filter((key) => entry.people[key]!.export)
    .map((key) => matchPerson(entry, key, person));
  if (matches.length === 0) return null;
  return matches.length === 1 ? matches[0]! : sql`(${sql.join(matches, sql` or `)})`;
}

/**
 * Every column of these tables that names a person (a foreign key to
 * users.id, and users.id itself) without a register entry, as
 * "table.column". The register test runs it over the whole schema.
 */
export function unregisteredPersonColumns(tables: PgTable[], register: RegisterEntry[] = PERSONAL_DATA_REGISTER): string[] {
  const missing: string[] = [];
  for (const table of tables) {
    const entry = register.find((e) => e.table === table);
    const declared = new Set(entry ? Object.keys(entry.people).map((key) => columnOf(entry, key)) : []);
    const personColumns = getTableConfig(table)
      .foreignKeys.map((fk) => fk.reference())
      .filter((ref) => ref.foreignTable === s.users && ref.columns.length === 1)
      .map((ref) => ref.columns[0]!);
    if (table === s.users) personColumns.push(s.users.id);
    for (const column of personColumns) if (!declared.has(column)) missing.push(`${getTableName(table)}.${column.name}`);
  }
  return missing;
}
