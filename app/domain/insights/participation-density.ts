// Participation density (docs/insights.md): per unit and month, the share of
// its headcount active in the programme (present at a programme meeting in the
// trailing window, the month itself included) and the share who had completed
// a cycle by then. Then the insights privacy floor: no figure from fewer than
// INSIGHTS_PRIVACY_FLOOR people. Pure: the read model gathers the facts.
import { floored, type Floored, INSIGHTS_PRIVACY_FLOOR } from "../privacy/privacy-floor";
import { splitAtFloor } from "./merge-small-groups";
import { addMonths } from "./period";
import { message } from "../i18n/message";

export const DEFAULT_ACTIVE_WINDOW_MONTHS = 3;
export const MAX_ACTIVE_WINDOW_MONTHS = 12;
export const OTHER_UNITS_ID = "other";
/** The merged row's name, a message the page translates (unit-row-names.ts). */
export const OTHER_UNITS_NAME = message("insights:rows.otherUnits", { floor: INSIGHTS_PRIVACY_FLOOR });

export type DensityUnit = {
  id: string;
  name: string;
  /** The people in Roundtable placed in this unit now: the people table keeps no history. */
  memberIds: readonly string[];
  /** Imported headcount by period, where there is one. */
  importedHeadcount: ReadonlyMap<string, number>;
};

export type DensityFacts = {
  /** Periods ("2026-03-01"), ascending. */
  months: readonly string[];
  windowMonths: number;
  units: readonly DensityUnit[];
  /** Person → the periods in which they were present at a programme meeting. */
  presentMonths: ReadonlyMap<string, ReadonlySet<string>>;
  /** Person → the period in which they first completed a cycle (by the alumni rule). */
  completedMonth: ReadonlyMap<string, string>;
};

export type UnitMonthCount = {
  unitId: string;
  month: string;
  headcount: number;
  headcountSource: "imported" | "roundtable";
  /** People in Roundtable counted for the numerators. */
  people: number;
  active: number;
  completed: number;
};

/** The raw counts per unit and month, before any floor. Never sent to a page: pages get flooredDensity(). */
export function participationCounts(facts: DensityFacts): UnitMonthCount[] {
  const out: UnitMonthCount[] = [];
  for (const unit of facts.units) {
    for (const month of facts.months) {
      const windowStart = addMonths(month, -(facts.windowMonths - 1));
      let active = 0;
      let completed = 0;
      for (const id of unit.memberIds) {
        const present = facts.presentMonths.get(id);
        if (present && [...present].some((p) => p >= windowStart && p <= month)) active++;
        const done = facts.completedMonth.get(id);
        if (done !== undefined && done <= month) completed++;
      }
      const imported = unit.importedHeadcount.get(month);
      out.push({
        unitId: unit.id,
        month,
        headcount: imported ?? unit.memberIds.length,
        headcountSource: imported === undefined ? "roundtable" : "imported",
        people: unit.memberIds.length,
        active,
        completed,
      });
    }
  }
  return out;
}

export type DensityShares = { activeShare: number; completedShare: number; headcount: number; headcountSource: "imported" | "roundtable" | "mixed" };
export type DensityCell = { unitId: string; month: string; figure: Floored<DensityShares>; mergedUnits: number };

/**
 * The people behind a figure: the shares divide counts of Roundtable people by
 * the headcount, so both must reach the floor (an imported headcount of 50
 * around one known person would otherwise tell whether that person attended).
 */
const peopleBehind = (c: Pick<UnitMonthCount, "headcount" | "people">) => Math.min(c.headcount, c.people);

const shares = (c: { active: number; completed: number; headcount: number }) => ({
  activeShare: c.headcount ? c.active / c.headcount : 0,
  completedShare: c.headcount ? c.completed / c.headcount : 0,
});

/**
 * The floor, month by month: a unit below it joins "Other units"; if those
 * together are still below it, the smallest shown units join them too, until
 * the group reaches the floor (otherwise the shown units' total, set beside
 * another unit level's, would give the hidden people away). Only when the
 * whole level is below the floor is a month's figure hidden.
 */
export function flooredDensity(counts: readonly UnitMonthCount[]): DensityCell[] {
  const byMonth = new Map<string, UnitMonthCount[]>();
  for (const c of counts) byMonth.set(c.month, [...(byMonth.get(c.month) ?? []), c]);
  const cells: DensityCell[] = [];
  for (const [month, unitCounts] of byMonth) {
    const { shown, merged } = splitAtFloor(unitCounts, peopleBehind, (c) => c.unitId);
    const total = (group: UnitMonthCount[]) => group.reduce((s, c) => s + peopleBehind(c), 0);
    for (const c of shown) {
      cells.push({ unitId: c.unitId, month, mergedUnits: 1, figure: floored(peopleBehind(c), () => ({ ...shares(c), headcount: c.headcount, headcountSource: c.headcountSource }), INSIGHTS_PRIVACY_FLOOR) });
    }
    if (merged.length) {
      const sum = { active: 0, completed: 0, headcount: 0 };
      for (const c of merged) {
        sum.active += c.active;
        sum.completed += c.completed;
        sum.headcount += c.headcount;
      }
      const sources = new Set(merged.map((c) => c.headcountSource));
      cells.push({
        unitId: OTHER_UNITS_ID,
        month,
        mergedUnits: merged.length,
        figure: floored(total(merged), () => ({ ...shares(sum), headcount: sum.headcount, headcountSource: sources.size > 1 ? "mixed" : [...sources][0]! }), INSIGHTS_PRIVACY_FLOOR),
      });
    }
  }
  return cells;
}
