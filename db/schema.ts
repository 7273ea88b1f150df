// The one definition of Roundtable's tables. drizzle-kit generates the
// committed migrations in db/migrations from this file.
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  check,
  customType,
  date,
  doublePrecision,
  index,
  jsonb,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

import { MINDSETS, type Mindset } from "./mindsets";
import { ROLES, type Role } from "./roles";

export { MINDSETS, ROLES, type Mindset, type Role };

// Text-search vectors (full-text search of modules and the directory).
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });
// Search indexes are updated as rows are written, not through GIN's pending
// list: only VACUUM empties that list, embedded PGlite never runs it, and
// every search would scan it (20–50 ms after 100,000 new people). Writes to
// these columns are rare (publishing, editing a profile).
const GIN_WITHOUT_PENDING_LIST = { fastupdate: false };

export const roleEnum = pgEnum("role", ROLES);
export const signupModeEnum = pgEnum("signup_mode", ["invite_only", "email_domain"]);
export const mindsetEnum = pgEnum("mindset", MINDSETS);
export const moduleStatusEnum = pgEnum("module_status", ["draft", "in_review", "published", "archived"]);
export const moduleVisibilityEnum = pgEnum("module_visibility", ["public", "organisation"]);
export const moduleAuthorRoleEnum = pgEnum("module_author_role", ["lead", "coauthor"]);
export const programmeModeEnum = pgEnum("programme_mode", ["programme_first", "programme_only"]);
export const groupKindEnum = pgEnum("group_kind", ["programme", "peer"]);
export const outboxStatusEnum = pgEnum("outbox_status", ["pending", "sending", "sent", "failed"]);
export const coCreationModeEnum = pgEnum("co_creation_mode", ["curated", "open"]);
export const proposalStatusEnum = pgEnum("proposal_status", ["open", "accepted", "declined", "merged"]);
export const submissionStateEnum = pgEnum("submission_state", ["in_review", "changes_requested", "rejected", "published", "withdrawn"]);
export const approvalCapacityEnum = pgEnum("approval_capacity", ["moderator", "author"]);
export const reportStatusEnum = pgEnum("report_status", ["open", "resolved", "hidden", "dismissed"]);
export const reviewItemKindEnum = pgEnum("review_item_kind", ["proposal", "draft", "report", "group"]);
export const emailDeliveryEnum = pgEnum("email_delivery", ["immediately", "daily", "off"]);
export const reunionFormatEnum = pgEnum("reunion_format", ["classic", "open_space"]);
export const reunionStatusEnum = pgEnum("reunion_status", ["polling", "scheduled", "cancelled"]);
export const reunionAudienceKindEnum = pgEnum("reunion_audience_kind", ["group", "organisation", "person"]);
export const slotAnswerEnum = pgEnum("slot_answer", ["yes", "if_need_be", "no"]);
export const rsvpAnswerEnum = pgEnum("rsvp_answer", ["going", "maybe", "not_going"]);
export const proceedingsVisibilityEnum = pgEnum("proceedings_visibility", ["audience", "organisation", "everyone"]);
export const notificationEmailStatusEnum = pgEnum("notification_email_status", ["pending", "digest", "done"]);
export const joinPolicyEnum = pgEnum("join_policy", ["open", "request", "invite"]);
export const groupStatusEnum = pgEnum("group_status", ["gathering", "awaiting_approval", "active"]);
export const groupRoleEnum = pgEnum("group_role", ["convener", "member", "mentor", "facilitator"]);
export const joinDecisionEnum = pgEnum("join_decision", ["conveners", "vote"]);
export const joinRequestKindEnum = pgEnum("join_request_kind", ["request", "invite"]);
export const joinRequestStatusEnum = pgEnum("join_request_status", ["pending", "accepted", "declined", "withdrawn", "expired"]);
export const voteEnum = pgEnum("vote", ["yes", "no"]);
export const meetingNoteKindEnum = pgEnum("meeting_note_kind", ["takeaway", "action"]);
export const actionFollowUpEnum = pgEnum("action_follow_up", ["tried", "not_yet", "dropped"]);
export const mentoringScopeEnum = pgEnum("mentoring_scope", ["own_org", "any_org"]);
export const mentoringRequestStatusEnum = pgEnum("mentoring_request_status", ["open", "matched", "closed"]);
export const mentorshipStatusEnum = pgEnum("mentorship_status", ["asked", "active", "declined", "withdrawn", "ended"]);
export const cycleStateEnum = pgEnum("cycle_state", ["planned", "running", "evaluating", "continued", "ended"]);
export const attendanceStatusEnum = pgEnum("attendance_status", ["present", "excused", "absent"]);
export const continueVoteEnum = pgEnum("continue_vote", ["continue", "stop"]);
export const continueVoteRuleEnum = pgEnum("continue_vote_rule", ["majority_of_votes", "majority_of_members"]);
export const conversionStatusEnum = pgEnum("conversion_status", ["open", "converted", "declined"]);

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const organisations = pgTable("organisations", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  slug: text("slug").notNull().unique(),
  signupMode: signupModeEnum("signup_mode").notNull().default("invite_only"),
  // Lower-case domain such as "example.com"; only used with email_domain sign-up.
  allowedEmailDomain: text("allowed_email_domain").unique(),
  // Whether participants see only the organisation's programme, or everything with it first.
  programmeMode: programmeModeEnum("programme_mode").notNull().default("programme_first"),
  // Whether its alumni may meet other organisations' alumni: the directory, peer groups, mentoring.
  crossOrgConnections: boolean("cross_org_connections").notNull().default(false),
  // A new peer group gathers interest until this many people from this many departments (null: none).
  groupFoundingMinPeople: integer("group_founding_min_people"),
  groupFoundingMinDepartments: integer("group_founding_min_departments"),
  // And then waits for a moderator of the organisation.
  groupsNeedApproval: boolean("groups_need_approval").notNull().default(false),
  // The programme's continue vote (docs/decisions/024-the-programme.md): the rule, the share of members who must vote, the window.
  continueVoteRule: continueVoteRuleEnum("continue_vote_rule").notNull().default("majority_of_votes"),
  continueVoteQuorumPercent: integer("continue_vote_quorum_percent").notNull().default(50),
  continueVoteWindowDays: integer("continue_vote_window_days").notNull().default(14),
  // Whether enrolled people may name colleagues they would like to meet, or would rather not, for group formation.
  formationPreferences: boolean("formation_preferences").notNull().default(false),
  // Generated on first start: every page of it says so.
  demoData: boolean("demo_data").notNull().default(false),
  // The language of pages for members who have not chosen one (app/domain/i18n/languages.ts).
  defaultLanguage: text("default_language").notNull().default("en"),
  // People's data under their own control (docs/privacy.md): the days between
  // asking for an account's deletion and its erasure, and how long some
  // personal rows are kept (null: until the person's account is deleted).
  deletionCoolingOffDays: integer("deletion_cooling_off_days").notNull().default(14),
  privateNotesRetentionDays: integer("private_notes_retention_days"),
  evaluationCommentsRetentionDays: integer("evaluation_comments_retention_days"),
  surveyRetentionDays: integer("survey_retention_days"),
  createdAt: createdAt(),
}, (t) => [
  check("organisations_default_language", sql`${t.defaultLanguage} in ('en', 'ja')`),
  check("organisations_deletion_cooling_off_days", sql`${t.deletionCoolingOffDays} > 0`),
  check(
    "organisations_retention_days",
    sql`(${t.privateNotesRetentionDays} is null or ${t.privateNotesRetentionDays} > 0) and (${t.evaluationCommentsRetentionDays} is null or ${t.evaluationCommentsRetentionDays} > 0) and (${t.surveyRetentionDays} is null or ${t.surveyRetentionDays} > 0)`,
  ),
]);

