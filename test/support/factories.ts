// Factories: each test builds the organisations and people it needs.
import crypto from "node:crypto";
import type { Database } from "../../db/database";
import { moduleAuthors, modules, organisations, userRoles, users, type Role } from "../../db/schema";
import { publishRevision } from "../../app/domain/modules/publish-revision.server";
import { hashPassword } from "../../app/domain/accounts/password.server";
import { createSession } from "../../app/domain/accounts/sessions.server";
import { parseConfig, type Config } from "../../server/config";

export const TEST_PASSWORD = "correct horse battery";
let passwordHash: Promise<string> | null = null;

const unique = () => crypto.randomBytes(4).toString("hex");

export async function createOrg(db: Database, overrides: Partial<typeof organisations.$inferInsert> = {}) {
  const id = unique();
  const [org] = await db
    .insert(organisations)
    .values({ name: `Org ${id}`, slug: `org-${id}`, ...overrides })
    .returning();
  return org!;
}

export async function createUser(
  db: Database,
  { orgId, roles = ["participant"], email, name, password }: { orgId: string; roles?: Role[]; email?: string; name?: string; password?: string },
) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const id = unique();
  const [user] = await db
    .insert(users)
    .values({
      email: email ?? `person-${id}@example.test`,
      name: name ?? `Person ${id}`,
      orgId,
      passwordHash: password ? await hashPassword(password) : await passwordHash,
    })
    .returning();
  if (roles.length) await db.insert(userRoles).values(roles.map((role) => ({ userId: user!.id, role })));
  return { ...user!, roles };
}

/** A Cookie header for a fresh session of this user. */
export async function sessionCookieFor(db: Database, userId: string) {
  const { token } = await createSession(db, userId);
  return `rt_session=${token}`;
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return parseConfig({ NODE_ENV: "test", PUBLIC_ORIGIN: "http://localhost:3000", ...overrides });
}

/** A valid module document with `pages` pages; text can be overridden per part. */
export function moduleDoc({ pages = 6, intro = "An introduction for the group.", question = (i: number) => `What does page ${i} ask of you?`, context = (i: number) => `Some context for page ${i}.` } = {}) {
  const text = (t: string) => [{ type: "text", text: t }];
  return {
    type: "doc",
    content: [
      { type: "introduction", content: [{ type: "paragraph", content: text(intro) }] },
      ...Array.from({ length: pages }, (_, k) => ({
        type: "page",
        attrs: { id: `p${k + 1}` },
        content: [
          { type: "pageTitle", content: text(`Page ${k + 1}`) },
          { type: "pageContext", content: [{ type: "paragraph", content: text(context(k + 1)) }] },
          { type: "question", content: text(question(k + 1)) },
        ],
      })),
      { type: "takeaways", content: [{ type: "takeawayPrompt", content: text("One thing I will try is…") }] },
    ],
  };
}

export async function createPublishedModule(
  db: Database,
  {
    authorId,
    slug,
    title,
    summary = "A module written for a test.",
    mindset = "reflection",
    topics = ["testing"],
    ownerOrgId = null,
    doc = moduleDoc(),
    language = "en",
    translationOf = null,
  }: {
    authorId: string;
    slug?: string;
    title?: string;
    summary?: string;
    mindset?: (typeof modules.$inferInsert)["mindset"];
    topics?: string[];
    ownerOrgId?: string | null;
    doc?: unknown;
    language?: "en" | "ja";
    /** The first module of the translation group this one joins. */
    translationOf?: string | null;
  },
) {
  const id = unique();
  const [module] = await db
    .insert(modules)
    .values({
      slug: slug ?? `module-${id}`,
      title: title ?? `Module ${id}`,
      summary,
      mindset,
      topics,
      visibility: ownerOrgId ? "organisation" : "public",
      ownerOrgId,
      language,
      translationOf,
    })
    .returning();
  await db.insert(moduleAuthors).values({ moduleId: module!.id, userId: authorId, role: "lead" });
  const revision = await publishRevision(db, { moduleId: module!.id, doc, authorId });
  return { ...module!, revision };
}

// Appended helpers for the module tests. (Imports are hoisted, so this one may live here.)
import { groupMembers, groups } from "../../db/schema";

/** A group in an organisation with these people as members. */
export async function createGroup(db: Database, { orgId, name, memberIds = [] }: { orgId: string; name?: string; memberIds?: string[] }) {
  const [group] = await db
    .insert(groups)
    .values({ orgId, name: name ?? `Group ${unique()}` })
    .returning();
  if (memberIds.length) await db.insert(groupMembers).values(memberIds.map((userId) => ({ groupId: group!.id, userId })));
  return group!;
}

