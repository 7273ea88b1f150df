// The insights floor for rows of people (cohorts, departments): a row below
// INSIGHTS_PRIVACY_FLOOR joins "Other"; if the rows in "Other" together are
// still below it, the smallest shown rows join too, until it reaches the
// floor, so the shown rows' total can never be set beside another view's to
// single out the people left out (the same rule as participation density).
// When all rows together are below the floor, nothing is shown.
import { INSIGHTS_PRIVACY_FLOOR } from "../privacy/privacy-floor";

export const OTHER_ROW_ID = "other";

export type PeopleRow = { id: string; name: string; memberIds: readonly string[] };
export type MergedRow = PeopleRow & { mergedRows: number };

export function mergeSmallRows(rows: readonly PeopleRow[], otherName: string, floor = INSIGHTS_PRIVACY_FLOOR): MergedRow[] {
  const total = rows.reduce((s, r) => s + r.memberIds.length, 0);
  if (total < floor) return [];
  const sorted = [...rows].sort((a, b) => a.memberIds.length - b.memberIds.length || a.id.localeCompare(b.id));
  const merged = sorted.filter((r) => r.memberIds.length < floor);
  const shown = sorted.filter((r) => r.memberIds.length >= floor);
  const size = (group: PeopleRow[]) => group.reduce((s, r) => s + r.memberIds.length, 0);
  if (merged.length) while (size(merged) < floor && shown.length) merged.push(shown.shift()!);
  const out: MergedRow[] = rows.filter((r) => shown.includes(r)).map((r) => ({ ...r, mergedRows: 1 }));
  const others = merged.filter((r) => r.memberIds.length > 0);
  if (others.length) out.push({ id: OTHER_ROW_ID, name: otherName, memberIds: others.flatMap((r) => r.memberIds), mergedRows: others.length });
  return out;
}
