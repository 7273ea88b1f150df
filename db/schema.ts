// The one definition of Roundtable's tables. drizzle-kit generates the
// committed migrations in db/migrations from this file.
import { sql } from "drizzle-orm";
import {
  bigserial,
  customType,
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

export const roleEnum = pgEnum("role", ROLES);
export const signupModeEnum = pgEnum("signup_mode", ["invite_only", "email_domain"]);
export const mindsetEnum = pgEnum("mindset", MINDSETS);
export const moduleStatusEnum = pgEnum("module_status", ["draft", "in_review", "published", "archived"]);
export const moduleVisibilityEnum = pgEnum("module_visibility", ["public", "organisation"]);
export const moduleAuthorRoleEnum = pgEnum("module_author_role", ["lead", "coauthor"]);
export const programmeModeEnum = pgEnum("programme_mode", ["programme_first", "programme_only"]);
export const groupKindEnum = pgEnum("group_kind", ["programme", "peer"]);
export const outboxStatusEnum = pgEnum("outbox_status", ["pending", "sending", "sent", "failed"]);

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
  createdAt: createdAt(),
});

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
    timeZone: text("time_zone").notNull().default("UTC"),
    bio: text("bio").notNull().default(""),
    expertise: text("expertise").array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
  },
  (t) => [index("users_org_idx").on(t.orgId)],
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

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

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
    // Title (A) > summary (B) > questions (C) > body (D), rebuilt on publish.
    searchVector: tsvector("search_vector"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("modules_search_idx").using("gin", t.searchVector),
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
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("module_revisions_number_idx").on(t.moduleId, t.number)],
);

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
    createdAt: createdAt(),
  },
  (t) => [index("groups_org_idx").on(t.orgId)],
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
    joinedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index("group_members_user_idx").on(t.userId)],
);

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
    createdAt: createdAt(),
  },
  (t) => [index("takeaways_user_idx").on(t.userId, t.createdAt), index("takeaways_group_idx").on(t.sharedWithGroupId)],
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