export const departments = pgTable(
  "departments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("departments_org_name_idx").on(t.orgId, sql`lower(${t.name})`)],
);

export const sites = pgTable(
  "sites",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("sites_org_name_idx").on(t.orgId, sql`lower(${t.name})`)],
);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Stored lower-cased; see normaliseEmail.
    email: text("email").notNull().unique(),
    passwordHash: text("password_hash").notNull(),
    name: text("name").notNull(),
    jobTitle: text("job_title").notNull().default(""),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    departmentId: uuid("department_id").references(() => departments.id, { onDelete: "set null" }),
    siteId: uuid("site_id").references(() => sites.id, { onDelete: "set null" }),
    managerId: uuid("manager_id").references((): AnyPgColumn => users.id, { onDelete: "set null" }),
    timeZone: text("time_zone").notNull().default("UTC"),
    // The person's own choice of language; null follows the organisation's default, then the browser.
    language: text("language"),
    bio: text("bio").notNull().default(""),
    // Set when the account was deleted: the row stays so shared work keeps its
    // author, but it holds nothing personal and reads "Former member".
    erasedAt: timestamp("erased_at", { withTimezone: true }),
    expertise: text("expertise").array().notNull().default(sql`'{}'::text[]`),
    // What the directory searches: name (A), bio (B) and expertise (C), each
    // word as written. A search keeps only the parts a person shows
    // (ts_filter by weight). Expertise goes through array_to_tsvector and
    // back to text because array_to_string may not be used here (it is not
    // immutable); both keep every word of every tag.
    directoryVector: tsvector("directory_vector").generatedAlwaysAs(
      sql`setweight(to_tsvector('simple'::regconfig, name), 'A') || setweight(to_tsvector('simple'::regconfig, bio), 'B') || setweight(to_tsvector('simple'::regconfig, array_to_tsvector(expertise)::text), 'C')`,
    ),
    createdAt: createdAt(),
  },
  (t) => [
    index("users_org_idx").on(t.orgId),
    check("users_language", sql`${t.language} is null or ${t.language} in ('en', 'ja')`),
    index("users_directory_search_idx").using("gin", t.directoryVector).with(GIN_WITHOUT_PENDING_LIST),
    index("users_expertise_idx").using("gin", t.expertise).with(GIN_WITHOUT_PENDING_LIST),
    // The directory's order, so a page of it is read without sorting everyone.
    index("users_name_order_idx").on(sql`lower(${t.name})`, t.id),
  ],
);

export const userRoles = pgTable(
  "user_roles",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: roleEnum("role").notNull(),
    grantedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
);

export const sessions = pgTable(
  "sessions",
  {
    // SHA-256 of the token, hex. The token itself is never stored.
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const passwordResets = pgTable(
  "password_resets",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("password_resets_user_idx").on(t.userId)],
);

export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    name: text("name").notNull().default(""),
    jobTitle: text("job_title").notNull().default(""),
    departmentId: uuid("department_id").references(() => departments.id, { onDelete: "set null" }),
    siteId: uuid("site_id").references(() => sites.id, { onDelete: "set null" }),
    roles: roleEnum("roles").array().notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("invitations_org_idx").on(t.orgId), index("invitations_email_idx").on(t.email)],
);

// Per-account sign-in throttle, keyed by a hash of the normalised email so
// that unknown addresses are throttled exactly like real ones.
export const loginThrottle = pgTable("login_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

// The one way to send email: rows here are delivered by the outbox job when
// SMTP_URL is set, and readable at /admin/outbox either way.
export const outbox = pgTable(
  "outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").notNull(),
    to: text("to_address").notNull(),
    subject: text("subject").notNull(),
    text: text("body_text").notNull(),
    status: outboxStatusEnum("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("outbox_due_idx").on(t.status, t.nextAttemptAt), index("outbox_created_idx").on(t.createdAt)],
);

// Small facts about this database, such as when the demo data was created.
export const appMeta = pgTable("app_meta", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});


export const modules = pgTable(
  "modules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull().unique(),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    mindset: mindsetEnum("mindset").notNull(),
    secondaryMindsets: mindsetEnum("secondary_mindsets").array().notNull().default(sql`'{}'`),
    topics: text("topics").array().notNull().default(sql`'{}'::text[]`),
    visibility: moduleVisibilityEnum("visibility").notNull().default("public"),
    // Set for organisation-private modules; null for public ones.
    ownerOrgId: uuid("owner_org_id").references(() => organisations.id, { onDelete: "cascade" }),
    status: moduleStatusEnum("status").notNull().default("draft"),
    // Denormalised from the latest published revision, so the catalogue reads one table.
    publishedRevisionId: uuid("published_revision_id"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    pageCount: integer("page_count").notNull().default(0),
    // How co-authors come in: the lead invites them (curated) or alumni in scope join (open).
    coCreationMode: coCreationModeEnum("co_creation_mode").notNull().default("curated"),
    // Where the module came from, when it grew out of a proposal.
    originProposalId: uuid("origin_proposal_id"),
    // The lead thought leader whose approval publishing also needs, besides a moderator's.
    requiredApproverId: uuid("required_approver_id").references(() => users.id, { onDelete: "set null" }),
    // Title (A) > summary (B) > questions (C) > body (D), rebuilt on publish.
    // Large and stored out of line: searches only match it, through its index.
    searchVector: tsvector("search_vector"),
    // The title's words, small and in the row: a title match is found from its
    // index and puts a module first among the results. Written on publish, like
    // the search vector: a Japanese title is split into words in Node first.
    titleVector: tsvector("title_vector"),
    // The language its text is written in ('en' or 'ja', app/domain/i18n/languages.ts).
    language: text("language").notNull().default("en"),
    // The module this one translates: always the first of its translation group
    // (docs/decisions/039-modules-in-two-languages.md); null for that first one.
    translationOf: uuid("translation_of").references((): AnyPgColumn => modules.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("modules_language", sql`${t.language} in ('en', 'ja')`),
    check("modules_translation_not_itself", sql`${t.translationOf} <> ${t.id}`),
    // Each language at most once in a translation group (the first module and the modules translating it).
    uniqueIndex("modules_translation_language_idx").on(sql`coalesce(${t.translationOf}, ${t.id})`, t.language),
    // The catalogue's one-entry-per-group rule reads the few translated modules from here.
    index("modules_translation_of_idx").on(t.translationOf).where(sql`${t.translationOf} is not null`),
    index("modules_search_idx").using("gin", t.searchVector).with(GIN_WITHOUT_PENDING_LIST),
    index("modules_title_search_idx").using("gin", t.titleVector).with(GIN_WITHOUT_PENDING_LIST),
    index("modules_topics_idx").using("gin", t.topics),
    index("modules_status_mindset_idx").on(t.status, t.mindset),
    index("modules_owner_org_idx").on(t.ownerOrgId),
  ],
);

export const moduleAuthors = pgTable(
  "module_authors",
  {
    moduleId: uuid("module_id")
      .notNull()
      .references(() => modules.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: moduleAuthorRoleEnum("role").notNull(),
    addedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.moduleId, t.userId] }), index("module_authors_user_idx").on(t.userId)],
);

