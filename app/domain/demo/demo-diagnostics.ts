// Synthetic ARC self-assessments for the demo company, so the aggregate
// views have numbers: each member of a generated cycle answers the moments
// that have opened, with a stated model. A person has a level on each
// dimension (2.4 to 3.6), every statement is that level plus noise (±1), and
// the end and six-month answers move up by 0.5 and 0.4 on average. About 85%
// answer the start, 75% the end and 60% the six-month follow-up. Seeded and
// pure: the demo start writes what this returns.
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { ARC_STATEMENTS, type ArcAnswers, type ArcDimension } from "../diagnostics/arc-self-assessment";
import { DIAGNOSTIC_MOMENTS, momentWindow, type DiagnosticMoment } from "../diagnostics/diagnostic-moments";

export type DemoCycle = { id: string; memberIds: readonly string[]; startedAt: Date | null; finishedAt: Date | null };
export type DemoDiagnostic = { userId: string; cycleId: string; moment: DiagnosticMoment; answers: ArcAnswers; answeredAt: Date };

const ANSWER_CHANCE: Record<DiagnosticMoment, number> = { start: 0.85, end: 0.75, six_months: 0.6 };
const LIFT: Record<DiagnosticMoment, number> = { start: 0, end: 0.5, six_months: 0.4 };
const DAY = 86_400_000;

export function demoDiagnostics(cycles: readonly DemoCycle[], now: Date, { seed, leaveOpenFor }: { seed: number; leaveOpenFor: ReadonlySet<string> }): DemoDiagnostic[] {
  const rng = xoroshiro128plus(seed);
  const unit = () => uniformInt(rng, 0, 999_999) / 1_000_000;
  const level = new Map<string, Record<ArcDimension, number>>();
  const levelOf = (userId: string) => {
    let l = level.get(userId);
    if (!l) level.set(userId, (l = { agency: 2.4 + 1.2 * unit(), responsiveness: 2.4 + 1.2 * unit(), connectivity: 2.4 + 1.2 * unit() }));
    return l;
  };
  const out: DemoDiagnostic[] = [];
  for (const cycle of cycles) {
    for (const moment of DIAGNOSTIC_MOMENTS) {
      const window = momentWindow(cycle, moment);
      if (!window || window.opens > now) continue;
      const stillOpen = window.closes === null || now < window.closes;
      for (const userId of cycle.memberIds) {
        // The demo accounts answered every past moment and keep the open one to try.
        const demoAccount = leaveOpenFor.has(userId);
        if (demoAccount ? stillOpen : unit() >= ANSWER_CHANCE[moment]) continue;
        const l = levelOf(userId);
        const answers = Object.fromEntries(ARC_STATEMENTS.map((s) => [s.id, Math.max(1, Math.min(5, Math.round(l[s.dimension] + LIFT[moment] + (unit() * 2 - 1))))]));
        const latest = window.closes && window.closes < now ? window.closes : now;
        const answeredAt = new Date(Math.min(latest.getTime(), window.opens.getTime() + Math.floor(unit() * 14) * DAY + 3_600_000));
        out.push({ userId, cycleId: cycle.id, moment, answers, answeredAt });
      }
    }
  }
  return out;
}