/**
 * An active peer group written straight to the database (founding rules are
 * tested through the domain). The first convener id is the founder; members
 * join as "member".
 */
export async function createPeerGroup(
  db: Database,
  {
    orgId,
    convenerIds,
    memberIds = [],
    ...overrides
  }: { orgId: string; convenerIds: string[]; memberIds?: string[] } & Partial<typeof groups.$inferInsert>,
) {
  const [group] = await db
    .insert(groups)
    .values({ orgId, name: `Peer group ${unique()}`, kind: "peer", field: "Asset maintenance", joinPolicy: "request", status: "active", founderId: convenerIds[0] ?? null, activatedAt: new Date(), ...overrides })
    .returning();
  const rows = [
    ...convenerIds.map((userId) => ({ groupId: group!.id, userId, role: "convener" as const })),
    ...memberIds.map((userId) => ({ groupId: group!.id, userId, role: "member" as const })),
  ];
  if (rows.length) await db.insert(groupMembers).values(rows);
  return group!;
}

/** A module that was never published: a draft with no revision. */
export async function createDraftModule(
  db: Database,
  { authorId, title, ownerOrgId = null, mindset = "reflection" }: { authorId: string; title?: string; ownerOrgId?: string | null; mindset?: (typeof modules.$inferInsert)["mindset"] },
) {
  const id = unique();
  const [module] = await db
    .insert(modules)
    .values({
      slug: `draft-${id}`,
      title: title ?? `Draft ${id}`,
      summary: "A draft nobody may read yet.",
      mindset,
      topics: ["testing"],
      visibility: ownerOrgId ? "organisation" : "public",
      ownerOrgId,
    })
    .returning();
  await db.insert(moduleAuthors).values({ moduleId: module!.id, userId: authorId, role: "lead" });
  return module!;
}

/** A made-up word of letters only, so a search for it finds only what a test wrote. */
export function uniqueWord(prefix = "zq") {
  return prefix + Array.from(crypto.randomBytes(8), (b) => String.fromCharCode(97 + (b % 26))).join("");
}

// Appended for the collaboration tests.
import { draftDocumentName } from "../../app/domain/modules/module-draft.server";

/** A published module in a fresh organisation, its lead author with a session, and its draft's document name. */
export async function createDraftToEdit(db: Database, { doc, privateToOrg = false }: { doc?: unknown; privateToOrg?: boolean } = {}) {
  const org = await createOrg(db);
  const lead = await createUser(db, { orgId: org.id, roles: ["thought_leader"] });
  const module = await createPublishedModule(db, { authorId: lead.id, doc, ownerOrgId: privateToOrg ? org.id : null });
  return { org, lead, module, documentName: draftDocumentName(module.id), cookie: await sessionCookieFor(db, lead.id) };
}

/** Another author of a module, with a session. */
export async function createCoauthor(db: Database, { moduleId, orgId }: { moduleId: string; orgId: string }) {
  const user = await createUser(db, { orgId, roles: ["thought_leader"] });
  await db.insert(moduleAuthors).values({ moduleId, userId: user.id, role: "coauthor" });
  return { user, cookie: await sessionCookieFor(db, user.id) };
}

// Appended for the notification tests.
import { notify } from "../../app/domain/notifications/notify.server";
import type { NotificationKind } from "../../app/domain/notifications/notification-kinds";

/** One in-app notification for this person, through notify() like the product does. */
export async function createNotification(
  db: Database,
  userId: string,
  { kind = "mention", title, body = "", link = "/modules" }: { kind?: NotificationKind; title?: string; body?: string; link?: string } = {},
) {
  const text = title ?? `Notification ${unique()}`;
  await notify(db, [userId], { kind, title: text, body, link });
  return { title: text, link };
}

// Appended for the review workflow tests.
import { initialDraftState } from "../../app/domain/modules/module-draft.server";
import { storeDocumentEditor } from "../../server/collab/document-editor";
import { DocumentStore } from "../../server/collab/document-store";
import { comments } from "../../db/schema";

/** Reads and edits stored drafts as the collaboration server's port does, with no server running. */
export function createDraftEditor(db: Database) {
  return storeDocumentEditor(new DocumentStore(db, (name) => initialDraftState(db, name)));
}

/** A comment on one page of a module's working draft. */
export async function createDraftComment(db: Database, { moduleId, authorId, body, pageId = "p1" }: { moduleId: string; authorId: string; body?: string; pageId?: string }) {
  const [comment] = await db
    .insert(comments)
    .values({ moduleId, authorId, pageId, body: body ?? `A comment ${unique()}` })
    .returning();
  return comment!;
}