// Immutable: a trigger in the migrations refuses UPDATE and DELETE.
export const moduleRevisions = pgTable(
  "module_revisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    moduleId: uuid("module_id")
      .notNull()
      .references(() => modules.id, { onDelete: "restrict" }),
    number: integer("number").notNull(),
    doc: jsonb("doc").notNull(),
    html: text("html").notNull(),
    plainText: text("plain_text").notNull(),
    questions: text("questions").array().notNull(),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    // The review that approved it; null for imported and seeded revisions.
    submissionId: uuid("submission_id"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("module_revisions_number_idx").on(t.moduleId, t.number)],
);

// The small vector a search ranks by: the title (A), summary (B) and
// questions (C) as published with a revision, without the body. Written with
// the revision and never changed, like it.
export const moduleRankVectors = pgTable("module_rank_vectors", {
  revisionId: uuid("revision_id")
    .primaryKey()
    .references(() => moduleRevisions.id, { onDelete: "cascade" }),
  vector: tsvector("vector").notNull(),
});

// "Our programme": the subset of the catalogue an organisation uses.
export const programmeModules = pgTable(
  "programme_modules",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    moduleId: uuid("module_id")
      .notNull()
      .references(() => modules.id, { onDelete: "cascade" }),
    addedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.moduleId] })],
);

export const groups = pgTable(
  "groups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    kind: groupKindEnum("kind").notNull().default("programme"),
    // A programme group's cohort; kept when the group carries on as a peer group.
    cohortId: uuid("cohort_id").references((): AnyPgColumn => cohorts.id, { onDelete: "set null" }),
    // Peer groups (docs/decisions/016-peer-groups.md); programme groups keep the defaults.
    field: text("field").notNull().default(""),
    charter: text("charter").notNull().default(""),
    joinPolicy: joinPolicyEnum("join_policy").notNull().default("invite"),
    joinDecision: joinDecisionEnum("join_decision").notNull().default("conveners"),
    // With joinDecision "vote": how many members must vote, and for how long a vote stays open.
    voteQuorum: integer("vote_quorum"),
    voteWindowHours: integer("vote_window_hours").notNull().default(72),
    crossOrg: boolean("cross_org").notNull().default(false),
    sizeCap: integer("size_cap"),
    status: groupStatusEnum("status").notNull().default("active"),
    founderId: uuid("founder_id").references(() => users.id, { onDelete: "set null" }),
    approvedBy: uuid("approved_by").references(() => users.id, { onDelete: "set null" }),
    activatedAt: timestamp("activated_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("groups_org_idx").on(t.orgId),
    index("groups_cohort_idx").on(t.cohortId),
    // Peer groups are found by name across organisations, so two may not share one.
    uniqueIndex("groups_peer_name_idx").on(sql`lower(${t.name})`).where(sql`${t.kind} = 'peer'`),
  ],
);

export const groupMembers = pgTable(
  "group_members",
  {
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: groupRoleEnum("role").notNull().default("member"),
    joinedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index("group_members_user_idx").on(t.userId)],
);

// People interested in a peer group that is still gathering its founding members.
export const groupInterest = pgTable(
  "group_interest",
  {
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] })],
);

// A request to join (from the person) or an invitation (from a member); one pending per person and group.
export const groupJoinRequests = pgTable(
  "group_join_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: joinRequestKindEnum("kind").notNull(),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    message: text("message").notNull().default(""),
    status: joinRequestStatusEnum("status").notNull().default("pending"),
    // With a member vote: when the vote closes.
    closesAt: timestamp("closes_at", { withTimezone: true }),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("group_join_requests_pending_idx").on(t.groupId, t.userId).where(sql`${t.status} = 'pending'`),
    index("group_join_requests_user_idx").on(t.userId),
  ],
);

