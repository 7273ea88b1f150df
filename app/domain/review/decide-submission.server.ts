// A reviewer's decision on a submitted draft: approve, request changes or
// reject. Publishing needs a moderator's approval, and the lead thought
// leader's too when they are a required approver; nobody approves their own
// submission. Two reviewers deciding at once: the submission row is locked,
// so exactly one decision wins and the other is told who decided and what.
import { and, eq } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { moduleSubmissions, modules, submissionApprovals, users } from "../../../db/schema";
import type { AuditAction } from "../audit/audit-actions";
import { recordAudit } from "../audit/record-audit.server";
import { ForbiddenError, NotFoundError } from "../http-errors";
import { InputError } from "../input-error";
import { publishRevision } from "../modules/publish-revision.server";
import { notify } from "../notifications/notify.server";
import { canModerate, draftAccess, type Actor } from "../policy";
import { closeReviewItem } from "./review-items.server";
import { MAX_REASON_LENGTH } from "./review-fields";
import { authorsOf, moderationScope, moduleWithRole } from "./review-scope.server";
import { approvalsComplete, transition, type Approvals, type SubmissionEvent } from "./submission-lifecycle";
import { message } from "../i18n/message";
import { nestedMessage } from "../i18n/nested-message";

/** Who decided or approved, when their account is gone. */
const SOMEONE = "review:draft.someone";

export type Decision = "approve" | "request_changes" | "reject";

export type ReviewerCapacity = "moderator" | "author";

/** In what capacity this person may decide on a module's submissions, if any. */
export function reviewerCapacity(actor: Actor, module: { visibility: string; ownerOrgId: string | null; authorRole: string | null; requiredApproverId: string | null }): ReviewerCapacity | null {
  if (module.requiredApproverId === actor.id) return "author";
  // Someone who writes the module never reviews it as a moderator.
  if (module.authorRole === null && canModerate(actor, { ownerOrgId: moderationScope(module) })) return "moderator";
  return null;
}


/** Loads a submission for someone who may see it: reviewers and the module's authors; 404 for everyone else. */
export async function loadSubmissionFor(db: Database, actor: Actor, submissionId: string) {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(submissionId)) throw new NotFoundError("review:draft.errors.notFound");
  const [row] = await db
    .select({ submission: moduleSubmissions, module: moduleWithRole(actor.id) })
    .from(moduleSubmissions)
    .innerJoin(modules, eq(modules.id, moduleSubmissions.moduleId))
    .where(eq(moduleSubmissions.id, submissionId));
  if (!row) throw new NotFoundError("review:draft.errors.notFound");
  const capacity = reviewerCapacity(actor, row.module);
  if (!capacity && (row.module.authorRole === null || draftAccess(actor, row.module) === "none")) throw new NotFoundError("review:draft.errors.notFound");
  return { ...row, capacity };
}

export type DecisionOutcome = { state: "published"; revisionNumber: number } | { state: "in_review"; waitingFor: "moderator" | "author" } | { state: "changes_requested" | "rejected" };

