// Synthetic business figures for the demo organisation, generated from the
// stated model in docs/insights.md ("Demo data") so a reader can check that
// the analysis recovers the planted effect within its interval. Pure and
// seeded: the same participation gives the same figures.
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import { seededRandom } from "../insights/statistics";

export const DEMO_KPI_MONTHS = 36;
export const DEMO_MARGIN = "Operating margin (%)";
export const DEMO_SATISFACTION = "Customer satisfaction (score)";
/**
 * The planted effects: operating-margin points for an active share going
 * from 0 to 100% (so +0.4 points for 10 points more active share), and none
 * at all on customer satisfaction, so the page shows both a found effect and
 * an honest "nothing detectable".
 */
export const DEMO_EFFECTS = { [DEMO_MARGIN]: 4, [DEMO_SATISFACTION]: 0 } as const;

export type DemoKpiUnit = { name: string; /** Active share by period (0–1), where the page shows one; missing months count as 0. */ density: ReadonlyMap<string, number> };
export type DemoKpiRow = { unit: string; period: string; metric: string; value: number };

/**
 * y(u, t) = base + a(u) + trend·t + season(t) + β·d(u, t) + e(u, t), where
 * a(u) = c·(mean d of u − mean d of all units) + N(0, σa²) is the confounder
 * (units that take part more were already doing better), season is a
 * sine over the calendar year, and e is AR(1) noise with φ = 0.3.
 */
const MODEL = {
  [DEMO_MARGIN]: { base: 9, confounder: 6, unitSd: 0.8, trend: 0.02, season: 0.6, noiseSd: 0.25, digits: 2 },
  [DEMO_SATISFACTION]: { base: 72, confounder: 10, unitSd: 3, trend: 0.05, season: 1.5, noiseSd: 1.5, digits: 1 },
} as const;
const AR1 = 0.3;

export function generateDemoKpis(units: readonly DemoKpiUnit[], periods: readonly string[], seed: number): DemoKpiRow[] {
  const random = seededRandom(seed);
  // Inverse-transform sampling through the library's normal quantile; the draw is kept away from 0 exactly.
  const normal = (sd: number) => normalQuantile(Math.min(1 - 1e-12, Math.max(1e-12, random())), 0, sd);
  const meanDensity = (u: DemoKpiUnit) => periods.reduce((s, p) => s + (u.density.get(p) ?? 0), 0) / periods.length;
  const overall = units.reduce((s, u) => s + meanDensity(u), 0) / Math.max(1, units.length);
  const rows: DemoKpiRow[] = [];
  for (const metric of [DEMO_MARGIN, DEMO_SATISFACTION] as const) {
    const m = MODEL[metric];
    for (const u of units) {
      const a = m.confounder * (meanDensity(u) - overall) + normal(m.unitSd);
      let e = normal(m.noiseSd / Math.sqrt(1 - AR1 ** 2));
      periods.forEach((period, t) => {
        if (t > 0) e = AR1 * e + normal(m.noiseSd);
        const calendarMonth = Number(period.slice(5, 7)) - 1;
        const y = m.base + a + m.trend * t + m.season * Math.sin((2 * Math.PI * calendarMonth) / 12) + DEMO_EFFECTS[metric] * (u.density.get(period) ?? 0) + e;
        rows.push({ unit: u.name, period, metric, value: Number(y.toFixed(m.digits)) });
      });
    }
  }
  return rows;
}

export const DEMO_SURVEY = "Engagement (1–5)";
/** Planted: +0.15 once a person has taken part in a programme meeting, a further +0.15 once they finished a cycle. */
export const DEMO_SURVEY_EFFECTS = { tookPart: 0.15, alumnus: 0.15 } as const;

export type DemoSurveyPerson = { email: string; /** The first month they were present at a programme meeting. */ firstPresent: string | null; completed: string | null };

/**
 * A quarterly engagement survey: score(p, t) = 3.4 + b(p) + effects + N(0, 0.3²),
 * b(p) ~ N(0, 0.4²), kept within 1–5 and given to one decimal, in the last
 * month of each quarter.
 */
export function generateDemoSurvey(people: readonly DemoSurveyPerson[], periods: readonly string[], seed: number): { email: string; period: string; score: number }[] {
  const random = seededRandom(seed);
  const normal = (sd: number) => normalQuantile(Math.min(1 - 1e-12, Math.max(1e-12, random())), 0, sd);
  const quarters = periods.filter((p) => ["03", "06", "09", "12"].includes(p.slice(5, 7)));
  const out: { email: string; period: string; score: number }[] = [];
  for (const person of people) {
    const b = normal(0.4);
    for (const period of quarters) {
      const tookPart = person.firstPresent !== null && person.firstPresent <= period;
      const alumnus = person.completed !== null && person.completed <= period;
      const y = 3.4 + b + (tookPart ? DEMO_SURVEY_EFFECTS.tookPart : 0) + (alumnus ? DEMO_SURVEY_EFFECTS.alumnus : 0) + normal(0.3);
      out.push({ email: person.email, period, score: Number(Math.min(5, Math.max(1, y)).toFixed(1)) });
    }
  }
  return out;
}