export const groupJoinVotes = pgTable(
  "group_join_votes",
  {
    requestId: uuid("request_id")
      .notNull()
      .references(() => groupJoinRequests.id, { onDelete: "cascade" }),
    voterId: uuid("voter_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    vote: voteEnum("vote").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.voterId] })],
);

// People a group's conveners removed for good: they cannot join, ask or be invited again.
export const groupBans = pgTable(
  "group_bans",
  {
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    bannedBy: uuid("banned_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] })],
);

// What a person shows in the alumni directory; without a row they are not listed.
export const directoryProfiles = pgTable("directory_profiles", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  listed: boolean("listed").notNull().default(false),
  showOrganisation: boolean("show_organisation").notNull().default(true),
  showDepartment: boolean("show_department").notNull().default(false),
  showSite: boolean("show_site").notNull().default(false),
  showExpertise: boolean("show_expertise").notNull().default(true),
  showBio: boolean("show_bio").notNull().default(false),
  showMentoring: boolean("show_mentoring").notNull().default(false),
  showGroups: boolean("show_groups").notNull().default(false),
  // Visible to other organisations' alumni, when both organisations allow it too.
  crossOrg: boolean("cross_org").notNull().default(false),
  mindsetInterests: mindsetEnum("mindset_interests").array().notNull().default(sql`'{}'::mindset[]`),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

// Personal take-aways from a meeting. Private unless shared with a group.
export const takeaways = pgTable(
  "takeaways",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    moduleId: uuid("module_id")
      .notNull()
      .references(() => modules.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    sharedWithGroupId: uuid("shared_with_group_id").references(() => groups.id, { onDelete: "set null" }),
    // The programme meeting it came from, and "did you try it?" answered afterwards.
    meetingId: uuid("meeting_id").references((): AnyPgColumn => reunions.id, { onDelete: "set null" }),
    followUp: actionFollowUpEnum("follow_up"),
    followedUpAt: timestamp("followed_up_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("takeaways_user_idx").on(t.userId, t.createdAt), index("takeaways_group_idx").on(t.sharedWithGroupId), index("takeaways_meeting_idx").on(t.meetingId)],
);

// Bytes as Uint8Array on both drivers (postgres-js returns a Buffer, which is one).
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  // postgres-js sends a Buffer as bytea; PGlite takes either.
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
});

// The collaborative documents (a module's working draft is "module.<id>").
// Accepted updates are appended here in group commits before anyone is told
// they are saved; compaction folds them into collab_snapshots.
export const collabUpdates = pgTable(
  "collab_updates",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    documentName: text("document_name").notNull(),
    update: bytea("update").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("collab_updates_document_idx").on(t.documentName, t.id)],
);

export const collabSnapshots = pgTable("collab_snapshots", {
  documentName: text("document_name").primaryKey(),
  state: bytea("state").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

// Co-creation and moderation (docs/decisions/010-review-workflow.md).

export const proposals = pgTable(
  "proposals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    proposerId: uuid("proposer_id").references(() => users.id, { onDelete: "set null" }),
    // The proposer's organisation; also the owner when the proposal is private to it.
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    visibility: moduleVisibilityEnum("visibility").notNull().default("organisation"),
    title: text("title").notNull(),
    challenge: text("challenge").notNull(),
    mindset: mindsetEnum("mindset").notNull(),
    draftQuestions: text("draft_questions").array().notNull().default(sql`'{}'::text[]`),
    suggestedMode: coCreationModeEnum("suggested_mode").notNull().default("curated"),
    status: proposalStatusEnum("status").notNull().default("open"),
    decisionReason: text("decision_reason"),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    mergedIntoId: uuid("merged_into_id"),
    moduleId: uuid("module_id").references(() => modules.id, { onDelete: "set null" }),
    // Set when the idea came out of an open-space break-out: the session and its notes.
    originSessionId: uuid("origin_session_id"),
    createdAt: createdAt(),
  },
  (t) => [index("proposals_org_idx").on(t.orgId), index("proposals_created_idx").on(t.createdAt)],
);

export const proposalSupports = pgTable(
  "proposal_supports",
  {
    proposalId: uuid("proposal_id")
      .notNull()
      .references(() => proposals.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.userId] })],
);

// Threaded comments on a proposal, or on one page of a module's working draft.
export const comments = pgTable(
  "comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    proposalId: uuid("proposal_id").references(() => proposals.id, { onDelete: "cascade" }),
    moduleId: uuid("module_id").references(() => modules.id, { onDelete: "cascade" }),
    // The draft page's stable id (page attrs.id); null on proposals.
    pageId: text("page_id"),
    // A peer group's discussion.
    groupId: uuid("group_id").references(() => groups.id, { onDelete: "cascade" }),
    parentId: uuid("parent_id"),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedBy: uuid("resolved_by").references(() => users.id, { onDelete: "set null" }),
    // Set by a moderator acting on a report; the text is no longer shown.
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("comments_proposal_idx").on(t.proposalId, t.createdAt),
    index("comments_module_idx").on(t.moduleId, t.pageId, t.createdAt),
    index("comments_group_idx").on(t.groupId, t.createdAt),
  ],
);

// One review round: the exact Yjs state the lead submitted, frozen.
export const moduleSubmissions = pgTable(
  "module_submissions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    moduleId: uuid("module_id")
      .notNull()
      .references(() => modules.id, { onDelete: "cascade" }),
    round: integer("round").notNull(),
    submittedBy: uuid("submitted_by").references(() => users.id, { onDelete: "set null" }),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
    state: submissionStateEnum("state").notNull().default("in_review"),
    // Y.encodeStateAsUpdate of the draft, and its Y.snapshot to tell whether the draft moved on.
    candidateState: bytea("candidate_state").notNull(),
    candidateSnapshot: bytea("candidate_snapshot").notNull(),
    candidateDoc: jsonb("candidate_doc").notNull(),
    // The published revision the candidate is compared with; null for a new module.
    baseRevisionId: uuid("base_revision_id"),
    rebasedAt: timestamp("rebased_at", { withTimezone: true }),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decisionReason: text("decision_reason"),
    publishedRevisionId: uuid("published_revision_id"),
  },
  (t) => [
    uniqueIndex("module_submissions_round_idx").on(t.moduleId, t.round),
    // At most one open review per module.
    uniqueIndex("module_submissions_open_idx").on(t.moduleId).where(sql`state = 'in_review'`),
  ],
);

export const submissionApprovals = pgTable(
  "submission_approvals",
  {
    submissionId: uuid("submission_id")
      .notNull()
      .references(() => moduleSubmissions.id, { onDelete: "cascade" }),
    capacity: approvalCapacityEnum("capacity").notNull(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.capacity] })],
);

export const reports = pgTable(
  "reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reporterId: uuid("reporter_id").references(() => users.id, { onDelete: "set null" }),
    moduleId: uuid("module_id").references(() => modules.id, { onDelete: "cascade" }),
    commentId: uuid("comment_id").references(() => comments.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    status: reportStatusEnum("status").notNull().default("open"),
    resolvedBy: uuid("resolved_by").references(() => users.id, { onDelete: "set null" }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolutionNote: text("resolution_note"),
    createdAt: createdAt(),
  },
  (t) => [index("reports_status_idx").on(t.status)],
);

// The moderators' queue: one row per proposal, submission or report while it
// waits, so claiming, ageing and reminders work the same for all three.
export const reviewItems = pgTable(
  "review_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: reviewItemKindEnum("kind").notNull(),
    proposalId: uuid("proposal_id").references(() => proposals.id, { onDelete: "cascade" }),
    submissionId: uuid("submission_id").references(() => moduleSubmissions.id, { onDelete: "cascade" }),
    reportId: uuid("report_id").references(() => reports.id, { onDelete: "cascade" }),
    groupId: uuid("group_id").references(() => groups.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    mindset: mindsetEnum("mindset"),
    // Null when public: any moderator may take it; otherwise that organisation's moderators.
    ownerOrgId: uuid("owner_org_id").references(() => organisations.id, { onDelete: "cascade" }),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    claimedBy: uuid("claimed_by").references(() => users.id, { onDelete: "set null" }),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
  },
  (t) => [
    index("review_items_open_idx").on(t.closedAt, t.openedAt),
    uniqueIndex("review_items_proposal_idx").on(t.proposalId),
    uniqueIndex("review_items_submission_idx").on(t.submissionId),
    uniqueIndex("review_items_report_idx").on(t.reportId),
    uniqueIndex("review_items_group_idx").on(t.groupId),
  ],
);

// A moderator may limit their queue to some mindsets; none means all.
export const moderatorMindsets = pgTable(
  "moderator_mindsets",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    mindset: mindsetEnum("mindset").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.mindset] })],
);

// Append-only: a trigger in the migrations refuses UPDATE and DELETE.
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id"),
    actorName: text("actor_name").notNull(),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    targetLabel: text("target_label").notNull().default(""),
    // Null when the event concerns public content; else the organisation it belongs to.
    ownerOrgId: uuid("owner_org_id"),
    reason: text("reason"),
    details: jsonb("details").notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [index("audit_events_at_idx").on(t.at), index("audit_events_target_idx").on(t.targetType, t.targetId)],
);

export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    link: text("link").notNull(),
    createdAt: createdAt(),
    readAt: timestamp("read_at", { withTimezone: true }),
    // pending: the email job has not looked at it; digest: waits for the daily digest; done: emailed or not wanted.
    emailStatus: notificationEmailStatusEnum("email_status").notNull().default("pending"),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.createdAt), index("notifications_email_idx").on(t.emailStatus, t.userId)],
);

export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    delivery: emailDeliveryEnum("delivery").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

export const emailDigests = pgTable("email_digests", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  lastSentAt: timestamp("last_sent_at", { withTimezone: true }).notNull(),
});

