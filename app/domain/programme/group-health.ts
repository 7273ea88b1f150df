// How a programme group is doing, meeting by meeting, for the facilitator:
// whether it is ready to run itself (the facilitator steps back) and whether
// it is at risk. Pure: the figures come in already floored. Reasons are
// catalogue messages (programme.json, health), translated where shown.
import { message } from "../i18n/message";

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
  if (nextNumber < handoverFrom) return { suggest: false, reason: message("programme:health.hostFrom", { meeting: handoverFrom }) };
  const lastTwo = held.slice(-2);
  if (lastTwo.length < 2) return { suggest: false, reason: "programme:health.twoMeetingsFirst" };
  if (lastTwo.some((m) => m.attendance === null || m.attendance < GOOD_ATTENDANCE)) {
    return { suggest: false, reason: "programme:health.attendanceBelow" };
  }
  if (lastTwo.some((m) => m.safety === null)) return { suggest: false, reason: "programme:health.tooFewEvaluations" };
  if (lastTwo.some((m) => m.safety! < SAFE_ENOUGH)) return { suggest: false, reason: "programme:health.notSafeYet" };
  return { suggest: true, reason: "programme:health.ready" };
}

/** A drop this large from the group's own earlier average counts as falling. */
export const ATTENDANCE_DROP = 0.2;
export const LOW_ATTENDANCE = 0.6;
export const SCORE_DROP = 0.5;
export const LOW_SCORE = 3;

export type Risk = { atRisk: boolean; reasons: string[] };

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const percent = (x: number) => Math.round(x * 100);

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
    if (last.attendance < LOW_ATTENDANCE) reasons.push(message("programme:health.lowAttendance", { percent: percent(last.attendance), meeting: last.number }));
    else if (before.length && mean(before) - last.attendance >= ATTENDANCE_DROP) {
      reasons.push(message("programme:health.attendanceFell", { percent: percent(last.attendance), meeting: last.number, before: percent(mean(before)) }));
    }
  }
  for (const key of ["usefulness", "safety"] as const) {
    const score = last[key];
    if (score === null) continue;
    const before = earlier.map((m) => m[key]).filter((x): x is number => x !== null);
    if (score < LOW_SCORE) reasons.push(message(`programme:health.${key}Low`, { score: score.toFixed(1), meeting: last.number }));
    else if (before.length && mean(before) - score >= SCORE_DROP) {
      reasons.push(message(`programme:health.${key}Dropped`, { score: score.toFixed(1), meeting: last.number, before: mean(before).toFixed(1) }));
    }
  }
  return { atRisk: reasons.length > 0, reasons };
}
