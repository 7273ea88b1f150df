// Reports: any signed-in person may report a published module or a comment
// they can see (findVisibleComment), with a reason. The report waits in the
// review queue of the moderators who handle it (reportScope: the content's
// organisation, or for public content the reporter's; decision 021) until
// one of them resolves it, hides the content or dismisses it, and the
// reporter is told the outcome.
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { comments, modules, reports, reviewItems, users } from "../../../db/schema";
import { recordAudit } from "../audit/record-audit.server";
import { NotFoundError } from "../http-errors";
import { InputError } from "../input-error";
import { notify } from "../notifications/notify.server";
import { findVisibleComment } from "../comments/visible-comment.server";
import { canHandleReport, canModerate, canReadModule, canSeeReporter, reportScope, type Actor } from "../policy";
import { closeReviewItem, openReviewItem } from "../review/review-items.server";
import { MAX_REPORT_REASON, type ReportOutcome } from "./report-fields";
import { moderationScope, moduleWithRole } from "../review/review-scope.server";
import { isUuid } from "../uuid";
import { message } from "../i18n/message";
import { nestedMessage } from "../i18n/nested-message";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export type ReportTarget = { moduleSlug: string } | { commentId: string };

export type LoadedTarget = {
  kind: "module" | "comment";
  moduleId: string | null;
  commentId: string | null;
  label: string;
  /** The label as a catalogue message (a module's title is its own label). */
  labelMessage: string;
  excerpt: string;
  link: string;
  mindset: (typeof modules.$inferSelect)["mindset"] | null;
  ownerOrgId: string | null;
  hidden: boolean;
};

// Refusals are catalogue messages, said in the reader's language by the page.
const notFound = () => new NotFoundError("review:report.errors.targetNotFound");

/** The reported thing as this person sees it; a 404 when they cannot see it. */
export async function loadReportTarget(db: Database, actor: Actor, target: ReportTarget, { forModerator = false } = {}): Promise<LoadedTarget> {
  if ("moduleSlug" in target) {
    if (!SLUG.test(target.moduleSlug)) throw notFound();
    const [module] = await db.select(moduleWithRole(actor.id)).from(modules).where(eq(modules.slug, target.moduleSlug));
    const visible = module && (canReadModule(actor, module) || (forModerator && module.status === "archived" && canModerate(actor, { ownerOrgId: moderationScope(module) })));
    if (!module || !visible) throw notFound();
    return { kind: "module", moduleId: module.id, commentId: null, label: module.title, labelMessage: module.title, excerpt: "", link: `/modules/${module.slug}`, mindset: module.mindset, ownerOrgId: moderationScope(module), hidden: module.status === "archived" };
  }
  const found = await findVisibleComment(db, actor, target.commentId, { forModerator }).catch((error: unknown) => Promise.reject(error instanceof NotFoundError ? notFound() : error));
  return {
    kind: "comment",
    moduleId: found.moduleId,
    commentId: found.comment.id,
    label: found.label,
    labelMessage: found.labelMessage,
    excerpt: found.comment.body,
    link: found.link,
    mindset: found.mindset,
    ownerOrgId: found.ownerOrgId,
    hidden: found.comment.hiddenAt !== null,
  };
}

export async function reportContent(db: Database, actor: Actor, target: ReportTarget, reasonInput: string, now = new Date()) {
  const loaded = await loadReportTarget(db, actor, target);
  const reason = reasonInput.trim();
  if (!reason) throw new InputError({ reason: "review:report.errors.noReason" });
  if (reason.length > MAX_REPORT_REASON) throw new InputError({ reason: message("review:report.errors.reasonTooLong", { max: MAX_REPORT_REASON }) });
  const scope = reportScope(loaded, actor);
  return db.transaction(async (tx) => {
    const same = loaded.commentId ? eq(reports.commentId, loaded.commentId) : eq(reports.moduleId, loaded.moduleId!);
    const [existing] = await tx.select({ id: reports.id }).from(reports).where(and(same, eq(reports.reporterId, actor.id), eq(reports.status, "open")));
    if (existing) throw new InputError({ form: "review:report.errors.alreadyReported" }, 409);
    const [report] = await tx
      .insert(reports)
      .values({ reporterId: actor.id, moduleId: loaded.commentId ? null : loaded.moduleId, commentId: loaded.commentId, reason, createdAt: now })
      .returning({ id: reports.id });
    await openReviewItem(tx, { kind: "report", reportId: report!.id, title: nestedMessage("review:queue.reportTitle", { label: loaded.labelMessage }), mindset: loaded.mindset, ownerOrgId: scope, openedAt: now });
    await recordAudit(tx, { actorId: actor.id, action: "report.created", targetType: "report", targetId: report!.id, targetLabel: loaded.label, ownerOrgId: scope, reason, at: now });
    return { id: report!.id, link: loaded.link };
  });
}


