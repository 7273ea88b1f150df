// Where a person stands in the programme, said once on their home page. It
// is read from their roles together, never one role at a time: someone who
// finished a cycle and started another holds both participant and alumnus,
// and must not read "You finished a cycle" beside "You are in a cycle now".
import type { Role } from "../roles";

/** Where the person's current cycle stands, when their group has one. */
export type CurrentCycle = { number: number; meetingsPlanned: number; nextMeeting: number | null };

const whereInCycle = (c: CurrentCycle) =>
  c.nextMeeting === null ? `cycle ${c.number}, with no meeting still to come` : `cycle ${c.number}, meeting ${c.nextMeeting} of ${c.meetingsPlanned} next`;

export function programmeStatus(roles: readonly Role[], current: CurrentCycle | null = null): string | null {
  const inCycle = roles.includes("participant");
  const finished = roles.includes("alumnus");
  if (inCycle && finished) return current ? `You finished a cycle and are in a new one now: ${whereInCycle(current)}.` : "You finished a cycle and are in a new one now.";
  if (inCycle) return current ? `You are in ${whereInCycle(current)}.` : "You are in a cycle now.";
  if (finished) return "You finished a cycle. Keep the learning going.";
  return null;
}
