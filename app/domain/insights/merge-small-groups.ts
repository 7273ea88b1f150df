// The insights floor for rows of people (cohorts, departments): a row below
// INSIGHTS_PRIVACY_FLOOR joins "Other"; if the rows in "Other" together are
// still below it, the smallest shown rows join too, until it reaches the
// floor, so the shown rows' total can never be set beside another view's to
// single out the people left out (the same rule as participation density).
// When all rows together are below the floor, nothing is shown.
import { INSIGHTS_PRIVACY_FLOOR, reachesFloor } from "../privacy/privacy-floor";

export const OTHER_ROW_ID = "other";

export type PeopleRow = { id: string; name: string; memberIds: readonly string[] };
export type MergedRow = PeopleRow & { mergedRows: number };

/**
 * The rule itself, for any rows with a number of people behind them: which
 * rows are shown and which join "Other" (smallest first, ties by id). Shared
 * by participation density (per month) and the diagnostics aggregates.
 */
export function splitAtFloor<T>(rows: readonly T[], peopleOf: (row: T) => number, idOf: (row: T) => string, floor = INSIGHTS_PRIVACY_FLOOR): { shown: T[]; merged: T[] } {
  const sorted = [...rows].sort((a, b) => peopleOf(a) - peopleOf(b) || idOf(a).localeCompare(idOf(b)));
  const merged = sorted.filter((r) => !reachesFloor(peopleOf(r), floor));
  const shown = sorted.filter((r) => reachesFloor(peopleOf(r), floor));
  const size = (group: T[]) => group.reduce((s, r) => s + peopleOf(r), 0);
  if (merged.length) while (!reachesFloor(size(merged), floor) && shown.length) merged.push(shown.shift()!);
  return { shown, merged };
}

export function mergeSmallRows(rows: readonly PeopleRow[], otherName: string, floor = INSIGHTS_PRIVACY_FLOOR): MergedRow[] {
  const total = rows.reduce((s, r) => s + r.memberIds.length, 0);
  if (!reachesFloor(total, floor)) return [];
  const { shown, merged } = splitAtFloor(rows, (r) => r.memberIds.length, (r) => r.id, floor);
  const out: MergedRow[] = rows.filter((r) => shown.includes(r)).map((r) => ({ ...r, mergedRows: 1 }));
  const others = merged.filter((r) => r.memberIds.length > 0);
  if (others.length) out.push({ id: OTHER_ROW_ID, name: otherName, memberIds: others.flatMap((r) => r.memberIds), mergedRows: others.length });
  return out;
}