/** The report for a moderator who may handle it (canHandleReport) and see what it is about; a 404 for anyone else. */
async function loadReportForModerator(db: Database, actor: Actor, reportId: string) {
  if (!isUuid(reportId)) throw new NotFoundError("review:report.errors.targetNotFound");
  const [report] = await db
    .select({ report: reports, reporter: users.name, reporterOrgId: users.orgId, scopeOrgId: reviewItems.ownerOrgId })
    .from(reports)
    .leftJoin(users, eq(users.id, reports.reporterId))
    // The queue row carries the report's scope: the organisation whose moderators handle it.
    .leftJoin(reviewItems, eq(reviewItems.reportId, reports.id))
    .where(eq(reports.id, reportId));
  if (!report || !canHandleReport(actor, { scopeOrgId: report.scopeOrgId })) throw new NotFoundError("review:report.errors.targetNotFound");
  const target: ReportTarget = report.report.commentId ? { commentId: report.report.commentId } : { moduleSlug: "" };
  let loaded: LoadedTarget;
  if ("commentId" in target) loaded = await loadReportTarget(db, actor, target, { forModerator: true }).catch(() => Promise.reject(new NotFoundError("review:report.errors.targetNotFound")));
  else {
    const [module] = await db.select({ slug: modules.slug }).from(modules).where(eq(modules.id, report.report.moduleId!));
    loaded = await loadReportTarget(db, actor, { moduleSlug: module?.slug ?? "-" }, { forModerator: true }).catch(() => Promise.reject(new NotFoundError("review:report.errors.targetNotFound")));
  }
  if (!canModerate(actor, { ownerOrgId: loaded.ownerOrgId })) throw new NotFoundError("review:report.errors.targetNotFound");
  return { ...report, target: loaded };
}

export async function loadReport(db: Database, actor: Actor, reportId: string) {
  const { report, reporter, reporterOrgId, target } = await loadReportForModerator(db, actor, reportId);
  const [decider] = report.resolvedBy ? await db.select({ name: users.name }).from(users).where(eq(users.id, report.resolvedBy)) : [];
  const reporterHidden = reporter === null ? ("former" as const) : canSeeReporter(actor, { orgId: reporterOrgId }) ? null : ("otherOrg" as const);
  // A hidden reporter (a former member, or someone in another organisation) is null here: the page names them by reporterHidden, in the reader's language.
  const shownReporter = reporterHidden ? null : reporter;
  // The reporter's id stays on the server with their name.
  const { reporterId: _reporterId, ...shown } = report;
  return { report: { ...shown, reporter: shownReporter, reporterHidden, resolvedByName: decider?.name ?? null }, target };
}


export async function resolveReport(db: Database, actor: Actor, reportId: string, outcome: ReportOutcome, noteInput: string | undefined, now = new Date()) {
  const { target, scopeOrgId } = await loadReportForModerator(db, actor, reportId);
  const note = (noteInput ?? "").trim();
  if (note.length > MAX_REPORT_REASON) throw new InputError({ note: message("review:report.errors.noteTooLong", { max: MAX_REPORT_REASON }) });
  await db.transaction(async (tx) => {
    const [report] = await tx.select().from(reports).where(eq(reports.id, reportId)).for("update");
    if (!report) throw new NotFoundError("review:report.errors.targetNotFound");
    if (report.status !== "open") {
      const [by] = report.resolvedBy ? await tx.select({ name: users.name }).from(users).where(eq(users.id, report.resolvedBy)) : [];
      const as = report.status === "dismissed" || report.status === "hidden" ? report.status : "resolved";
      throw new InputError({ form: by ? message(`review:report.errors.already.${as}`, { name: by.name }) : `review:report.errors.alreadyByAnother.${as}` }, 409);
    }
    await tx.update(reports).set({ status: outcome, resolvedBy: actor.id, resolvedAt: now, resolutionNote: note || null }).where(eq(reports.id, reportId));
    if (outcome === "hidden") {
      if (target.commentId) await tx.update(comments).set({ hiddenAt: now }).where(eq(comments.id, target.commentId));
      // A hidden module leaves the catalogue the way archiving does; its revisions stay.
      else await tx.update(modules).set({ status: "archived", updatedAt: now }).where(and(eq(modules.id, target.moduleId!), eq(modules.status, "published")));
    }
    // Other open reports on the same thing are settled by the same decision: those handled in the
    // same organisation; all of them when the content is hidden, since it is then gone for everyone.
    const same = target.commentId ? eq(reports.commentId, target.commentId) : eq(reports.moduleId, target.moduleId!);
    const handledHere = tx
      .select({ id: reviewItems.reportId })
      .from(reviewItems)
      .where(scopeOrgId === null ? isNull(reviewItems.ownerOrgId) : eq(reviewItems.ownerOrgId, scopeOrgId));
    const others = await tx
      .update(reports)
      .set({ status: outcome, resolvedBy: actor.id, resolvedAt: now, resolutionNote: note || null })
      .where(and(same, eq(reports.status, "open"), outcome === "hidden" ? undefined : inArray(reports.id, handledHere)))
      .returning({ id: reports.id, reporterId: reports.reporterId });
    const scopes = new Map(
      others.length
        ? (await tx.select({ reportId: reviewItems.reportId, scope: reviewItems.ownerOrgId }).from(reviewItems).where(inArray(reviewItems.reportId, others.map((o) => o.id)))).map((r) => [r.reportId, r.scope])
        : [],
    );
    for (const r of [{ id: reportId, reporterId: report.reporterId }, ...others]) {
      await closeReviewItem(tx, { reportId: r.id }, now);
      // Each report's events stay in the scope it is handled in.
      const ownerOrgId = r.id === reportId ? scopeOrgId : (scopes.get(r.id) ?? null);
      await recordAudit(tx, { actorId: actor.id, action: `report.${outcome}`, targetType: "report", targetId: r.id, targetLabel: target.label, ownerOrgId, reason: note || null, at: now });
    }
    await notify(
      tx,
      [report.reporterId, ...others.map((o) => o.reporterId)],
      {
        kind: "report_outcome",
        title: message("notifications:texts.reportOutcome", { label: target.label }),
        body: note ? message(`notifications:texts.reportOutcomeNote.${outcome}`, { note }) : `notifications:texts.reportOutcomeBody.${outcome}`,
        link: "/notifications",
      },
      { actorId: actor.id },
    );
  });
}
