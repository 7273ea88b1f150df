// A module's history: every published revision with who wrote and who
// approved it, one revision as readers saw it, and the changes between any
// two. Loaded scoped like the reader: a module this person may not read is a 404.
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { moduleRevisions, modules, users } from "../../../db/schema";
import { NotFoundError } from "../http-errors";
import { message } from "../i18n/message";
import { InputError } from "../input-error";
import { canLeadDraft, draftAccess, type Actor } from "../policy";
import { diffModules } from "./diff-modules";
import type { ModuleDocJSON } from "./module-schema";
import { splitRenderedModule } from "./render-module.server";
import { visibleToActor } from "./visible-modules.server";
import { authorRoleOf } from "./module-draft.server";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export type Approver = { name: string | null; capacity: "moderator" | "author" };

async function findReadableModule(db: Database, actor: Actor, slug: string) {
  const notFound = new NotFoundError("modules:errors.notFound");
  if (!SLUG.test(slug) || slug.length > 120) throw notFound;
  const [row] = await db
    .select({
      id: modules.id,
      slug: modules.slug,
      title: modules.title,
      status: modules.status,
      visibility: modules.visibility,
      ownerOrgId: modules.ownerOrgId,
      publishedRevisionId: modules.publishedRevisionId,
      authorRole: authorRoleOf(actor.id),
    })
    .from(modules)
    .where(and(eq(modules.slug, slug), visibleToActor(actor)));
  if (!row) throw notFound;
  const [latest] = await db
    .select({ number: sql<number>`coalesce(max(${moduleRevisions.number}), 0)::int` })
    .from(moduleRevisions)
    .where(eq(moduleRevisions.moduleId, row.id));
  return { ...row, latestNumber: latest?.number ?? 0 };
}

// Who wrote a revision and who approved it; approvers come from the review that published it.
const revisionColumns = {
  id: moduleRevisions.id,
  number: moduleRevisions.number,
  publishedAt: moduleRevisions.createdAt,
  authorName: users.name,
  // Only the content import publishes without a review (docs/decisions/023-newcomer-defaults.md).
  imported: sql<boolean>`${moduleRevisions.submissionId} is null`,
  approvers: sql<Approver[]>`(
    select coalesce(json_agg(json_build_object('name', u.name, 'capacity', sa.capacity) order by sa.capacity, sa.created_at), '[]')
    from submission_approvals sa left join users u on u.id = sa.user_id
    where sa.submission_id = ${moduleRevisions.submissionId})`,
};

export async function listModuleHistory(db: Database, actor: Actor, slug: string) {
  const module = await findReadableModule(db, actor, slug);
  const rows = await db
    .select(revisionColumns)
    .from(moduleRevisions)
    .leftJoin(users, eq(users.id, moduleRevisions.authorId))
    .where(eq(moduleRevisions.moduleId, module.id))
    .orderBy(desc(moduleRevisions.number));
  return {
    module: { slug: module.slug, title: module.title },
    revisions: rows.map(({ id, ...row }) => ({ ...row, isCurrent: id === module.publishedRevisionId })),
  };
}

export async function getModuleRevision(db: Database, actor: Actor, slug: string, number: number) {
  const module = await findReadableModule(db, actor, slug);
  const [row] = await db
    .select({ ...revisionColumns, html: moduleRevisions.html })
    .from(moduleRevisions)
    .leftJoin(users, eq(users.id, moduleRevisions.authorId))
    .where(and(eq(moduleRevisions.moduleId, module.id), eq(moduleRevisions.number, number)));
  if (!row) throw new NotFoundError(message("modules:compare.errors.noRevision", { number, latest: module.latestNumber }));
  const { id, html, ...revision } = row;
  return {
    module: { slug: module.slug, title: module.title, latestNumber: module.latestNumber },
    revision: { ...revision, isCurrent: id === module.publishedRevisionId, parts: splitRenderedModule(html) },
    // Only the lead author starts a draft from an old revision; the same rule as restoreRevisionToDraft.
    canRestore: canLeadDraft(actor, module) && draftAccess(actor, module) === "edit",
  };
}

/** The changes from revision `from` to revision `to`; numbers that do not exist are an InputError. */
export async function compareModuleRevisions(db: Database, actor: Actor, slug: string, { from, to }: { from: number; to: number }) {
  const module = await findReadableModule(db, actor, slug);
  if (from === to) throw new InputError({ to: "modules:compare.errors.same" });
  const rows = await db
    .select({ number: moduleRevisions.number, publishedAt: moduleRevisions.createdAt, doc: moduleRevisions.doc })
    .from(moduleRevisions)
    .where(and(eq(moduleRevisions.moduleId, module.id), inArray(moduleRevisions.number, [from, to])));
  const before = rows.find((r) => r.number === from);
  const after = rows.find((r) => r.number === to);
  const errors: Record<string, string> = {};
  if (!before) errors.from = message("modules:compare.errors.noRevision", { number: from, latest: module.latestNumber });
  if (!after) errors.to = message("modules:compare.errors.noRevision", { number: to, latest: module.latestNumber });
  if (!before || !after) throw new InputError(errors);
  return {
    module: { slug: module.slug, title: module.title, latestNumber: module.latestNumber },
    from: { number: before.number, publishedAt: before.publishedAt },
    to: { number: after.number, publishedAt: after.publishedAt },
    diff: diffModules(before.doc as ModuleDocJSON, after.doc as ModuleDocJSON),
  };
}
