// Deciding the offers to carry on as a peer group (decision 024): when the
// window closes, or every member has answered, a group with at least
// MIN_CONSENTING consenting members becomes a peer group (the same row, so it
// keeps its meetings, notes and discussion) with only those members; the most
// active of them (most meetings present, then the earliest to consent)
// convenes it and the facilitator leaves. With fewer, the offer lapses.
// The group keeps its cohort_id: the cohort page can tell what came of it.
import { and, asc, eq, inArray, lte, ne, notExists, or, sql } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { cycleMeetings, cycles, groupConversionAnswers, groupConversions, groupMembers, groups, meetingAttendance, reunions, users } from "../../../../db/schema";
import { recordAudit } from "../../audit/record-audit.server";
import { InputError } from "../../input-error";
import { notify } from "../../notifications/notify.server";
import type { ProgrammeStep } from "../programme-jobs.server";
import { message } from "../../i18n/message";
import { nestedMessage } from "../../i18n/nested-message";

export const MIN_CONSENTING = 3;

type Consent = { userId: string; answeredAt: Date };

/** The convener: most meetings present, then the earliest to consent. Pure, for the tests' sake too. */
export function chooseConvener(consenting: readonly Consent[], present: ReadonlyMap<string, number>): string {
  return [...consenting].sort((a, b) => (present.get(b.userId) ?? 0) - (present.get(a.userId) ?? 0) || a.answeredAt.getTime() - b.answeredAt.getTime())[0]!.userId;
}

/** A peer group's name is unique across organisations; a taken one gets a plain suffix. */
async function freePeerName(tx: Database, name: string, groupId: string) {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : `${name} (${n})`;
    const [taken] = await tx.select({ id: groups.id }).from(groups).where(and(eq(groups.kind, "peer"), ne(groups.id, groupId), sql`lower(${groups.name}) = lower(${candidate})`));
    if (!taken) return candidate;
  }
}

/**
 * Turns the programme group into a peer group with exactly `keep`, convened
 * by `convenerId`. Refuses anyone in `keep` who has not consented: nobody is
 * moved without consenting.
 */
export async function convertGroup(tx: Database, groupId: string, keep: readonly string[], convenerId: string, now: Date) {
  const answers = keep.length
    ? await tx.select().from(groupConversionAnswers).where(and(eq(groupConversionAnswers.groupId, groupId), inArray(groupConversionAnswers.userId, [...keep])))
    : [];
  const without = keep.filter((id) => !answers.some((a) => a.userId === id && a.consent));
  if (without.length) {
    const names = await tx.select({ name: users.name }).from(users).where(inArray(users.id, without));
    throw new InputError({ form: nestedMessage("cohorts:conversion.errors.didNotAgree", { people: names.map((n) => n.name), count: names.length }) });
  }
  if (keep.length < MIN_CONSENTING) throw new InputError({ form: message("cohorts:conversion.errors.tooFew", { count: MIN_CONSENTING }) });
  if (!keep.includes(convenerId)) throw new InputError({ form: "cohorts:conversion.errors.convenerDidNotAgree" });
  const [group] = await tx.select().from(groups).where(eq(groups.id, groupId));
  const everyone = await tx.select({ userId: groupMembers.userId }).from(groupMembers).where(eq(groupMembers.groupId, groupId));
  const leaving = everyone.map((m) => m.userId).filter((id) => !keep.includes(id));
  if (leaving.length) await tx.delete(groupMembers).where(and(eq(groupMembers.groupId, groupId), inArray(groupMembers.userId, leaving)));
  await tx.update(groupMembers).set({ role: "member" }).where(and(eq(groupMembers.groupId, groupId), ne(groupMembers.userId, convenerId)));
  await tx.update(groupMembers).set({ role: "convener" }).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, convenerId)));
  const name = await freePeerName(tx, group!.name, groupId);
  await tx.update(groups).set({ kind: "peer", name, status: "active", founderId: convenerId, activatedAt: now, updatedAt: now }).where(eq(groups.id, groupId));
  await tx.update(groupConversions).set({ status: "converted", decidedAt: now }).where(eq(groupConversions.groupId, groupId));
  await recordAudit(tx, {
    actorId: null,
    action: "group.converted",
    targetType: "group",
    targetId: groupId,
    targetLabel: name,
    ownerOrgId: group!.orgId,
    reason: message("audit:reasons.carriedOn", { count: keep.length }),
    details: { members: keep.length, convenerId, left: leaving.length },
    at: now,
  });
  await notify(tx, keep, { kind: "group", title: message("notifications:texts.carriesOn", { group: name }), body: message("notifications:texts.carriesOnBody", { count: keep.length }), link: `/groups/${groupId}` });
  await notify(tx, leaving, { kind: "programme", title: message("notifications:texts.carriesOnWithoutYou", { group: group!.name }), body: "notifications:texts.carriesOnWithoutYouBody", link: "/" });
  return { name, members: keep.length, convenerId };
}

