// Survey scores set beside participation (docs/insights.md, "People"): the
// mean score of people who never took part, who took part without (yet)
// finishing a cycle, and alumni; and participants beside comparable others.
// Scores are about individuals, so every figure here stands on at least
// INSIGHTS_PRIVACY_FLOOR people and nothing about one person leaves this module.
import { message } from "../i18n/message";
import { floored, type Floored, INSIGHTS_PRIVACY_FLOOR, reachesFloor } from "../privacy/privacy-floor";
import { meanInterval, stratifiedDifference } from "./statistics";

export const PARTICIPATION_STATUSES = ["never", "in_cycle", "alumnus"] as const;
export type ParticipationStatus = (typeof PARTICIPATION_STATUSES)[number];

export type SurveyPerson = { status: ParticipationStatus; /** Who counts as comparable: the same department and site. */ stratum: string; /** Their mean score over the months, or null without one. */ score: number | null };

export type StatusMean = { status: ParticipationStatus; figure: Floored<NonNullable<ReturnType<typeof meanInterval>>> };
export type Comparison =
  | { shown: true; result: NonNullable<ReturnType<typeof stratifiedDifference>> }
  /** reason: a message of the insights catalogue (message.ts). */
  | { shown: false; reason: string };

export function analyseSurvey(people: readonly SurveyPerson[]): { byStatus: StatusMean[]; comparison: Comparison } {
  const scored = people.filter((p): p is SurveyPerson & { score: number } => p.score !== null && Number.isFinite(p.score));
  const byStatus = PARTICIPATION_STATUSES.map((status) => {
    const values = scored.filter((p) => p.status === status).map((p) => p.score);
    // meanInterval needs 2 values; the floor asks for 5 people, so it always has them.
    return { status, figure: floored(values.length, () => meanInterval(values)!, INSIGHTS_PRIVACY_FLOOR) };
  });
  return { byStatus, comparison: compare(scored) };
}

function compare(scored: (SurveyPerson & { score: number })[]): Comparison {
  const result = stratifiedDifference(scored.map((p) => ({ stratum: p.stratum, treated: p.status !== "never", value: p.score })));
  if (!result) return { shown: false, reason: "insights:words.comparison.notEnough" };
  // Each side of the comparison stands on its own people; both must reach the floor.
  if (!reachesFloor(result.treated, INSIGHTS_PRIVACY_FLOOR) || !reachesFloor(result.control, INSIGHTS_PRIVACY_FLOOR)) {
    return { shown: false, reason: message("insights:words.comparison.belowFloor", { floor: INSIGHTS_PRIVACY_FLOOR }) };
  }
  return { shown: true, result };
}

export type RetentionPerson = { stratum: string; /** Took part in the programme before the months began. */ tookPartBefore: boolean; /** Still here at the end of the months. */ stayed: boolean };
export type Retention = {
  participants: Floored<number>;
  others: Floored<number>;
  comparison: Comparison;
};

/**
 * Who stayed: of the people employed when the months began, the share still
 * employed at their end, for those who had taken part before and for the
 * others; then the same compared within matched groups (a difference in
 * proportions, as stratifiedDifference on 0/1 values).
 */
export function analyseRetention(people: readonly RetentionPerson[]): Retention {
  const rate = (group: readonly RetentionPerson[]) => floored(group.length, () => group.filter((p) => p.stayed).length / group.length, INSIGHTS_PRIVACY_FLOOR);
  const participants = people.filter((p) => p.tookPartBefore);
  const others = people.filter((p) => !p.tookPartBefore);
  const result = stratifiedDifference(people.map((p) => ({ stratum: p.stratum, treated: p.tookPartBefore, value: p.stayed ? 1 : 0 })));
  let comparison: Comparison;
  if (!result) comparison = { shown: false, reason: "insights:words.retention.notEnough" };
  else if (!reachesFloor(result.treated, INSIGHTS_PRIVACY_FLOOR) || !reachesFloor(result.control, INSIGHTS_PRIVACY_FLOOR))
    comparison = { shown: false, reason: message("insights:words.retention.belowFloor", { floor: INSIGHTS_PRIVACY_FLOOR }) };
  else comparison = { shown: true, result };
  return { participants: rate(participants), others: rate(others), comparison };
}

/** Length of service at a month, in the bands the comparison matches on. */
export function tenureBand(started: string | null, at: string): string {
  if (!started) return "unknown";
  const months = (Number(at.slice(0, 4)) - Number(started.slice(0, 4))) * 12 + (Number(at.slice(5, 7)) - Number(started.slice(5, 7)));
  return months < 12 ? "under 1 year" : months < 36 ? "1 to 3 years" : months < 60 ? "3 to 5 years" : "5 years or more";
}
