// A module's working draft: the collaborative document "module.<id>" that its
// co-authors edit live. Who may edit or watch it comes from draftAccess in
// policy.ts, for the editor page and the collaboration server alike.
import { and, eq, inArray, sql, type Placeholder } from "drizzle-orm";
import * as Y from "yjs";
import type { Database } from "../../../db/database";
import { moduleAuthors, moduleRevisions, modules, users } from "../../../db/schema";
import type { Role } from "../../../db/roles";
import { NotFoundError } from "../http-errors";
import { draftAccess, type Actor, type DraftAccess } from "../policy";
import { MODULE_YJS_FIELD, type ModuleDocJSON } from "./module-schema";
import { moduleJsonToYDoc } from "./module-yjs";
import { isCanonicalUuid } from "../uuid";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const draftDocumentName = (moduleId: string) => `module.${moduleId}`;

/** Reads the live draft; the collaboration server's port in production. */
export type DraftReader = { read(documentName: string): Promise<Uint8Array> };

/** The ids of the pages in the draft as its co-authors see it now. */
export async function draftPageIds(reader: DraftReader, moduleId: string): Promise<Set<string>> {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, await reader.read(draftDocumentName(moduleId)));
    const ids = new Set<string>();
    for (const node of doc.getXmlFragment(MODULE_YJS_FIELD).toArray()) {
      const id = node instanceof Y.XmlElement && node.nodeName === "page" ? node.getAttribute("id") : undefined;
      if (typeof id === "string" && id) ids.add(id);
    }
    return ids;
  } finally {
    doc.destroy();
  }
}

/** The module id in a document name, or null for a name that is not a module draft. */
export function moduleIdOfDocument(documentName: string): string | null {
  const match = /^module\.(.+)$/.exec(documentName);
  return match && isCanonicalUuid(match[1]!) ? match[1]! : null;
}

/** The person's part in a module they may write: lead, co-author, or null; for a select over modules. */
export const authorRoleOf = (actorId: string | Placeholder) =>
  sql<"lead" | "coauthor" | null>`(select ma.role from module_authors ma where ma.module_id = ${modules.id} and ma.user_id = ${actorId})`;

const draftColumns = (actorId: string) => ({
  id: modules.id,
  slug: modules.slug,
  title: modules.title,
  status: modules.status,
  visibility: modules.visibility,
  ownerOrgId: modules.ownerOrgId,
  authorRole: authorRoleOf(actorId),
});

export type DraftModule = {
  id: string;
  slug: string;
  title: string;
  status: string;
  access: DraftAccess;
  language: string;
  /** The module this draft translates (same readers as it), for the editor page to link. */
  translates: { slug: string; title: string; language: string } | null;
};

/** The draft by its slug for the editor page; a 404 for anyone with no access. */
export async function findDraftBySlug(db: Database, actor: Actor, slug: string): Promise<DraftModule> {
  const notFound = new NotFoundError("modules:draft.errors.notFound");
  if (!SLUG.test(slug) || slug.length > 120) throw notFound;
  const [row] = await db
    .select({
      ...draftColumns(actor.id),
      language: modules.language,
      // Written out: in a one-table select drizzle leaves columns unqualified, and "translation_of" would be o's.
      translates: sql<DraftModule["translates"]>`(select json_build_object('slug', o.slug, 'title', o.title, 'language', o.language) from modules o where o.id = modules.translation_of)`,
    })
    .from(modules)
    .where(eq(modules.slug, slug));
  const access = row ? draftAccess(actor, row) : "none";
  if (!row || access === "none") throw notFound;
  return { id: row.id, slug: row.slug, title: row.title, status: row.status, access, language: row.language, translates: row.translates };
}

/** The drafts this person co-writes and may edit now, for the home page. */
export async function listDraftsToEdit(db: Database, actor: Actor): Promise<{ slug: string; title: string; role: "lead" | "coauthor" }[]> {
  const rows = await db
    .select({ ...draftColumns(actor.id), role: moduleAuthors.role })
    .from(modules)
    .innerJoin(moduleAuthors, and(eq(moduleAuthors.moduleId, modules.id), eq(moduleAuthors.userId, actor.id)))
    .orderBy(modules.title);
  return rows.filter((row) => draftAccess(actor, row) === "edit").map((row) => ({ slug: row.slug, title: row.title, role: row.role }));
}