// Reunions and open-space events (docs/decisions/013-reunions.md).

// A recurring reunion: each occurrence is a reunions row that can be moved or cancelled alone.
export const reunionSeries = pgTable("reunion_series", {
  id: uuid("id").primaryKey().defaultRandom(),
  organiserId: uuid("organiser_id").references(() => users.id, { onDelete: "set null" }),
  intervalMonths: integer("interval_months").notNull(),
  createdAt: createdAt(),
});

export const reunions = pgTable(
  "reunions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // The organiser's organisation: the reunion is never visible outside its audience.
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    organiserId: uuid("organiser_id").references(() => users.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    format: reunionFormatEnum("format").notNull().default("classic"),
    status: reunionStatusEnum("status").notNull().default("polling"),
    // Where: a physical place, an online link, or both.
    location: text("location").notNull().default(""),
    onlineUrl: text("online_url"),
    capacity: integer("capacity"),
    // The organiser's IANA time zone, shown beside each person's own.
    timeZone: text("time_zone").notNull(),
    pollDeadline: timestamp("poll_deadline", { withTimezone: true }),
    pollRemindedAt: timestamp("poll_reminded_at", { withTimezone: true }),
    startsAt: timestamp("starts_at", { withTimezone: true }),
    endsAt: timestamp("ends_at", { withTimezone: true }),
    // iCalendar SEQUENCE: bumped by every change people must hear about.
    sequence: integer("sequence").notNull().default(0),
    reminderSentAt: timestamp("reminder_sent_at", { withTimezone: true }),
    seriesId: uuid("series_id").references(() => reunionSeries.id, { onDelete: "set null" }),
    occurrence: integer("occurrence"),
    proceedingsVisibility: proceedingsVisibilityEnum("proceedings_visibility").notNull().default("audience"),
    proceedingsHideNames: boolean("proceedings_hide_names").notNull().default(false),
    // A peer group's meeting (its audience is the group) and the module the group chose for it.
    groupId: uuid("group_id").references(() => groups.id, { onDelete: "cascade" }),
    moduleId: uuid("module_id").references(() => modules.id, { onDelete: "set null" }),
    // A mentoring pair's check-in (its audience is the two of them).
    mentorshipId: uuid("mentorship_id").references(() => mentorships.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("reunions_org_idx").on(t.orgId), index("reunions_starts_idx").on(t.startsAt), index("reunions_series_idx").on(t.seriesId, t.occurrence), index("reunions_group_idx").on(t.groupId), index("reunions_mentorship_idx").on(t.mentorshipId)],
);

// Who is invited: former groups, a peer group, all alumni of an organisation, or named people.
export const reunionAudience = pgTable(
  "reunion_audience",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reunionId: uuid("reunion_id")
      .notNull()
      .references(() => reunions.id, { onDelete: "cascade" }),
    kind: reunionAudienceKindEnum("kind").notNull(),
    groupId: uuid("group_id").references(() => groups.id, { onDelete: "cascade" }),
    orgId: uuid("org_id").references(() => organisations.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [index("reunion_audience_reunion_idx").on(t.reunionId)],
);

// Candidate dates: each an explicit start and end in a named time zone.
export const reunionSlots = pgTable(
  "reunion_slots",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reunionId: uuid("reunion_id")
      .notNull()
      .references(() => reunions.id, { onDelete: "cascade" }),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    timeZone: text("time_zone").notNull(),
  },
  (t) => [index("reunion_slots_reunion_idx").on(t.reunionId, t.startsAt)],
);

export const slotVotes = pgTable(
  "slot_votes",
  {
    slotId: uuid("slot_id")
      .notNull()
      .references(() => reunionSlots.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    answer: slotAnswerEnum("answer").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.slotId, t.userId] })],
);

// Answers to the invitation. With a capacity, "going" beyond it waits in line (waitlisted_at set).
export const reunionRsvps = pgTable(
  "reunion_rsvps",
  {
    reunionId: uuid("reunion_id")
      .notNull()
      .references(() => reunions.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    answer: rsvpAnswerEnum("answer").notNull(),
    waitlistedAt: timestamp("waitlisted_at", { withTimezone: true }),
    checkedInAt: timestamp("checked_in_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.reunionId, t.userId] }), index("reunion_rsvps_user_idx").on(t.userId)],
);

// A person's private calendar feed; only the token's hash is stored.
export const calendarFeeds = pgTable("calendar_feeds", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  tokenHash: text("token_hash").notNull().unique(),
  createdAt: createdAt(),
});

// Open space: rooms and time slots set by the organiser, sessions proposed by participants.
export const openSpaceRooms = pgTable("open_space_rooms", {
  id: uuid("id").primaryKey().defaultRandom(),
  reunionId: uuid("reunion_id")
    .notNull()
    .references(() => reunions.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  capacity: integer("capacity").notNull(),
});

export const openSpaceTimeSlots = pgTable("open_space_time_slots", {
  id: uuid("id").primaryKey().defaultRandom(),
  reunionId: uuid("reunion_id")
    .notNull()
    .references(() => reunions.id, { onDelete: "cascade" }),
  startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
  endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
});

export const openSpaceSessions = pgTable(
  "open_space_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reunionId: uuid("reunion_id")
      .notNull()
      .references(() => reunions.id, { onDelete: "cascade" }),
    topic: text("topic").notNull(),
    description: text("description").notNull().default(""),
    convenerId: uuid("convener_id").references(() => users.id, { onDelete: "set null" }),
    roomId: uuid("room_id").references(() => openSpaceRooms.id, { onDelete: "set null" }),
    timeSlotId: uuid("time_slot_id").references(() => openSpaceTimeSlots.id, { onDelete: "set null" }),
    // Placed by the organiser by hand: the automatic schedule leaves it where it is.
    pinned: boolean("pinned").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index("open_space_sessions_reunion_idx").on(t.reunionId)],
);

export const openSpaceInterest = pgTable(
  "open_space_interest",
  {
    sessionId: uuid("session_id")
      .notNull()
      .references(() => openSpaceSessions.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] })],
);

// What a peer group keeps from a meeting: shared take-aways, and actions someone
// means to try, followed up at the next meeting ("did you try it?").
export const meetingNotes = pgTable(
  "meeting_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => reunions.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    kind: meetingNoteKindEnum("kind").notNull(),
    text: text("text").notNull(),
    // For an action: who means to try it, and what came of it.
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "set null" }),
    followUp: actionFollowUpEnum("follow_up"),
    followUpNote: text("follow_up_note").notNull().default(""),
    followedUpAt: timestamp("followed_up_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("meeting_notes_group_idx").on(t.groupId, t.createdAt), index("meeting_notes_meeting_idx").on(t.meetingId)],
);

// Mentoring (docs/decisions/017-mentoring.md).

