// Slots lock shortly before they start, so nobody is sent to another room at
// the last minute. Worked out from the clock, never stored.
export const LOCK_MINUTES = 10;

export function isSlotLocked(startsAt: Date, now: Date = new Date()): boolean {
  return now.getTime() >= startsAt.getTime() - LOCK_MINUTES * 60_000;
}