/** Decides one open offer; call in a transaction holding its row. */
export async function decideConversion(tx: Database, groupId: string, now: Date) {
  const members = await tx.select({ userId: groupMembers.userId }).from(groupMembers).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.role, "member")));
  const memberIds = members.map((m) => m.userId);
  const answers = memberIds.length
    ? await tx.select().from(groupConversionAnswers).where(and(eq(groupConversionAnswers.groupId, groupId), inArray(groupConversionAnswers.userId, memberIds)))
    : [];
  const consenting = answers.filter((a) => a.consent);
  if (consenting.length < MIN_CONSENTING) {
    await tx.update(groupConversions).set({ status: "declined", decidedAt: now }).where(eq(groupConversions.groupId, groupId));
    const [group] = await tx.select({ name: groups.name }).from(groups).where(eq(groups.id, groupId));
    await notify(tx, memberIds, {
      kind: "programme",
      title: group ? message("notifications:texts.doesNotCarryOn", { group: group.name }) : "notifications:texts.yourGroupDoesNotCarryOn",
      body: message("notifications:texts.doesNotCarryOnBody", { count: MIN_CONSENTING }),
      link: `/groups/${groupId}/carry-on`,
    });
    return { converted: false as const };
  }
  const present = await tx
    .select({ userId: meetingAttendance.userId, n: sql<number>`count(*)::int` })
    .from(meetingAttendance)
    .innerJoin(cycleMeetings, eq(cycleMeetings.reunionId, meetingAttendance.reunionId))
    .innerJoin(cycles, eq(cycles.id, cycleMeetings.cycleId))
    .innerJoin(reunions, eq(reunions.id, meetingAttendance.reunionId))
    .where(and(eq(cycles.groupId, groupId), eq(meetingAttendance.status, "present"), ne(reunions.status, "cancelled"), inArray(meetingAttendance.userId, consenting.map((c) => c.userId))))
    .groupBy(meetingAttendance.userId);
  const convenerId = chooseConvener(consenting, new Map(present.map((p) => [p.userId, p.n])));
  return { converted: true as const, ...(await convertGroup(tx, groupId, consenting.map((c) => c.userId), convenerId, now)) };
}

/** Offers whose window has closed, or that every member has answered: one at a time, under SKIP LOCKED. */
export async function closeConversions(db: Database, { now = new Date() }: { now?: Date } = {}) {
  let decided = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const unanswered = tx
        .select({ one: sql`1` })
        .from(groupMembers)
        .where(
          and(
            eq(groupMembers.groupId, groupConversions.groupId),
            eq(groupMembers.role, "member"),
            notExists(tx.select({ one: sql`1` }).from(groupConversionAnswers).where(and(eq(groupConversionAnswers.groupId, groupMembers.groupId), eq(groupConversionAnswers.userId, groupMembers.userId)))),
          ),
        );
      const [row] = await tx
        .select({ groupId: groupConversions.groupId })
        .from(groupConversions)
        .where(and(eq(groupConversions.status, "open"), or(lte(groupConversions.closesAt, now), notExists(unanswered))))
        .orderBy(asc(groupConversions.closesAt))
        .limit(1)
        .for("update", { skipLocked: true });
      if (!row) return true;
      await decideConversion(tx, row.groupId, now);
      return false;
    });
    if (done) return decided;
    decided++;
  }
}

export const conversionsStep: ProgrammeStep = { name: "conversions", run: (db, { now }) => closeConversions(db, { now }) };