export const mentorOffers = pgTable("mentor_offers", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  topics: text("topics").array().notNull().default(sql`'{}'::text[]`),
  capacity: integer("capacity").notNull(),
  format: text("format").notNull().default(""),
  scope: mentoringScopeEnum("scope").notNull().default("own_org"),
  active: boolean("active").notNull().default(true),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const mentoringRequests = pgTable(
  "mentoring_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    menteeId: uuid("mentee_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    goal: text("goal").notNull(),
    topics: text("topics").array().notNull().default(sql`'{}'::text[]`),
    scope: mentoringScopeEnum("scope").notNull().default("own_org"),
    status: mentoringRequestStatusEnum("status").notNull().default("open"),
    createdAt: createdAt(),
  },
  (t) => [index("mentoring_requests_mentee_idx").on(t.menteeId)],
);

export const mentorships = pgTable(
  "mentorships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    mentorId: uuid("mentor_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    menteeId: uuid("mentee_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    requestId: uuid("request_id").references(() => mentoringRequests.id, { onDelete: "set null" }),
    message: text("message").notNull().default(""),
    status: mentorshipStatusEnum("status").notNull().default("asked"),
    declineReason: text("decline_reason"),
    endsOn: date("ends_on", { mode: "string" }),
    createdAt: createdAt(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [
    index("mentorships_mentor_idx").on(t.mentorId, t.status),
    index("mentorships_mentee_idx").on(t.menteeId, t.status),
    // One open ask or running pair between the same two people.
    uniqueIndex("mentorships_open_pair_idx").on(t.mentorId, t.menteeId).where(sql`${t.status} in ('asked', 'active')`),
  ],
);

export const mentorshipGoals = pgTable("mentorship_goals", {
  id: uuid("id").primaryKey().defaultRandom(),
  mentorshipId: uuid("mentorship_id")
    .notNull()
    .references(() => mentorships.id, { onDelete: "cascade" }),
  text: text("text").notNull(),
  createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
  doneAt: timestamp("done_at", { withTimezone: true }),
  createdAt: createdAt(),
});

// Each person's own notes on the pair: never shown to the other.
export const mentorshipNotes = pgTable(
  "mentorship_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    mentorshipId: uuid("mentorship_id")
      .notNull()
      .references(() => mentorships.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("mentorship_notes_idx").on(t.mentorshipId, t.authorId)],
);

// Each person's short closing reflection when the pair ends.
export const mentorshipReflections = pgTable(
  "mentorship_reflections",
  {
    mentorshipId: uuid("mentorship_id")
      .notNull()
      .references(() => mentorships.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.mentorshipId, t.userId] })],
);

// The programme (docs/decisions/024-the-programme.md): cohorts of enrolled
// people, split into groups that run cycles of meetings.

export const cohorts = pgTable(
  "cohorts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    meetingsPerCycle: integer("meetings_per_cycle").notNull().default(6),
    intervalMonths: integer("interval_months").notNull().default(1),
    meetingMinutes: integer("meeting_minutes").notNull().default(90),
    groupSizeMin: integer("group_size_min").notNull().default(5),
    groupSizeMax: integer("group_size_max").notNull().default(8),
    // Meetings attended in a cycle that make an alumnus.
    alumniThreshold: integer("alumni_threshold").notNull().default(4),
    // From this meeting on, the facilitator may hand a meeting to a member host.
    handoverFromMeeting: integer("handover_from_meeting").notNull().default(4),
    timeZone: text("time_zone").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    sponsorshipEndedAt: timestamp("sponsorship_ended_at", { withTimezone: true }),
    sponsorshipEndedBy: uuid("sponsorship_ended_by").references(() => users.id, { onDelete: "set null" }),
    // The formation set-up as last saved (app/domain/formation/formation-settings.ts); null: the defaults.
    formationSettings: jsonb("formation_settings"),
    createdAt: createdAt(),
  },
  (t) => [index("cohorts_org_idx").on(t.orgId), uniqueIndex("cohorts_org_name_idx").on(t.orgId, sql`lower(${t.name})`)],
);

export const cohortMembers = pgTable(
  "cohort_members",
  {
    cohortId: uuid("cohort_id")
      .notNull()
      .references(() => cohorts.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    enrolledBy: uuid("enrolled_by").references(() => users.id, { onDelete: "set null" }),
    enrolledAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.cohortId, t.userId] }), index("cohort_members_user_idx").on(t.userId)],
);

// One cycle of a programme group's meetings; the state machine is app/domain/programme/cycle-lifecycle.ts.
export const cycles = pgTable(
  "cycles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    state: cycleStateEnum("state").notNull().default("planned"),
    meetingsPlanned: integer("meetings_planned").notNull(),
    // The facilitator's goal for the group and their concerns, rated at the end.
    groupGoal: text("group_goal").notNull().default(""),
    concerns: text("concerns").notNull().default(""),
    groupGoalRating: integer("group_goal_rating"),
    groupGoalNote: text("group_goal_note").notNull().default(""),
    startedAt: timestamp("started_at", { withTimezone: true }),
    voteOpenedAt: timestamp("vote_opened_at", { withTimezone: true }),
    voteClosesAt: timestamp("vote_closes_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    // Why it finished, in words: the vote's tally, or the end of sponsorship.
    outcome: text("outcome").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("cycles_group_number_idx").on(t.groupId, t.number),
    index("cycles_state_idx").on(t.state),
    check("cycles_group_goal_rating", sql`${t.groupGoalRating} between 1 and 5`),
  ],
);

