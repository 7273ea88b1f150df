// How a programme group is doing, meeting by meeting, for the facilitator:
// whether it is ready to run itself (the facilitator steps back) and whether
// it is at risk. Pure: the figures come in already floored.
export type MeetingHealth = {
  number: number;
  /** Share of members marked present, 0–1; null before attendance is recorded. */
  attendance: number | null;
  /** Averages of the one-minute evaluation, or null below the privacy floor. */
  usefulness: number | null;
  safety: number | null;
};

/** "Good attendance": at least three in four members present. */
export const GOOD_ATTENDANCE = 0.75;
/** The safety score the story's "safe space" needs before the facilitator steps back. */
export const SAFE_ENOUGH = 4;

export type StepBack = { suggest: true; reason: string } | { suggest: false; reason: string };

/**
 * Suggest handing the next meeting to a member host once the group may
 * (from the organisation's handover meeting on) and its last two meetings
 * had good attendance and felt safe (an average of at least 4 of 5).
 */
export function stepBackSuggestion(held: readonly MeetingHealth[], nextNumber: number, handoverFrom: number): StepBack {
  if (nextNumber < handoverFrom) return { suggest: false, reason: `A member can host from meeting ${handoverFrom} on.` };
  const lastTwo = held.slice(-2);
  if (lastTwo.length < 2) return { suggest: false, reason: "Two meetings have to be held first." };
  if (lastTwo.some((m) => m.attendance === null || m.attendance < GOOD_ATTENDANCE)) {
    return { suggest: false, reason: "Attendance at the last two meetings was below three in four." };
  }
  if (lastTwo.some((m) => m.safety === null)) return { suggest: false, reason: "Too few evaluations at the last two meetings to judge how safe it felt." };
  if (lastTwo.some((m) => m.safety! < SAFE_ENOUGH)) return { suggest: false, reason: "Speaking openly did not yet feel safe enough (below 4 of 5)." };
  return { suggest: true, reason: "The last two meetings were well attended and felt safe: the group may be ready to run itself." };
}

/** A drop this large from the group's own earlier average counts as falling. */
export const ATTENDANCE_DROP = 0.2;
export const LOW_ATTENDANCE = 0.6;
export const SCORE_DROP = 0.5;
export const LOW_SCORE = 3;

export type Risk = { atRisk: boolean; reasons: string[] };

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const percent = (x: number) => `${Math.round(x * 100)}%`;

/**
 * At risk when the last held meeting's attendance is low or fell well below
 * the earlier meetings', or its evaluation (usefulness or safety) is low or
 * fell well below the earlier ones.
 */
export function groupRisk(held: readonly MeetingHealth[]): Risk {
  const reasons: string[] = [];
  const last = held.at(-1);
  if (!last) return { atRisk: false, reasons };
  const earlier = held.slice(0, -1);
  if (last.attendance !== null) {
    const before = earlier.map((m) => m.attendance).filter((x): x is number => x !== null);
    if (last.attendance < LOW_ATTENDANCE) reasons.push(`Only ${percent(last.attendance)} came to meeting ${last.number}.`);
    else if (before.length && mean(before) - last.attendance >= ATTENDANCE_DROP) {
      reasons.push(`Attendance fell to ${percent(last.attendance)} at meeting ${last.number}, from ${percent(mean(before))} before.`);
    }
  }
  for (const [key, label] of [["usefulness", "usefulness"], ["safety", "safety"]] as const) {
    const score = last[key];
    if (score === null) continue;
    const before = earlier.map((m) => m[key]).filter((x): x is number => x !== null);
    if (score < LOW_SCORE) reasons.push(`The ${label} score of meeting ${last.number} was ${score.toFixed(1)} of 5.`);
    else if (before.length && mean(before) - score >= SCORE_DROP) {
      reasons.push(`The ${label} score dropped to ${score.toFixed(1)} at meeting ${last.number}, from ${mean(before).toFixed(1)} before.`);
    }
  }
  return { atRisk: reasons.length > 0, reasons };
}