export async function decideSubmission(db: Database, actor: Actor, submissionId: string, decision: Decision, reasonInput: string | undefined, now = new Date()): Promise<DecisionOutcome> {
  const { module, capacity } = await loadSubmissionFor(db, actor, submissionId);
  if (!capacity) throw new ForbiddenError("review:draft.errors.ownModule");
  const reason = (reasonInput ?? "").trim();
  if (decision !== "approve" && !reason) throw new InputError({ reason: decision === "reject" ? "review:draft.errors.rejectReason" : "review:draft.errors.changesReason" });
  if (reason.length > MAX_REASON_LENGTH) throw new InputError({ reason: message("review:errors.reasonTooLong", { max: MAX_REASON_LENGTH }) });
  const scope = moderationScope(module);

  return db.transaction(async (tx) => {
    const [submission] = await tx.select().from(moduleSubmissions).where(eq(moduleSubmissions.id, submissionId)).for("update");
    if (!submission) throw new NotFoundError("review:draft.errors.notFound");
    const approvalRows = await tx
      .select({ capacity: submissionApprovals.capacity, name: users.name })
      .from(submissionApprovals)
      .leftJoin(users, eq(users.id, submissionApprovals.userId))
      .where(eq(submissionApprovals.submissionId, submissionId));
    const decidedBy = submission.decidedBy ? (await tx.select({ name: users.name }).from(users).where(eq(users.id, submission.decidedBy)))[0]?.name : undefined;
    const decided = submission.decidedAt ? { by: decidedBy ?? SOMEONE, at: submission.decidedAt } : undefined;
    const approvals: Approvals = {
      moderator: approvalRows.some((a) => a.capacity === "moderator"),
      // A required approver who submitted the draft signed off by submitting, but only the text they submitted: not after a re-base.
      author: approvalRows.some((a) => a.capacity === "author") || (module.requiredApproverId !== null && submission.submittedBy === module.requiredApproverId && submission.rebasedAt === null),
      authorRequired: module.requiredApproverId !== null,
    };
    const event: SubmissionEvent = decision;
    const move = transition(submission.state, event, approvals, decided);
    if (!move.ok) throw new InputError({ form: move.reason }, 409);
    // Their own submission is never theirs to decide; after a re-base the required approver signs off the newer text like anyone.
    const ownSubmission = submission.submittedBy === actor.id && !(capacity === "author" && submission.rebasedAt !== null);
    if (ownSubmission) throw new ForbiddenError("review:draft.errors.ownSubmission");

    const authors = await authorsOf(tx, module.id);
    const audit = (action: AuditAction, details: Record<string, unknown> = {}) =>
      recordAudit(tx, { actorId: actor.id, action, targetType: "submission", targetId: submissionId, targetLabel: module.title, ownerOrgId: scope, reason: reason || null, details: { moduleId: module.id, round: submission.round, capacity, ...details }, at: now });

    if (decision === "approve") {
      const existing = approvalRows.find((a) => a.capacity === capacity);
      if (existing) throw new InputError({ form: nestedMessage(`review:draft.errors.alreadyApproved.${capacity === "moderator" ? "moderator" : "lead"}`, { name: existing.name ?? SOMEONE }) }, 409);
      await tx.insert(submissionApprovals).values({ submissionId, capacity, userId: actor.id, createdAt: now });
      await audit("submission.approved");
      const after = { ...approvals, [capacity]: true };
      if (!approvalsComplete(after)) return { state: "in_review", waitingFor: after.moderator ? "author" : "moderator" } as const;
      const publish = transition(submission.state, "publish", after);
      if (!publish.ok) throw new InputError({ form: publish.reason }, 409);
      const revision = await publishRevision(tx, { moduleId: module.id, doc: submission.candidateDoc, authorId: submission.submittedBy, submissionId, now });
      await tx
        .update(moduleSubmissions)
        .set({ state: "published", decidedBy: actor.id, decidedAt: now, publishedRevisionId: revision.id })
        .where(eq(moduleSubmissions.id, submissionId));
      await closeReviewItem(tx, { submissionId }, now);
      await recordAudit(tx, { actorId: actor.id, action: "module.published", targetType: "module", targetId: module.id, targetLabel: module.title, ownerOrgId: scope, details: { revision: revision.number, submissionId }, at: now });
      await notify(tx, authors, { kind: "decision", title: message("notifications:texts.published", { module: module.title }), body: message("notifications:texts.publishedBody", { revision: revision.number }), link: `/modules/${module.slug}` }, { actorId: actor.id });
      return { state: "published", revisionNumber: revision.number };
    }

    await tx
      .update(moduleSubmissions)
      .set({ state: move.to, decidedBy: actor.id, decidedAt: now, decisionReason: reason })
      .where(and(eq(moduleSubmissions.id, submissionId), eq(moduleSubmissions.state, "in_review")));
    await closeReviewItem(tx, { submissionId }, now);
    await audit(decision === "reject" ? "submission.rejected" : "submission.changes_requested");
    await notify(
      tx,
      authors,
      decision === "reject"
        ? { kind: "decision", title: message("notifications:texts.rejected", { module: module.title }), body: reason, link: `/modules/${module.slug}/edit` }
        : { kind: "decision", title: message("notifications:texts.changesRequested", { module: module.title }), body: reason, link: `/modules/${module.slug}/edit` },
      { actorId: actor.id },
    );
    return { state: move.to as "changes_requested" | "rejected" };
  });
}
