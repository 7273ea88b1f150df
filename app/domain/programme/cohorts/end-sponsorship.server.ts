// Ending a cohort's sponsorship (decision 024): every unfinished cycle of its
// groups finishes at once through finishCycle (the alumni rule applies to what
// was attended), the meetings still to come are cancelled with notice, and
// each group is offered to carry on as a peer group for CONVERSION_DAYS.
import { and, asc, eq, gt, inArray, ne } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { cohorts, cycleMeetings, cycles, groupConversions, groupMembers, groups, organisations, reunions } from "../../../../db/schema";
import { isLanguage } from "../../i18n/languages";
import { messageIn } from "../../i18n/translators";
import { recordAudit } from "../../audit/record-audit.server";
import { InputError } from "../../input-error";
import { notify } from "../../notifications/notify.server";
import type { Actor } from "../../policy";
import { cancelOccasions } from "../../reunions/cancel-reunion.server";
import { finishCycle } from "../cycles/finish-cycle.server";
import { findCohort } from "./find-cohort.server";
import { MIN_CONSENTING } from "./close-conversions.server";
import { message } from "../../i18n/message";

export const CONVERSION_DAYS = 14;
const DAY = 86_400_000;
/** The cycles' outcome, a message shown in each reader's language. */
const REASON = "groups:cycle.outcomes.sponsorshipEnded";

export async function endSponsorship(db: Database, actor: Actor, cohortId: string, now = new Date()) {
  await findCohort(db, actor, cohortId);
  return db.transaction(async (tx) => {
    const cohort = await findCohort(tx, actor, cohortId, { forUpdate: true });
    if (cohort.sponsorshipEndedAt) throw new InputError({ form: "cohorts:cohort.errors.sponsorshipAlreadyEnded" }, 409);
    await tx.update(cohorts).set({ sponsorshipEndedAt: now, sponsorshipEndedBy: actor.id }).where(eq(cohorts.id, cohort.id));

    const open = await tx
      .select({ cycle: cycles })
      .from(cycles)
      .innerJoin(groups, eq(groups.id, cycles.groupId))
      .where(and(eq(groups.cohortId, cohort.id), eq(groups.kind, "programme"), inArray(cycles.state, ["planned", "running", "evaluating"])))
      .orderBy(asc(cycles.id))
      .for("update", { of: cycles });
    const alumni: string[] = [];
    for (const { cycle } of open) {
      const result = await finishCycle(tx, { cycle, cohort, event: "sponsorship_ended", outcome: REASON, at: now, sponsored: false, actorId: actor.id });
      alumni.push(...result.alumni);
    }

    const coming = open.length
      ? await tx
          .select({ reunion: reunions })
          .from(reunions)
          .innerJoin(cycleMeetings, eq(cycleMeetings.reunionId, reunions.id))
          .where(and(inArray(cycleMeetings.cycleId, open.map((o) => o.cycle.id)), ne(reunions.status, "cancelled"), gt(reunions.startsAt, now)))
          .orderBy(asc(reunions.startsAt), asc(reunions.id))
          .for("update", { of: reunions })
      : [];
    // One notice per group, on the group's own series.
    const byGroup = new Map<string, (typeof reunions.$inferSelect)[]>();
    for (const { reunion } of coming) byGroup.set(reunion.groupId!, [...(byGroup.get(reunion.groupId!) ?? []), reunion]);
    // A cancellation's reason is stored and sent as words, like one an organiser types: the organisation's language.
    const [org] = await tx.select({ language: organisations.defaultLanguage }).from(organisations).where(eq(organisations.id, cohort.orgId));
    const cancelled = messageIn(isLanguage(org?.language) ? org.language : "en", REASON);
    for (const rows of byGroup.values()) await cancelOccasions(tx, rows, { actorId: actor.id, reason: cancelled, now, tell: true });

    // The offer goes to groups that could carry on: enough members to reach the consents needed.
    const sizes = await tx
      .select({ id: groups.id, name: groups.name, memberId: groupMembers.userId })
      .from(groups)
      .innerJoin(groupMembers, and(eq(groupMembers.groupId, groups.id), eq(groupMembers.role, "member")))
      .where(and(eq(groups.cohortId, cohort.id), eq(groups.kind, "programme")));
    const members = new Map<string, { name: string; ids: string[] }>();
    for (const row of sizes) members.set(row.id, { name: row.name, ids: [...(members.get(row.id)?.ids ?? []), row.memberId] });
    const closesAt = new Date(now.getTime() + CONVERSION_DAYS * DAY);
    let offers = 0;
    for (const [groupId, group] of members) {
      if (group.ids.length < MIN_CONSENTING) continue;
      const [offer] = await tx.insert(groupConversions).values({ groupId, offeredAt: now, closesAt }).onConflictDoNothing().returning();
      if (!offer) continue;
      offers++;
      await notify(
        tx,
        group.ids,
        {
          kind: "programme",
          title: message("notifications:texts.carryOnAsk", { group: group.name }),
          body: message("notifications:texts.carryOnAskBody", { group: group.name, count: MIN_CONSENTING, days: CONVERSION_DAYS }),
          link: `/groups/${groupId}/carry-on`,
        },
        { actorId: actor.id },
      );
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: "cohort.sponsorship_ended",
      targetType: "cohort",
      targetId: cohort.id,
      targetLabel: cohort.name,
      ownerOrgId: cohort.orgId,
      details: { cyclesEnded: open.length, meetingsCancelled: coming.length, offers, alumni: alumni.length },
      at: now,
    });
    return { cyclesEnded: open.length, meetingsCancelled: coming.length, offers, alumni };
  });
}
