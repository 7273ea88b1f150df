// When a person is asked the ARC self-assessment for a cycle: at its start,
// at its end, and six months after the end. Each moment is open for a while
// and then closes, so an answer stays tied to its moment (an "end" answered
// a year late would say little about the end). Pure: dates in, moments out.
export const DIAGNOSTIC_MOMENTS = ["start", "end", "six_months"] as const;
export type DiagnosticMoment = (typeof DIAGNOSTIC_MOMENTS)[number];

/** How long the end and six-month moments stay open. */
export const ANSWER_WINDOW_MONTHS = 3;
export const FOLLOW_UP_AFTER_MONTHS = 6;

export type CycleDates = {
  /** The first meeting began (the cycle is running); null while planned. */
  startedAt: Date | null;
  /** Its meetings were over: the continue vote opened, or the cycle ended early. Null while running. */
  finishedAt: Date | null;
};

function addMonths(at: Date, months: number): Date {
  const d = new Date(at);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

/** The window in which `moment` may be answered; null when the cycle has not got that far. */
export function momentWindow(cycle: CycleDates, moment: DiagnosticMoment): { opens: Date; closes: Date | null } | null {
  if (moment === "start") {
    // Open from the first meeting until the meetings are over: a start answered after the end would not be a start.
    return cycle.startedAt ? { opens: cycle.startedAt, closes: cycle.finishedAt } : null;
  }
  if (!cycle.finishedAt) return null;
  const opens = moment === "end" ? cycle.finishedAt : addMonths(cycle.finishedAt, FOLLOW_UP_AFTER_MONTHS);
  return { opens, closes: addMonths(opens, ANSWER_WINDOW_MONTHS) };
}

export function isMomentOpen(cycle: CycleDates, moment: DiagnosticMoment, now: Date): boolean {
  const w = momentWindow(cycle, moment);
  return !!w && w.opens <= now && (w.closes === null || now < w.closes);
}

/** The moments of a cycle that are open now and not yet answered, in order. */
export function openMoments(cycle: CycleDates, answered: ReadonlySet<DiagnosticMoment>, now: Date): DiagnosticMoment[] {
  return DIAGNOSTIC_MOMENTS.filter((m) => !answered.has(m) && isMomentOpen(cycle, m, now));
}
