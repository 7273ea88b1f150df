// The facilitator schedules the group's cycle from the cycle page: the first
// free meeting's date, time, zone and place; every free place of the cycle
// becomes one monthly meeting. The group's first cycle is created here; a
// cycle that is already full refuses a seventh meeting (planCycleMeetings).
import { desc, eq } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { cohorts, cycles, groups } from "../../../../db/schema";
import { ForbiddenError } from "../../http-errors";
import { InputError } from "../../input-error";
import { isGroupFacilitator, type Actor } from "../../policy";
import { findProgrammeGroup } from "../load-programme-group.server";
import { planCycleMeetings } from "../plan-cycle-meetings.server";
import type { ScheduleCycleInput } from "./cycle-fields";

/** Returns the number of the cycle scheduled and its new meetings' ids. */
export async function scheduleCycle(db: Database, actor: Actor, groupId: string, input: ScheduleCycleInput, now = new Date()) {
  const group = await findProgrammeGroup(db, actor, groupId);
  if (!isGroupFacilitator(actor, group.access)) throw new ForbiddenError("groups:cycle.errors.scheduleFacilitator");
  if (group.cohort.sponsorshipEndedAt) throw new InputError({ form: "groups:cycle.errors.notSponsored" }, 409);
  return db.transaction(async (tx) => {
    // Ending sponsorship holds the cohort's row while it ends the cycles: read it again here, under a share lock
    // taken first (the order ending sponsorship takes its locks in), so a cycle is never planned just after the
    // sponsorship ended, nor missed by the ending.
    const [cohort] = await tx.select({ sponsorshipEndedAt: cohorts.sponsorshipEndedAt }).from(cohorts).where(eq(cohorts.id, group.cohort.id)).for("share");
    if (cohort?.sponsorshipEndedAt) throw new InputError({ form: "groups:cycle.errors.notSponsored" }, 409);
    // The group's row serialises schedulers, so two first cycles are never created.
    await tx.select({ id: groups.id }).from(groups).where(eq(groups.id, group.id)).for("update");
    let [cycle] = await tx.select().from(cycles).where(eq(cycles.groupId, group.id)).orderBy(desc(cycles.number)).limit(1).for("update");
    if (cycle?.state === "evaluating") throw new InputError({ form: "groups:cycle.errors.voting" }, 409);
    if (cycle?.state === "ended") throw new InputError({ form: "groups:cycle.errors.ended" }, 409);
    if (!cycle || cycle.state === "continued") {
      [cycle] = await tx
        .insert(cycles)
        .values({ groupId: group.id, number: (cycle?.number ?? 0) + 1, state: "planned", meetingsPlanned: group.cohort.meetingsPerCycle })
        .returning();
    }
    const ids = await planCycleMeetings(tx, actor, { group, cohort: group.cohort, cycle: cycle!, facilitatorId: actor.id }, input, now);
    return { number: cycle!.number, meetingIds: ids };
  });
}
