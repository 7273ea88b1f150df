// Restoring an old revision: the lead author starts a new working draft from
// it. The live collaborative draft takes the revision's content, so anyone
// editing sees it at once; published revisions are never touched, because
// history is never rewritten. The draft then goes through review as usual.
import { and, eq, sql } from "drizzle-orm";
import { updateYFragment } from "@tiptap/y-tiptap";
import type * as Y from "yjs";
import type { Database } from "../../../db/database";
import { moduleRevisions, modules } from "../../../db/schema";
import { recordAudit } from "../audit/record-audit.server";
import { ForbiddenError, NotFoundError } from "../http-errors";
import { canLeadDraft, canReadModule, draftAccess, type Actor } from "../policy";
import { cleanModuleDoc } from "./module-document";
import { draftDocumentName, authorRoleOf } from "./module-draft.server";
import { MODULE_YJS_FIELD } from "./module-schema";

/** Edits a collaborative document through the collaboration server (services.documentEditor). */
export type DraftEditor = { edit(documentName: string, change: (ydoc: Y.Doc) => void): Promise<void> };

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The change that makes a draft hold `doc`. A minimal update (y-prosemirror's
 * diffing), not delete-and-insert, so the parts that are already the same
 * keep their identity and co-authors' cursors and concurrent typing there survive.
 */
export function replaceDraftContent(doc: unknown): (ydoc: Y.Doc) => void {
  const node = cleanModuleDoc(doc);
  return (ydoc) => {
    updateYFragment(ydoc, ydoc.getXmlFragment(MODULE_YJS_FIELD), node, { mapping: new Map(), isOMark: new Map() });
  };
}

export async function restoreRevisionToDraft(db: Database, editor: DraftEditor, actor: Actor, { slug, number }: { slug: string; number: number }) {
  const notFound = new NotFoundError("modules:revision.errors.notFoundShared");
  if (!SLUG.test(slug) || slug.length > 120) throw notFound;
  const [module] = await db
    .select({
      id: modules.id,
      title: modules.title,
      status: modules.status,
      visibility: modules.visibility,
      ownerOrgId: modules.ownerOrgId,
      authorRole: authorRoleOf(actor.id),
    })
    .from(modules)
    .where(eq(modules.slug, slug));
  if (!module) throw notFound;
  if (!canLeadDraft(actor, module) || draftAccess(actor, module) !== "edit") {
    // Readers know the module exists, so they are told why; everyone else gets a 404.
    throw canReadModule(actor, module) ? new ForbiddenError("modules:revision.errors.onlyLeadRestores") : notFound;
  }
  const [revision] = await db
    .select({ number: moduleRevisions.number, doc: moduleRevisions.doc })
    .from(moduleRevisions)
    .where(and(eq(moduleRevisions.moduleId, module.id), eq(moduleRevisions.number, number)));
  if (!revision) throw notFound;

  await editor.edit(draftDocumentName(module.id), replaceDraftContent(revision.doc));
  // Logged once the draft is stored, so the log never shows a restore that did not happen.
  await recordAudit(db, {
    actorId: actor.id,
    action: "draft.restored",
    targetType: "module",
    targetId: module.id,
    targetLabel: module.title,
    ownerOrgId: module.visibility === "public" ? null : module.ownerOrgId,
    details: { fromRevision: revision.number },
  });
  return { moduleId: module.id, number: revision.number };
}
