// The moderators' queue at /review: open proposals, submitted drafts and
// reports in the moderator's scope, oldest first, with how long each has
// waited and who has claimed it. Items older than the configured threshold
// are highlighted, and reminded about once by email.
import { and, asc, eq, gte, inArray, isNull, lt, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../../../db/database";
import { moderatorMindsets, reviewItems, users, MINDSETS, type Mindset } from "../../../db/schema";
import { recordAudit } from "../audit/record-audit.server";
import { enqueueEmail } from "../email/enqueue-email.server";
import { ForbiddenError, NotFoundError } from "../http-errors";
import { InputError } from "../input-error";
import { canActOnReviewItem, canUseReviewQueue, isPlatformAdmin, type Actor } from "../policy";
import { moderatorsFor } from "./review-scope.server";
import { readerLanguages } from "../i18n/reader-languages.server";
import { nestedMessageIn, translatorFor } from "../i18n/translators";
import { nestedMessage } from "../i18n/nested-message";

export const REVIEW_KINDS = ["proposal", "draft", "report", "group"] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];
export const REVIEW_AGES = ["any", "overdue", "week"] as const;
export type QueueFilters = { kind: ReviewKind | null; mindset: Mindset | null; age: (typeof REVIEW_AGES)[number]; onlyMyMindsets: boolean };

const claimer = alias(users, "claimer");

/** canActOnReviewItem as SQL: their own organisation's items, and public ones except reports (a report always has the scope it is handled in). */
const inScope = (actor: Actor): SQL =>
  isPlatformAdmin(actor) ? sql`true` : or(and(isNull(reviewItems.ownerOrgId), ne(reviewItems.kind, "report")), eq(reviewItems.ownerOrgId, actor.orgId))!;

export const itemLink = (item: { kind: string; proposalId: string | null; submissionId: string | null; reportId: string | null; groupId: string | null }) =>
  item.kind === "proposal"
    ? `/proposals/${item.proposalId}`
    : item.kind === "draft"
      ? `/review/drafts/${item.submissionId}`
      : item.kind === "group"
        ? `/review/groups/${item.groupId}`
        : `/review/reports/${item.reportId}`;

export async function myMindsets(db: Database, actor: Actor): Promise<Mindset[]> {
  const rows = await db.select({ mindset: moderatorMindsets.mindset }).from(moderatorMindsets).where(eq(moderatorMindsets.userId, actor.id));
  return rows.map((r) => r.mindset);
}

export async function listReviewQueue(db: Database, actor: Actor, filters: QueueFilters, { now = new Date(), overdueHours }: { now?: Date; overdueHours: number }) {
  if (!canUseReviewQueue(actor)) throw new ForbiddenError("review:queue.errors.moderatorsOnly");
  const overdueBefore = new Date(now.getTime() - overdueHours * 3_600_000);
  const mine = await myMindsets(db, actor);
  const conditions: SQL[] = [isNull(reviewItems.closedAt), inScope(actor)];
  if (filters.kind) conditions.push(eq(reviewItems.kind, filters.kind));
  if (filters.mindset) conditions.push(eq(reviewItems.mindset, filters.mindset));
  else if (filters.onlyMyMindsets && mine.length) conditions.push(or(inArray(reviewItems.mindset, mine), isNull(reviewItems.mindset))!);
  if (filters.age === "overdue") conditions.push(lt(reviewItems.openedAt, overdueBefore));
  if (filters.age === "week") conditions.push(gte(reviewItems.openedAt, new Date(now.getTime() - 7 * 86_400_000)));
  const rows = await db
    .select({
      id: reviewItems.id,
      kind: reviewItems.kind,
      title: reviewItems.title,
      mindset: reviewItems.mindset,
      openedAt: reviewItems.openedAt,
      proposalId: reviewItems.proposalId,
      submissionId: reviewItems.submissionId,
      reportId: reviewItems.reportId,
      groupId: reviewItems.groupId,
      claimedById: reviewItems.claimedBy,
      claimedBy: claimer.name,
      claimedAt: reviewItems.claimedAt,
    })
    .from(reviewItems)
    .leftJoin(claimer, eq(claimer.id, reviewItems.claimedBy))
    .where(and(...conditions))
    .orderBy(asc(reviewItems.openedAt))
    .limit(200);
  return {
    myMindsets: mine,
    items: rows.map((r) => ({
      ...r,
      link: itemLink(r),
      waitedHours: Math.max(0, Math.floor((now.getTime() - r.openedAt.getTime()) / 3_600_000)),
      overdue: r.openedAt < overdueBefore,
      claimedByMe: r.claimedById === actor.id,
    })),
  };
}

/**
 * What waits in this moderator's queue, in one query: open items per kind,
 * those waiting longer than the threshold, and those they claimed. The same
 * scope as the queue page with "all mindsets", so the numbers match its lists.
 */
export async function countReviewQueue(db: Database, actor: Actor, { now = new Date(), overdueHours }: { now?: Date; overdueHours: number }) {
  if (!canUseReviewQueue(actor)) throw new ForbiddenError("review:queue.errors.moderatorsOnly");
  const overdueBefore = new Date(now.getTime() - overdueHours * 3_600_000);
  const rows = await db
    .select({
      kind: reviewItems.kind,
      open: sql<number>`count(*)::int`,
      overdue: sql<number>`(count(*) filter (where ${reviewItems.openedAt} < ${overdueBefore.toISOString()}::timestamptz))::int`,
      claimedByMe: sql<number>`(count(*) filter (where ${reviewItems.claimedBy} = ${actor.id}))::int`,
    })
    .from(reviewItems)
    .where(and(isNull(reviewItems.closedAt), inScope(actor)))
    .groupBy(reviewItems.kind);
  const byKind = Object.fromEntries(REVIEW_KINDS.map((k) => [k, rows.find((r) => r.kind === k)?.open ?? 0])) as Record<ReviewKind, number>;
  const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((n, r) => n + f(r), 0);
  return { byKind, total: sum((r) => r.open), overdue: sum((r) => r.overdue), claimedByMe: sum((r) => r.claimedByMe), overdueHours };
}

