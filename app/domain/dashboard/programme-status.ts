// Where a person stands in the programme, said once on their home page. It
// is read from their roles together, never one role at a time: someone who
// finished a cycle and started another holds both participant and alumnus,
// and must not read "You finished a cycle" beside "You are in a cycle now".
// The answer is a catalogue message (app/locales/<language>/home.json, status).
import { message } from "../i18n/message";
import type { Role } from "../roles";

/** Where the person's current cycle stands, when their group has one. */
export type CurrentCycle = { number: number; meetingsPlanned: number; nextMeeting: number | null };

/** `prefix` is "inCycle" or "finishedAndInNew"; the cycle's position picks the sentence. */
const withCycle = (prefix: string, c: CurrentCycle) =>
  c.nextMeeting === null
    ? message(`home:status.${prefix}NoMeetingLeft`, { cycle: c.number })
    : message(`home:status.${prefix}NextMeeting`, { cycle: c.number, meeting: c.nextMeeting, planned: c.meetingsPlanned });

export function programmeStatus(roles: readonly Role[], current: CurrentCycle | null = null): string | null {
  const inCycle = roles.includes("participant");
  const finished = roles.includes("alumnus");
  if (inCycle && finished) return current ? withCycle("finishedAndInNew", current) : "home:status.finishedAndInNew";
  if (inCycle) return current ? withCycle("inCycle", current) : "home:status.inCycle";
  if (finished) return "home:status.finished";
  return null;
}
