// The organisation's view of the ARC self-assessments: per row (a cohort, a
// department, or everyone) and moment, the mean score of each dimension with
// its t interval, from 5 respondents up. Each person counts once per row and
// moment (their latest answer). Rows below the floor are merged per moment
// with mergeSmallRows, so no view singles anyone out. Pure.
import { ARC_DIMENSIONS, type ArcDimension, type ArcScores } from "../diagnostics/arc-self-assessment";
import { DIAGNOSTIC_MOMENTS, type DiagnosticMoment } from "../diagnostics/diagnostic-moments";
import { INSIGHTS_PRIVACY_FLOOR, reachesFloor } from "../privacy/privacy-floor";
import { mergeSmallRows, OTHER_ROW_ID } from "./merge-small-groups";
import { meanInterval } from "./statistics";

export type ScoredResponse = { userId: string; rowId: string; moment: DiagnosticMoment; answeredAt: Date; scores: ArcScores };
export type DimensionFigure = { mean: number; low: number; high: number };
export type AggregateRow = { id: string; name: string; mergedRows: number; respondents: number; dimensions: Record<ArcDimension, DimensionFigure> };
export type MomentAggregate = { moment: DiagnosticMoment; rows: AggregateRow[] };

export function diagnosticAggregates(responses: readonly ScoredResponse[], rows: readonly { id: string; name: string }[], otherName: string): MomentAggregate[] {
  // The latest answer of each person per row and moment.
  const latest = new Map<string, ScoredResponse>();
  for (const r of responses) {
    const key = `${r.rowId} ${r.moment} ${r.userId}`;
    const known = latest.get(key);
    if (!known || r.answeredAt > known.answeredAt) latest.set(key, r);
  }
  const kept = [...latest.values()];
  return DIAGNOSTIC_MOMENTS.map((moment) => {
    const ofMoment = kept.filter((r) => r.moment === moment);
    // Within a row a person is one member; the row's members are its respondents at this moment.
    const members = rows.map((row) => ({ ...row, memberIds: ofMoment.filter((r) => r.rowId === row.id).map((r) => r.userId) }));
    const merged = mergeSmallRows(members.filter((m) => m.memberIds.length), otherName, INSIGHTS_PRIVACY_FLOOR);
    return {
      moment,
      rows: merged.map((row): AggregateRow | null => {
        const rowIds = row.id === OTHER_ROW_ID ? new Set(members.filter((m) => m.memberIds.length && !merged.some((x) => x.id === m.id)).map((m) => m.id)) : new Set([row.id]);
        // Someone in two merged cohorts counts once, with their latest answer.
        const byPerson = new Map<string, ScoredResponse>();
        for (const r of ofMoment.filter((x) => rowIds.has(x.rowId))) if (!byPerson.has(r.userId) || r.answeredAt > byPerson.get(r.userId)!.answeredAt) byPerson.set(r.userId, r);
        const answers = [...byPerson.values()];
        if (!reachesFloor(answers.length, INSIGHTS_PRIVACY_FLOOR)) return null;
        const dimensions = Object.fromEntries(
          ARC_DIMENSIONS.map((d) => {
            const interval = meanInterval(answers.map((a) => a.scores[d]))!;
            return [d, { mean: interval.mean, low: interval.ci.low, high: interval.ci.high }];
          }),
        ) as Record<ArcDimension, DimensionFigure>;
        return { id: row.id, name: row.name, mergedRows: row.mergedRows, respondents: answers.length, dimensions };
      }).filter((r): r is AggregateRow => r !== null),
    };
  }).filter((m) => m.rows.length);
}