// A meeting of a cycle: a reunion (dates, invitation, calendar, changes) with the programme's part.
export const cycleMeetings = pgTable(
  "cycle_meetings",
  {
    reunionId: uuid("reunion_id")
      .primaryKey()
      .references(() => reunions.id, { onDelete: "cascade" }),
    cycleId: uuid("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    // Who runs it: the facilitator, or a member as host. Kept as the record of who ran it.
    hostId: uuid("host_id").references(() => users.id, { onDelete: "set null" }),
    moduleConfirmedBy: uuid("module_confirmed_by").references(() => users.id, { onDelete: "set null" }),
    moduleConfirmedAt: timestamp("module_confirmed_at", { withTimezone: true }),
    reminderSentAt: timestamp("reminder_sent_at", { withTimezone: true }),
    wrapUpSentAt: timestamp("wrap_up_sent_at", { withTimezone: true }),
    // The host's "how did it go?" and the recap sent to the group.
    hostRating: integer("host_rating"),
    recap: text("recap").notNull().default(""),
    recapSentAt: timestamp("recap_sent_at", { withTimezone: true }),
    attendanceConfirmedAt: timestamp("attendance_confirmed_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("cycle_meetings_number_idx").on(t.cycleId, t.number), check("cycle_meetings_host_rating", sql`${t.hostRating} between 1 and 5`)],
);

export const meetingAttendance = pgTable(
  "meeting_attendance",
  {
    reunionId: uuid("reunion_id")
      .notNull()
      .references(() => reunions.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: attendanceStatusEnum("status").notNull(),
    recordedBy: uuid("recorded_by").references(() => users.id, { onDelete: "set null" }),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    // The one-minute evaluation: when it was asked for, and the one reminder.
    evaluationAskedAt: timestamp("evaluation_asked_at", { withTimezone: true }),
    evaluationRemindedAt: timestamp("evaluation_reminded_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.reunionId, t.userId] }), index("meeting_attendance_user_idx").on(t.userId)],
);

// One-minute evaluations. Answers carry no person and no time, so none can be
// attributed; who has answered is kept apart, only to refuse a second answer.
export const meetingEvaluations = pgTable(
  "meeting_evaluations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reunionId: uuid("reunion_id")
      .notNull()
      .references(() => reunions.id, { onDelete: "cascade" }),
    usefulness: integer("usefulness").notNull(),
    safety: integer("safety").notNull(),
    willTry: boolean("will_try").notNull(),
    comment: text("comment").notNull().default(""),
  },
  (t) => [
    index("meeting_evaluations_reunion_idx").on(t.reunionId),
    check("meeting_evaluations_scores", sql`${t.usefulness} between 1 and 5 and ${t.safety} between 1 and 5`),
  ],
);

export const meetingEvaluationReceipts = pgTable(
  "meeting_evaluation_receipts",
  {
    reunionId: uuid("reunion_id")
      .notNull()
      .references(() => reunions.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.reunionId, t.userId] })],
);

// Members propose and vote for the module of a coming meeting; one vote each.
export const meetingModuleVotes = pgTable(
  "meeting_module_votes",
  {
    reunionId: uuid("reunion_id")
      .notNull()
      .references(() => reunions.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    moduleId: uuid("module_id")
      .notNull()
      .references(() => modules.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.reunionId, t.userId] })],
);

// Each member's goal for a cycle: private unless shared with the group; rated at the end.
export const cycleGoals = pgTable(
  "cycle_goals",
  {
    cycleId: uuid("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    shared: boolean("shared").notNull().default(false),
    progress: integer("progress"),
    whatHelped: text("what_helped").notNull().default(""),
    createdAt: createdAt(),
    ratedAt: timestamp("rated_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.userId] }), check("cycle_goals_progress", sql`${t.progress} between 1 and 5`)],
);

export const cycleVotes = pgTable(
  "cycle_votes",
  {
    cycleId: uuid("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    vote: continueVoteEnum("vote").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.userId] })],
);

// When a cohort's sponsorship ends, each of its groups is offered to carry on
// as a peer group; only members who consent are moved.
export const groupConversions = pgTable("group_conversions", {
  groupId: uuid("group_id")
    .primaryKey()
    .references(() => groups.id, { onDelete: "cascade" }),
  status: conversionStatusEnum("status").notNull().default("open"),
  offeredAt: timestamp("offered_at", { withTimezone: true }).notNull().defaultNow(),
  closesAt: timestamp("closes_at", { withTimezone: true }).notNull(),
  decidedAt: timestamp("decided_at", { withTimezone: true }),
});

export const groupConversionAnswers = pgTable(
  "group_conversion_answers",
  {
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    consent: boolean("consent").notNull(),
    answeredAt: timestamp("answered_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] })],
);

// Group formation (docs/decisions/027-forming-groups.md): one engine run and
// its plan. A run is proposed, adjusted, then published or left; published
// plans are kept so later formations avoid their pairs.
export const formationPlanStatusEnum = pgEnum("formation_plan_status", ["running", "proposed", "failed", "cancelled", "published", "superseded"]);
export const formationPlanKindEnum = pgEnum("formation_plan_kind", ["form", "re_form", "late_joiners"]);

export const formationPlans = pgTable(
  "formation_plans",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    cohortId: uuid("cohort_id")
      .notNull()
      .references(() => cohorts.id, { onDelete: "cascade" }),
    kind: formationPlanKindEnum("kind").notNull().default("form"),
    status: formationPlanStatusEnum("status").notNull().default("running"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    // The set-up the run used, and the people in problem order.
    settings: jsonb("settings").notNull(),
    people: jsonb("people").$type<string[]>().notNull(),
    // Per plan group: the existing programme group it keeps (re-form), or null for a new one.
    groupIds: jsonb("group_ids").$type<(string | null)[]>().notNull(),
    // Group index per person, in problem order; null until the run proposes.
    assignment: jsonb("assignment").$type<number[]>(),
    // Person id → group index the admin pinned.
    pins: jsonb("pins").$type<Record<string, number>>().notNull().default({}),
    value: doublePrecision("value"),
    progressValue: doublePrecision("progress_value"),
    progressMs: integer("progress_ms"),
    timeLimitMs: integer("time_limit_ms").notNull(),
    seed: integer("seed").notNull(),
    // Why a run found no plan: the rules and people (Infeasibility[]), or a crash's message.
    problems: jsonb("problems").$type<{ rule: string; people: string[]; message: string }[]>(),
    error: text("error"),
    // The running process writes this as the run goes; a run whose heartbeat stops was interrupted.
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    publishedBy: uuid("published_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("formation_plans_cohort_idx").on(t.cohortId, t.createdAt), index("formation_plans_org_published_idx").on(t.orgId, t.status)],
);

export const formationPreferenceKindEnum = pgEnum("formation_preference_kind", ["want", "rather_not"]);

// Soft wishes for formation: at most 3 of each kind per person per cohort, seen only by the admins who form the groups.
export const formationPreferences = pgTable(
  "formation_preferences",
  {
    cohortId: uuid("cohort_id")
      .notNull()
      .references(() => cohorts.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    targetId: uuid("target_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: formationPreferenceKindEnum("kind").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.cohortId, t.userId, t.targetId] })],
);

// Insights (docs/decisions/028-insights-data.md): business figures an org admin
// imports, per unit and month, set beside participation in the programme.
export const insightUnitKindEnum = pgEnum("insight_unit_kind", ["department", "site", "store"]);

// A unit figures are reported for. Departments and sites point at the
// organisation's own rows (created here on first import), so a rename carries
// over; only stores, which Roundtable knows nothing else about, have a name here.
export const insightUnits = pgTable(
  "insight_units",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    kind: insightUnitKindEnum("kind").notNull(),
    departmentId: uuid("department_id").references(() => departments.id, { onDelete: "cascade" }),
    siteId: uuid("site_id").references(() => sites.id, { onDelete: "cascade" }),
    storeName: text("store_name"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("insight_units_department_idx").on(t.departmentId),
    uniqueIndex("insight_units_site_idx").on(t.siteId),
    uniqueIndex("insight_units_store_name_idx").on(t.orgId, sql`lower(${t.storeName})`),
    check(
      "insight_units_kind_matches",
      sql`(${t.kind} = 'department') = (${t.departmentId} is not null) and (${t.kind} = 'site') = (${t.siteId} is not null) and (${t.kind} = 'store') = (${t.storeName} is not null)`,
    ),
  ],
);

// A period is the first day of its month.
export const kpiValues = pgTable(
  "kpi_values",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => insightUnits.id, { onDelete: "cascade" }),
    period: date("period").notNull(),
    metric: text("metric").notNull(),
    value: doublePrecision("value").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.unitId, t.period, t.metric] }), check("kpi_values_period_is_month", sql`extract(day from ${t.period}) = 1`)],
);

// Imported headcount; a unit-month without one falls back to the people in Roundtable.
export const unitHeadcounts = pgTable(
  "unit_headcounts",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => insightUnits.id, { onDelete: "cascade" }),
    period: date("period").notNull(),
    headcount: integer("headcount").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.unitId, t.period] }),
    check("unit_headcounts_period_is_month", sql`extract(day from ${t.period}) = 1`),
    check("unit_headcounts_not_negative", sql`${t.headcount} >= 0`),
  ],
);

// One person's score on a survey instrument in a month. Kept apart from
// everything else and only ever read in aggregate, from the insights floor up.
export const surveyScores = pgTable(
  "survey_scores",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    period: date("period").notNull(),
    instrument: text("instrument").notNull(),
    score: doublePrecision("score").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId, t.period, t.instrument] }), check("survey_scores_period_is_month", sql`extract(day from ${t.period}) = 1`)],
);

