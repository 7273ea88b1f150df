// How long an organisation keeps some personal data, and the job step that
// removes what has expired: private mentoring notes, the comments of
// meeting evaluations (their scores stay, they name no one), and imported
// survey rows. Each setting is whole days, 1 or more; empty keeps the rows
// until the person's account is deleted.
import { and, eq, inArray, isNotNull, lt, ne, sql } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { meetingEvaluations, mentorshipNotes, organisations, reunions, surveyScores, users } from "../../../db/schema";
import { recordAudit } from "../audit/record-audit.server";
import { ForbiddenError, NotFoundError } from "../http-errors";
import { canAdministerOrg, type Actor } from "../policy";

export type DataSettings = {
  deletionCoolingOffDays: number;
  privateNotesRetentionDays: number | null;
  evaluationCommentsRetentionDays: number | null;
  surveyRetentionDays: number | null;
};

export async function getDataSettings(db: Database, actor: Actor, orgId: string): Promise<DataSettings> {
  if (!canAdministerOrg(actor, orgId)) throw new ForbiddenError();
  const [org] = await db
    .select({
      deletionCoolingOffDays: organisations.deletionCoolingOffDays,
      privateNotesRetentionDays: organisations.privateNotesRetentionDays,
      evaluationCommentsRetentionDays: organisations.evaluationCommentsRetentionDays,
      surveyRetentionDays: organisations.surveyRetentionDays,
    })
    .from(organisations)
    .where(eq(organisations.id, orgId));
  if (!org) throw new NotFoundError("org:settings.errors.notFound");
  return org;
}

export async function updateDataSettings(db: Database, actor: Actor, orgId: string, settings: DataSettings) {
  if (!canAdministerOrg(actor, orgId)) throw new ForbiddenError();
  await db.transaction(async (tx) => {
    const [org] = await tx.update(organisations).set(settings).where(eq(organisations.id, orgId)).returning({ name: organisations.name });
    if (!org) throw new NotFoundError("org:settings.errors.notFound");
    await recordAudit(tx, { actorId: actor.id, action: "organisation.retention_changed", targetType: "organisation", targetId: orgId, targetLabel: org.name, ownerOrgId: orgId, details: settings });
  });
}

const DAY = 86_400_000;
const before = (now: Date, days: number) => new Date(now.getTime() - days * DAY);

/** Removes, in every organisation that set a period, what is older than it. Returns how many rows each kind lost. */
export async function applyRetention(db: Database, { now = new Date() }: { now?: Date } = {}) {
  const orgs = await db
    .select({
      id: organisations.id,
      notes: organisations.privateNotesRetentionDays,
      comments: organisations.evaluationCommentsRetentionDays,
      surveys: organisations.surveyRetentionDays,
    })
    .from(organisations)
    .where(sql`${organisations.privateNotesRetentionDays} is not null or ${organisations.evaluationCommentsRetentionDays} is not null or ${organisations.surveyRetentionDays} is not null`);
  const removed = { privateNotes: 0, evaluationComments: 0, surveyRows: 0 };
  for (const org of orgs) {
    if (org.notes) {
      const people = db.select({ id: users.id }).from(users).where(eq(users.orgId, org.id));
      const gone = await db
        .delete(mentorshipNotes)
        .where(and(inArray(mentorshipNotes.authorId, people), lt(mentorshipNotes.createdAt, before(now, org.notes))))
        .returning({ id: mentorshipNotes.id });
      removed.privateNotes += gone.length;
    }
    if (org.comments) {
      // Evaluations carry no time of their own (so none can be attributed): the meeting's end dates them.
      const meetings = db
        .select({ id: reunions.id })
        .from(reunions)
        .where(and(eq(reunions.orgId, org.id), isNotNull(reunions.endsAt), lt(reunions.endsAt, before(now, org.comments))));
      const cleared = await db
        .update(meetingEvaluations)
        .set({ comment: "" })
        .where(and(inArray(meetingEvaluations.reunionId, meetings), ne(meetingEvaluations.comment, "")))
        .returning({ id: meetingEvaluations.id });
      removed.evaluationComments += cleared.length;
    }
    if (org.surveys) {
      // A survey row's period is its month's first day; the cut-off is a date.
      const cutoff = before(now, org.surveys).toISOString().slice(0, 10);
      const gone = await db
        .delete(surveyScores)
        .where(and(eq(surveyScores.orgId, org.id), lt(surveyScores.period, cutoff)))
        .returning({ userId: surveyScores.userId });
      removed.surveyRows += gone.length;
    }
  }
  return removed;
}