/** What this person may do with a collaborative document: edit, view or nothing. */
export async function accessToDocument(db: Database, actor: Actor, documentName: string): Promise<DraftAccess> {
  const moduleId = moduleIdOfDocument(documentName);
  if (!moduleId) return "none";
  const [row] = await db.select(draftColumns(actor.id)).from(modules).where(eq(modules.id, moduleId));
  return row ? draftAccess(actor, row) : "none";
}

/**
 * Access for many (person, document) pairs in three queries, so the
 * collaboration server can re-check every open socket every few seconds.
 */
export async function accessToDocuments(
  db: Database,
  pairs: { userId: string; documentName: string }[],
): Promise<Map<string, DraftAccess>> {
  const result = new Map<string, DraftAccess>();
  const key = (userId: string, documentName: string) => `${userId} ${documentName}`;
  const moduleIds = [...new Set(pairs.map((p) => moduleIdOfDocument(p.documentName)).filter((id): id is string => id !== null))];
  const userIds = [...new Set(pairs.map((p) => p.userId))];
  if (moduleIds.length === 0 || userIds.length === 0) {
    for (const p of pairs) result.set(key(p.userId, p.documentName), "none");
    return result;
  }
  const [moduleRows, authorRows, people] = await Promise.all([
    db
      .select({ id: modules.id, status: modules.status, visibility: modules.visibility, ownerOrgId: modules.ownerOrgId })
      .from(modules)
      .where(inArray(modules.id, moduleIds)),
    db
      .select({ moduleId: moduleAuthors.moduleId, userId: moduleAuthors.userId, role: moduleAuthors.role })
      .from(moduleAuthors)
      .where(and(inArray(moduleAuthors.moduleId, moduleIds), inArray(moduleAuthors.userId, userIds))),
    db
      .select({ id: users.id, orgId: users.orgId, roles: sql<Role[]>`coalesce((select array_agg(ur.role::text) from user_roles ur where ur.user_id = ${users.id}), '{}')` })
      .from(users)
      .where(inArray(users.id, userIds)),
  ]);
  const moduleById = new Map(moduleRows.map((m) => [m.id, m]));
  const roleOf = new Map(authorRows.map((a) => [`${a.userId} ${a.moduleId}`, a.role]));
  const actorById = new Map(people.map((p) => [p.id, p satisfies Actor]));
  for (const p of pairs) {
    const moduleId = moduleIdOfDocument(p.documentName);
    const module = moduleId ? moduleById.get(moduleId) : undefined;
    const actor = actorById.get(p.userId);
    result.set(
      key(p.userId, p.documentName),
      module && actor ? draftAccess(actor, { ...module, authorRole: roleOf.get(`${p.userId} ${module.id}`) ?? null }) : "none",
    );
  }
  return result;
}

/** The state a draft starts from: its published revision, or an empty module. */
export async function initialDraftState(db: Database, documentName: string): Promise<Uint8Array | null> {
  const moduleId = moduleIdOfDocument(documentName);
  if (!moduleId) return null;
  const [row] = await db
    .select({ doc: moduleRevisions.doc })
    .from(modules)
    .leftJoin(moduleRevisions, eq(moduleRevisions.id, modules.publishedRevisionId))
    .where(eq(modules.id, moduleId));
  if (!row) return null;
  const doc = moduleJsonToYDoc((row.doc as ModuleDocJSON | null) ?? emptyModuleDoc());
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

export function emptyModuleDoc(): ModuleDocJSON {
  const paragraph = { type: "paragraph" };
  return {
    type: "doc",
    content: [
      { type: "introduction", content: [paragraph] },
      {
        type: "page",
        attrs: { id: crypto.randomUUID() },
        content: [{ type: "pageTitle" }, { type: "pageContext", content: [paragraph] }, { type: "question" }],
      },
      { type: "takeaways", content: [{ type: "takeawayPrompt" }] },
    ],
  } as ModuleDocJSON;
}