// Cohort experiments (docs/decisions/029-cohort-experiments.md): an initiative
// tried on some units or cohorts and not on others, registered before it is
// assigned. Once registered_at is set a trigger (migration 0013) refuses any
// change to what was registered, and lets the assignment be written once.
export const experimentUnitKindEnum = pgEnum("experiment_unit_kind", ["department", "site", "store", "cohort"]);
// A diagnostic outcome is a per-person score, read only where diagnostics exist.
export const experimentOutcomeKindEnum = pgEnum("experiment_outcome_kind", ["kpi", "diagnostic"]);

export type ExperimentAssignment = { unitId: string; size: number; stratum: number; arm: "treatment" | "control" }[];

export const experiments = pgTable(
  "experiments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    initiative: text("initiative").notNull(),
    hypothesis: text("hypothesis").notNull(),
    unitKind: experimentUnitKindEnum("unit_kind").notNull(),
    // insight_units ids (department, site, store) or cohort ids, as chosen.
    eligible: jsonb("eligible").$type<string[]>().notNull(),
    outcomeKind: experimentOutcomeKindEnum("outcome_kind").notNull().default("kpi"),
    // The KPI metric as imported, or the diagnostic instrument.
    outcome: text("outcome").notNull(),
    // The first month of the outcome window; the baseline is the months just before it.
    startsOn: date("starts_on").notNull(),
    baselineMonths: integer("baseline_months").notNull(),
    outcomeMonths: integer("outcome_months").notNull(),
    analysis: text("analysis").notNull(),
    strata: integer("strata").notNull(),
    registeredAt: timestamp("registered_at", { withTimezone: true }),
    registeredBy: uuid("registered_by").references(() => users.id, { onDelete: "set null" }),
    seed: integer("seed"),
    assignment: jsonb("assignment").$type<ExperimentAssignment>(),
    assignedAt: timestamp("assigned_at", { withTimezone: true }),
    assignedBy: uuid("assigned_by").references(() => users.id, { onDelete: "set null" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("experiments_org_idx").on(t.orgId, t.createdAt),
    check("experiments_starts_on_is_month", sql`extract(day from ${t.startsOn}) = 1`),
    check("experiments_windows", sql`${t.baselineMonths} between 1 and 24 and ${t.outcomeMonths} between 1 and 24`),
    check("experiments_strata", sql`${t.strata} between 1 and 5`),
    // Assigned only once registered, and the seed always beside the assignment it made.
    check("experiments_assigned_after_registration", sql`(${t.seed} is null) = (${t.assignment} is null) and (${t.seed} is null) = (${t.assignedAt} is null) and (${t.seed} is null or ${t.registeredAt} is not null)`),
  ],
);

// The ARC self-assessment (app/domain/diagnostics/arc-self-assessment.ts): one
// person's answers at one moment of one cycle. Only the person reads them;
// the organisation sees them only in aggregate, from the insights floor up.
export const diagnosticMomentEnum = pgEnum("diagnostic_moment", ["start", "end", "six_months"]);

export const diagnosticResponses = pgTable(
  "diagnostic_responses",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    cycleId: uuid("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    moment: diagnosticMomentEnum("moment").notNull(),
    // Which wording was answered, so a later edit of the statements never mixes with old answers.
    instrument: text("instrument").notNull(),
    // Statement id → 1..5; checked by the domain (zod) before it is written.
    answers: jsonb("answers").$type<Record<string, number>>().notNull(),
    answeredAt: timestamp("answered_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.cycleId, t.moment] }), index("diagnostic_responses_cycle_idx").on(t.cycleId, t.moment)],
);

// What HR knows about a person that Roundtable does not: job level, the month
// they joined and the month they left. Imported, so participants can be set
// beside others of the same level and tenure, and retention can be counted.
export const personRecords = pgTable(
  "person_records",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    level: text("level").notNull().default(""),
    started: date("started"),
    left: date("left"),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.userId] }),
    check("person_records_months", sql`(${t.started} is null or extract(day from ${t.started}) = 1) and (${t.left} is null or extract(day from ${t.left}) = 1)`),
    check("person_records_left_after_started", sql`${t.left} is null or ${t.started} is null or ${t.left} >= ${t.started}`),
  ],
);

// People's data under their own control (docs/privacy.md). What each table
// holding personal data exports and erases is declared beside this file, in
// db/personal-data-register.ts.
export const dataExportScopeEnum = pgEnum("data_export_scope", ["person", "organisation"]);
export const dataExportStatusEnum = pgEnum("data_export_status", ["pending", "ready", "failed", "expired"]);

// A zip of one person's data, or of an organisation's, built in the
// background. The zip is kept in the row (a few hundred KB for a person) so
// any process can serve it; it is dropped when the link expires.
export const dataExports = pgTable(
  "data_exports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    scope: dataExportScopeEnum("scope").notNull(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    // The person whose data it is; null for an organisation's export.
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    // Only they may download it.
    requestedBy: uuid("requested_by")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: dataExportStatusEnum("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    // A process building it holds this lease; another takes over once it passed.
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    zip: bytea("zip"),
    byteSize: integer("byte_size"),
    error: text("error"),
    createdAt: createdAt(),
    readyAt: timestamp("ready_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
  },
  (t) => [
    index("data_exports_status_idx").on(t.status, t.createdAt),
    index("data_exports_requested_by_idx").on(t.requestedBy, t.createdAt),
    check("data_exports_scope", sql`(${t.scope} = 'person') = (${t.userId} is not null)`),
  ],
);

// A request to delete an account: by the person, or by an admin of their
// organisation for someone who left. Erased once erases_at passes, unless
// cancelled first; the row stays as the record that it happened.
export const accountDeletions = pgTable(
  "account_deletions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    requestedBy: uuid("requested_by").references(() => users.id, { onDelete: "set null" }),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    erasesAt: timestamp("erases_at", { withTimezone: true }).notNull(),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    cancelledBy: uuid("cancelled_by").references(() => users.id, { onDelete: "set null" }),
    erasedAt: timestamp("erased_at", { withTimezone: true }),
  },
  (t) => [
    // One waiting request per person.
    uniqueIndex("account_deletions_waiting_idx").on(t.userId).where(sql`${t.cancelledAt} is null and ${t.erasedAt} is null`),
    index("account_deletions_due_idx").on(t.erasesAt).where(sql`${t.cancelledAt} is null and ${t.erasedAt} is null`),
  ],
);
