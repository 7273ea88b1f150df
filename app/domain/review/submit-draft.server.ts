// Submitting a working draft for review: the lead freezes the exact Yjs
// state as a candidate revision. Editing goes on; the review page says when
// the draft has moved on since. The lead may also withdraw a submission.
import { and, eq, sql } from "drizzle-orm";
import * as Y from "yjs";
import type { Database } from "../../../db/database";
import { moduleSubmissions, modules } from "../../../db/schema";
import { recordAudit } from "../audit/record-audit.server";
import { ForbiddenError, NotFoundError } from "../http-errors";
import { InputError } from "../input-error";
import { draftDocumentName, type DraftReader } from "../modules/module-draft.server";
import { checkDocumentFit } from "../collab/document-fit";
import { draftProblemMessage, type DraftOutline } from "../modules/describe-draft-problem";
import { ModuleDocumentError } from "../modules/module-document";
import { MODULE_YJS_FIELD, moduleSchema } from "../modules/module-schema";
import { renderModule } from "../modules/render-module.server";
import { notify } from "../notifications/notify.server";
import { canLeadDraft, draftAccess, type Actor } from "../policy";
import { closeReviewItem, openReviewItem } from "./review-items.server";
import { moderationScope, moderatorsFor, moduleWithRole } from "./review-scope.server";
import { transition } from "./submission-lifecycle";
import { message } from "../i18n/message";

export type { DraftReader };

export type Candidate = { state: Uint8Array; snapshot: Uint8Array; doc: unknown };

/**
 * The draft as it is now, frozen: its state, its Yjs snapshot, and the
 * document checked against the schema. A draft that does not fit (stored
 * before the collaboration server checked every change) is a 409 saying
 * where and what to do, never a crash.
 */
export async function freezeDraft(reader: DraftReader, moduleId: string): Promise<Candidate> {
  const state = await reader.read(draftDocumentName(moduleId));
  const ydoc = new Y.Doc();
  try {
    Y.applyUpdate(ydoc, state);
    const snapshot = Y.encodeSnapshot(Y.snapshot(ydoc));
    const fragment = ydoc.getXmlFragment(MODULE_YJS_FIELD);
    const fit = checkDocumentFit(fragment, moduleSchema);
    if (!fit.ok) throw new InputError({ form: draftProblemMessage(fit.problem, outlineOf(fragment)) }, 409);
    let doc: unknown;
    try {
      doc = renderModule(fit.doc.toJSON()).json;
    } catch (error) {
      if (error instanceof ModuleDocumentError) throw new InputError({ form: "modules:draftProblem.notModule" });
      throw error;
    }
    return { state, snapshot, doc };
  } finally {
    ydoc.destroy();
  }
}

function outlineOf(fragment: Y.XmlFragment): DraftOutline {
  const name = (node: unknown) => (node instanceof Y.XmlElement ? node.nodeName : "");
  return {
    parts: fragment.toArray().map(name),
    nameAt: (path) => {
      let node: unknown = fragment;
      for (const index of path) node = node instanceof Y.XmlFragment ? node.get(index) : undefined;
      return name(node) || undefined;
    },
  };
}

/** Whether the live draft differs from a frozen candidate (its state vector or deletions moved on). */
export async function draftChangedSince(reader: DraftReader, moduleId: string, candidateSnapshot: Uint8Array): Promise<boolean> {
  const ydoc = new Y.Doc();
  try {
    Y.applyUpdate(ydoc, await reader.read(draftDocumentName(moduleId)));
    return !Y.equalSnapshots(Y.snapshot(ydoc), Y.decodeSnapshot(candidateSnapshot));
  } finally {
    ydoc.destroy();
  }
}

async function loadLeadDraft(db: Database, actor: Actor, moduleId: string) {
  const [module] = await db.select(moduleWithRole(actor.id)).from(modules).where(eq(modules.id, moduleId));
  if (!module || draftAccess(actor, module) === "none") throw new NotFoundError("modules:draft.errors.notFound");
  if (!canLeadDraft(actor, module)) throw new ForbiddenError("modules:draft.errors.onlyLeadSubmits");
  return module;
}

export async function submitDraft(db: Database, reader: DraftReader, actor: Actor, moduleId: string, now = new Date()) {
  const module = await loadLeadDraft(db, actor, moduleId);
  const candidate = await freezeDraft(reader, moduleId);
  const scope = moderationScope(module);
  return db.transaction(async (tx) => {
    // One open review per module: lock the module so two submits queue up.
    await tx.select({ id: modules.id }).from(modules).where(eq(modules.id, moduleId)).for("update");
    const [open] = await tx
      .select({ id: moduleSubmissions.id })
      .from(moduleSubmissions)
      .where(and(eq(moduleSubmissions.moduleId, moduleId), eq(moduleSubmissions.state, "in_review")));
    if (open) throw new InputError({ form: "modules:draft.errors.alreadyWaiting" }, 409);
    const [{ round }] = (await tx
      .select({ round: sql<number>`coalesce(max(${moduleSubmissions.round}), 0)::int + 1` })
      .from(moduleSubmissions)
      .where(eq(moduleSubmissions.moduleId, moduleId))) as [{ round: number }];
    const [submission] = await tx
      .insert(moduleSubmissions)
      .values({
        moduleId,
        round,
        submittedBy: actor.id,
        submittedAt: now,
        candidateState: candidate.state,
        candidateSnapshot: candidate.snapshot,
        candidateDoc: candidate.doc,
        baseRevisionId: module.publishedRevisionId,
      })
      .returning({ id: moduleSubmissions.id });
    const id = submission!.id;
    await openReviewItem(tx, { kind: "draft", submissionId: id, title: module.title, mindset: module.mindset, ownerOrgId: scope, openedAt: now });
    await recordAudit(tx, { actorId: actor.id, action: "submission.submitted", targetType: "submission", targetId: id, targetLabel: module.title, ownerOrgId: scope, details: { moduleId, round }, at: now });
    const reviewers = (await moderatorsFor(tx, { ownerOrgId: scope, mindset: module.mindset })).map((m) => m.id);
    await notify(
      tx,
      [...reviewers, module.requiredApproverId],
      { kind: "submission", title: message("notifications:texts.submitted", { module: module.title }), body: round > 1 ? message("notifications:texts.submittedRound", { round }) : "", link: `/review/drafts/${id}` },
      { actorId: actor.id },
    );
    return { id, round };
  });
}

export async function withdrawSubmission(db: Database, actor: Actor, moduleId: string, now = new Date()) {
  const module = await loadLeadDraft(db, actor, moduleId);
  await db.transaction(async (tx) => {
    const [open] = await tx
      .select({ id: moduleSubmissions.id, state: moduleSubmissions.state })
      .from(moduleSubmissions)
      .where(and(eq(moduleSubmissions.moduleId, moduleId), eq(moduleSubmissions.state, "in_review")))
      .for("update");
    if (!open) throw new InputError({ form: "modules:draft.errors.nothingToWithdraw" }, 409);
    const move = transition(open.state, "withdraw", { moderator: false, author: false, authorRequired: false });
    if (!move.ok) throw new InputError({ form: move.reason }, 409);
    await tx.update(moduleSubmissions).set({ state: move.to, decidedBy: actor.id, decidedAt: now }).where(eq(moduleSubmissions.id, open.id));
    await closeReviewItem(tx, { submissionId: open.id }, now);
    await recordAudit(tx, { actorId: actor.id, action: "submission.withdrawn", targetType: "submission", targetId: open.id, targetLabel: module.title, ownerOrgId: moderationScope(module), at: now });
  });
}