/** Claims an open item so other moderators see it is taken, or lets go of one's own claim. */
export async function setClaim(db: Database, actor: Actor, itemId: string, claim: boolean, now = new Date()) {
  if (!canUseReviewQueue(actor)) throw new ForbiddenError("review:queue.errors.moderatorsOnly");
  await db.transaction(async (tx) => {
    const [item] = await tx
      .select({ id: reviewItems.id, kind: reviewItems.kind, title: reviewItems.title, ownerOrgId: reviewItems.ownerOrgId, closedAt: reviewItems.closedAt, claimedBy: reviewItems.claimedBy, claimer: claimer.name })
      .from(reviewItems)
      .leftJoin(claimer, eq(claimer.id, reviewItems.claimedBy))
      .where(eq(reviewItems.id, itemId))
      .for("update", { of: reviewItems });
    if (!item || !canActOnReviewItem(actor, item)) throw new NotFoundError("review:queue.errors.notFound");
    if (item.closedAt) throw new InputError({ form: "review:queue.errors.alreadyDecided" }, 409);
    if (claim) {
      if (item.claimedBy === actor.id) return;
      if (item.claimedBy) throw new InputError({ form: nestedMessage("review:queue.errors.claimed", { name: item.claimer ?? "review:queue.errors.anotherModerator", title: item.title }) }, 409);
      await tx.update(reviewItems).set({ claimedBy: actor.id, claimedAt: now }).where(eq(reviewItems.id, itemId));
    } else {
      if (item.claimedBy !== actor.id) throw new InputError({ form: "review:queue.errors.notYourClaim" }, 409);
      await tx.update(reviewItems).set({ claimedBy: null, claimedAt: null }).where(eq(reviewItems.id, itemId));
    }
    await recordAudit(tx, { actorId: actor.id, action: claim ? "review_item.claimed" : "review_item.released", targetType: "review_item", targetId: itemId, targetLabel: item.title, ownerOrgId: item.ownerOrgId, at: now });
  });
}

/** A moderator's own mindset scope for the queue and its notifications; none means all. */
export async function setMyMindsets(db: Database, actor: Actor, mindsets: Mindset[]) {
  if (!canUseReviewQueue(actor)) throw new ForbiddenError("review:queue.errors.moderatorsOnly");
  const wanted = [...new Set(mindsets)].filter((m) => (MINDSETS as readonly string[]).includes(m));
  await db.transaction(async (tx) => {
    await tx.delete(moderatorMindsets).where(eq(moderatorMindsets.userId, actor.id));
    if (wanted.length) await tx.insert(moderatorMindsets).values(wanted.map((mindset) => ({ userId: actor.id, mindset })));
  });
}

/**
 * Emails once about each item waiting longer than the threshold: to whoever
 * claimed it, else to the moderators in its scope. Safe with several
 * processes: each item is taken under a row lock and marked in the same step.
 */
export async function sendReviewReminders(db: Database, { origin, overdueHours, now = new Date() }: { origin: string; overdueHours: number; now?: Date }) {
  const overdueBefore = new Date(now.getTime() - overdueHours * 3_600_000);
  let sent = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const [item] = await tx
        .select()
        .from(reviewItems)
        .where(and(isNull(reviewItems.closedAt), isNull(reviewItems.remindedAt), lt(reviewItems.openedAt, overdueBefore)))
        .orderBy(asc(reviewItems.openedAt))
        .limit(1)
        .for("update", { skipLocked: true });
      if (!item) return true;
      const recipients = item.claimedBy
        ? await tx.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.id, item.claimedBy))
        : await moderatorsFor(tx, { ownerOrgId: item.ownerOrgId, mindset: item.mindset });
      const days = Math.floor((now.getTime() - item.openedAt.getTime()) / 86_400_000);
      const languages = await readerLanguages(tx, recipients.map((r) => r.id));
      for (const person of recipients) {
        const t = translatorFor(languages.get(person.id), "email");
        // A report's or a peer group's title is a message (review:queue.reportTitle); a draft's or a proposal's is its own.
        const title = nestedMessageIn(languages.get(person.id) ?? "en", item.title);
        const waiting = days > 0 ? t("reviewReminder.waitingDays", { title, count: days }) : t("reviewReminder.waitingHours", { title, count: overdueHours });
        await enqueueEmail(
          tx,
          {
            kind: "review_reminder",
            to: person.email,
            subject: t("reviewReminder.subject", { title }),
            text: [
              t("greeting", { name: person.name }),
              "",
              waiting,
              "",
              t("reviewReminder.open", { link: `${origin}${itemLink(item)}` }),
              "",
              t("reviewReminder.queue", { link: `${origin}/review` }),
              "",
            ].join("\n"),
          },
          now,
        );
      }
      await tx.update(reviewItems).set({ remindedAt: now }).where(eq(reviewItems.id, item.id));
      sent++;
      return false;
    });
    if (done) break;
  }
  return sent;
}

export { MINDSETS };
