// The meetings of a cycle: the places in it still free (N per cycle, a
// cancelled meeting gives its place to a replacement) filled with one monthly
// series on the reunion machinery, so the invitation, the calendar file, the
// feed and later changes work as for any meeting. Used when the facilitator
// schedules a cycle and when a continue vote plans the next one.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { cycleMeetings, reunions } from "../../../db/schema";
import { recordAudit } from "../audit/record-audit.server";
import { message } from "../i18n/message";
import { InputError } from "../input-error";
import { scheduleMeeting } from "../reunions/schedule-meeting.server";
import { isValidLocalTime } from "../reunions/zoned-time";
import type { Cohort, Cycle } from "./load-programme-group.server";

export type CycleScheduleInput = {
  /** The first free meeting's local date and start time, in `timeZone`. */
  date: string;
  startTime: string;
  timeZone: string;
  location: string;
  onlineUrl: string | null;
};

type Group = { id: string; orgId: string; name: string };

/** "09:30" plus the cohort's meeting length, as a local end time; null past midnight. */
export function endTimeAfter(startTime: string, minutes: number): string | null {
  if (!isValidLocalTime(startTime)) return null;
  const [h, m] = startTime.split(":").map(Number) as [number, number];
  const end = h * 60 + m + minutes;
  if (end >= 24 * 60) return null;
  return `${String(Math.floor(end / 60)).padStart(2, "0")}:${String(end % 60).padStart(2, "0")}`;
}

/** The cycle's meeting numbers that have no meeting yet (a cancelled one does not count). */
export async function freeMeetingNumbers(db: Database, cycle: Pick<Cycle, "id" | "meetingsPlanned">) {
  const held = await db
    .select({ number: cycleMeetings.number, status: reunions.status })
    .from(cycleMeetings)
    .innerJoin(reunions, eq(reunions.id, cycleMeetings.reunionId))
    .where(eq(cycleMeetings.cycleId, cycle.id));
  const taken = new Set(held.filter((m) => m.status !== "cancelled").map((m) => m.number));
  return Array.from({ length: cycle.meetingsPlanned }, (_, i) => i + 1).filter((n) => !taken.has(n));
}

/**
 * Schedules every free place of the cycle, one interval apart (the cohort's, in months)
 * from `input`, hosted by the facilitator. Refuses when the cycle has no free
 * place: a seventh meeting does not fit a six-meeting cycle. Returns the new
 * meetings' ids, in order. Call inside a transaction holding the cycle's row.
 */
export async function planCycleMeetings(
  tx: Database,
  actor: { id: string },
  { group, cohort, cycle, facilitatorId }: { group: Group; cohort: Cohort; cycle: Cycle; facilitatorId: string },
  input: CycleScheduleInput,
  now = new Date(),
): Promise<string[]> {
  const free = await freeMeetingNumbers(tx, cycle);
  if (free.length === 0) {
    throw new InputError({
      form: message("groups:cycle.errors.allScheduled", { count: cycle.meetingsPlanned }),
    });
  }
  const endTime = endTimeAfter(input.startTime, cohort.meetingMinutes);
  if (!endTime) throw new InputError({ startTime: message("groups:cycle.errors.beforeMidnight", { minutes: cohort.meetingMinutes }) });
  // A cancelled meeting gives its place in the cycle to its replacement.
  const cancelled = await tx
    .select({ id: cycleMeetings.reunionId })
    .from(cycleMeetings)
    .innerJoin(reunions, eq(reunions.id, cycleMeetings.reunionId))
    .where(and(eq(cycleMeetings.cycleId, cycle.id), eq(reunions.status, "cancelled"), inArray(cycleMeetings.number, free)));
  if (cancelled.length) await tx.delete(cycleMeetings).where(inArray(cycleMeetings.reunionId, cancelled.map((c) => c.id)));

  const firstId = await scheduleMeeting(
    tx,
    actor,
    { title: `${group.name}: programme meeting`, date: input.date, startTime: input.startTime, endTime, timeZone: input.timeZone, location: input.location, onlineUrl: input.onlineUrl, count: free.length, everyMonths: cohort.intervalMonths },
    [{ kind: "group", groupId: group.id }],
    { orgId: group.orgId, groupId: group.id },
    { now },
  );
  const [first] = await tx.select({ seriesId: reunions.seriesId }).from(reunions).where(eq(reunions.id, firstId));
  const ids = first?.seriesId
    ? (await tx.select({ id: reunions.id }).from(reunions).where(eq(reunions.seriesId, first.seriesId)).orderBy(asc(reunions.occurrence))).map((r) => r.id)
    : [firstId];
  await tx.insert(cycleMeetings).values(ids.map((reunionId, i) => ({ reunionId, cycleId: cycle.id, number: free[i]!, hostId: facilitatorId })));
  await recordAudit(tx, {
    actorId: actor.id,
    action: "cycle.scheduled",
    targetType: "cycle",
    targetId: cycle.id,
    targetLabel: message("audit:labels.cycle", { group: group.name, cycle: cycle.number }),
    ownerOrgId: group.orgId,
    details: { meetings: free },
  });
  return ids;
}
