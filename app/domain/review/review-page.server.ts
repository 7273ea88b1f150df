// What a reviewer sees of a submission: the frozen candidate, the published
// revision it would replace, whether the draft moved on since, the approvals
// so far and earlier rounds. Re-basing replaces the candidate with the
// draft as it is now; approvals given to the old text no longer count.
import { and, asc, desc, eq, ne } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../../../db/database";
import { moduleRevisions, moduleSubmissions, modules, submissionApprovals, users } from "../../../db/schema";
import { recordAudit } from "../audit/record-audit.server";
import { ForbiddenError } from "../http-errors";
import { InputError } from "../input-error";
import type { ModuleDocJSON } from "../modules/module-schema";
import { renderModule } from "../modules/render-module.server";
import type { Actor } from "../policy";
import { loadSubmissionFor } from "./decide-submission.server";
import { moderationScope } from "./review-scope.server";
import { draftChangedSince, freezeDraft, type DraftReader } from "./submit-draft.server";
import { transition } from "./submission-lifecycle";

export async function loadReviewPage(db: Database, reader: DraftReader, actor: Actor, submissionId: string) {
  const { submission, module, capacity } = await loadSubmissionFor(db, actor, submissionId);
  const [published] = module.publishedRevisionId
    ? await db.select({ number: moduleRevisions.number, doc: moduleRevisions.doc, createdAt: moduleRevisions.createdAt }).from(moduleRevisions).where(eq(moduleRevisions.id, module.publishedRevisionId))
    : [];
  const [submitter] = submission.submittedBy ? await db.select({ name: users.name }).from(users).where(eq(users.id, submission.submittedBy)) : [];
  const [decider] = submission.decidedBy ? await db.select({ name: users.name }).from(users).where(eq(users.id, submission.decidedBy)) : [];
  const original = alias(modules, "original");
  const [approvals, earlierRounds, [approver], [translation]] = await Promise.all([
    db
      .select({ capacity: submissionApprovals.capacity, name: users.name, at: submissionApprovals.createdAt })
      .from(submissionApprovals)
      .leftJoin(users, eq(users.id, submissionApprovals.userId))
      .where(eq(submissionApprovals.submissionId, submissionId))
      .orderBy(asc(submissionApprovals.createdAt)),
    db
      .select({ round: moduleSubmissions.round, state: moduleSubmissions.state, reason: moduleSubmissions.decisionReason, decidedAt: moduleSubmissions.decidedAt })
      .from(moduleSubmissions)
      .where(and(eq(moduleSubmissions.moduleId, module.id), ne(moduleSubmissions.id, submissionId)))
      .orderBy(desc(moduleSubmissions.round)),
    module.requiredApproverId ? db.select({ name: users.name }).from(users).where(eq(users.id, module.requiredApproverId)) : Promise.resolve([]),
    // A translation is reviewed beside the module it translates (docs/decisions/039-modules-in-two-languages.md).
    db
      .select({ language: modules.language, original: { slug: original.slug, title: original.title, language: original.language } })
      .from(modules)
      .leftJoin(original, eq(original.id, modules.translationOf))
      .where(eq(modules.id, module.id)),
  ]);
  const changedSinceSubmission = submission.state === "in_review" ? await draftChangedSince(reader, module.id, submission.candidateSnapshot) : false;
  return {
    module: { id: module.id, slug: module.slug, title: module.title, mindset: module.mindset, status: module.status, language: translation?.language ?? "en", translates: translation?.original ?? null },
    submission: {
      id: submission.id,
      round: submission.round,
      state: submission.state,
      submittedAt: submission.submittedAt,
      // Null or the erased account's name: the page names a former member.
      submittedBy: submitter?.name ?? null,
      // After a re-base a required approver who submitted must approve the newer text themselves.
      submittedByMe: submission.submittedBy === actor.id && !(capacity === "author" && submission.rebasedAt !== null),
      decidedBy: decider?.name ?? null,
      decidedAt: submission.decidedAt,
      reason: submission.decisionReason,
      rebasedAt: submission.rebasedAt,
    },
    candidate: submission.candidateDoc as ModuleDocJSON,
    candidateHtml: renderModule(submission.candidateDoc).html,
    published: published ? { number: published.number, doc: published.doc as ModuleDocJSON, at: published.createdAt } : null,
    changedSinceSubmission,
    approvals,
    requiredApprover: approver?.name ?? null,
    requiredApproverSubmitted: module.requiredApproverId !== null && module.requiredApproverId === submission.submittedBy && submission.rebasedAt === null,
    capacity,
    earlierRounds,
  };
}

export async function rebaseSubmission(db: Database, reader: DraftReader, actor: Actor, submissionId: string, now = new Date()) {
  const { module, capacity } = await loadSubmissionFor(db, actor, submissionId);
  if (!capacity) throw new ForbiddenError("review:draft.errors.rebase");
  const candidate = await freezeDraft(reader, module.id);
  await db.transaction(async (tx) => {
    const [submission] = await tx.select({ state: moduleSubmissions.state }).from(moduleSubmissions).where(eq(moduleSubmissions.id, submissionId)).for("update");
    const move = transition(submission!.state, "rebase", { moderator: false, author: false, authorRequired: false });
    if (!move.ok) throw new InputError({ form: move.reason }, 409);
    await tx
      .update(moduleSubmissions)
      .set({ candidateState: candidate.state, candidateSnapshot: candidate.snapshot, candidateDoc: candidate.doc, rebasedAt: now })
      .where(eq(moduleSubmissions.id, submissionId));
    // Approvals were given to the earlier text.
    const dropped = await tx.delete(submissionApprovals).where(eq(submissionApprovals.submissionId, submissionId)).returning({ capacity: submissionApprovals.capacity });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "submission.rebased",
      targetType: "submission",
      targetId: submissionId,
      targetLabel: module.title,
      ownerOrgId: moderationScope(module),
      details: { moduleId: module.id, approvalsWithdrawn: dropped.map((d) => d.capacity) },
      at: now,
    });
  });
}
