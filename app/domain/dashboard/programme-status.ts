// Where a person stands in the programme, said once on their home page. It
// is read from their roles together, never one role at a time: someone who
// finished a cycle and started another holds both participant and alumnus,
// and must not read "You finished a cycle" beside "You are in a cycle now".
import type { Role } from "../roles";

export function programmeStatus(roles: readonly Role[]): string | null {
  const inCycle = roles.includes("participant");
  const finished = roles.includes("alumnus");
  if (inCycle && finished) return "You finished a cycle and are in a new one now.";
  if (inCycle) return "You are in a cycle now.";
  if (finished) return "You finished a cycle. Keep the learning going.";
  return null;
}
