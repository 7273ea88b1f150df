// The read model behind /org/insights: gathers, in a handful of grouped
// queries (never one per unit or month), the facts participation-density.ts
// needs, and returns only floored figures.
import { and, eq, gte, inArray, isNotNull, lte, ne, sql } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { cohorts, cycleMeetings, cycles, departments, groupMembers, groups, insightUnits, meetingAttendance, reunions, sites, unitHeadcounts, users } from "../../../db/schema";
import { ForbiddenError } from "../http-errors";
import { canAdministerOrg, type Actor } from "../policy";
import { earnsAlumnus } from "../programme/alumni-rule";
import { instantToLocal } from "../reunions/zoned-time";
import type { UnitLevel } from "./import-kinds";
import { flooredDensity, OTHER_UNITS_ID, OTHER_UNITS_NAME, participationCounts, type DensityCell, type DensityUnit } from "./participation-density";
import { addMonths, periodsBetween } from "./period";

export const NO_UNIT_ID = "none";
const DAY_MS = 86_400_000;

export type DensityReport = {
  level: UnitLevel;
  months: string[];
  windowMonths: number;
  rows: { unitId: string; name: string; cells: DensityCell[] }[];
  /** Whether any month's figures had to be hidden entirely. */
  hiddenMonths: string[];
  usesRoundtableHeadcount: boolean;
};

type DensityFilters = { level: UnitLevel; from: string; to: string; windowMonths: number };

export async function loadDensityReport(db: Database, actor: Actor, orgId: string, filters: DensityFilters): Promise<DensityReport> {
  if (!canAdministerOrg(actor, orgId)) throw new ForbiddenError();
  return readDensityReport(db, orgId, filters);
}

/** The report without the access check: for callers that checked it (the insights report) or act for the system (the demo seed). */
export async function readDensityReport(db: Database, orgId: string, filters: DensityFilters, facts?: ProgrammeFacts): Promise<DensityReport> {
  const { level, windowMonths } = filters;
  const { months, units, counts } = await readDensityCounts(db, orgId, filters, facts);
  const cells = flooredDensity(counts);
  const names = new Map(units.map((u) => [u.id, u.name]));
  names.set(OTHER_UNITS_ID, OTHER_UNITS_NAME);
  const cellOf = new Map(cells.map((c) => [`${c.unitId} ${c.month}`, c]));
  const rows = [...names]
    .map(([unitId, name]) => ({ unitId, name, cells: months.map((m) => cellOf.get(`${unitId} ${m}`)).filter((c): c is DensityCell => !!c) }))
    .filter((r) => r.cells.some((c) => c.figure.shown));
  const hiddenMonths = months.filter((m) => !cells.some((c) => c.month === m && c.figure.shown));
  return { level, months, windowMonths, rows, hiddenMonths, usesRoundtableHeadcount: level !== "store" && counts.some((c) => c.headcountSource === "roundtable") };
}

/**
 * The raw counts per unit and month, before the floor. Never for a page:
 * pages get readDensityReport. The demo seed and the benchmark generate
 * synthetic business figures from them.
 */
export async function readDensityCounts(db: Database, orgId: string, { level, from, to, windowMonths }: DensityFilters, facts?: ProgrammeFacts) {
  const months = periodsBetween(from, to);
  const units = await loadUnits(db, orgId, level, from, to);
  const memberIds = units.flatMap((u) => u.memberIds);
  const { present: presentMonths, completed: completedMonth } = facts ?? {
    present: await loadPresentMonths(db, orgId, memberIds, addMonths(from, -(windowMonths - 1)), to),
    completed: await loadCompletedMonths(db, orgId, memberIds),
  };
  return { months, units, counts: participationCounts({ months, windowMonths, units, presentMonths, completedMonth }) };
}

/** The units of a level with their people now and their imported headcounts. People with no unit of this level are a unit of their own. */
async function loadUnits(db: Database, orgId: string, level: UnitLevel, from: string, to: string): Promise<DensityUnit[]> {
  const headcounts = await db
    .select({ unitId: unitHeadcounts.unitId, period: unitHeadcounts.period, headcount: unitHeadcounts.headcount, departmentId: insightUnits.departmentId, siteId: insightUnits.siteId, store: insightUnits.storeName })
    .from(unitHeadcounts)
    .innerJoin(insightUnits, eq(insightUnits.id, unitHeadcounts.unitId))
    .where(and(eq(unitHeadcounts.orgId, orgId), eq(insightUnits.kind, level), gte(unitHeadcounts.period, from), lte(unitHeadcounts.period, to)));
  const imported = (key: string | null) => new Map(headcounts.filter((h) => (level === "department" ? h.departmentId : level === "site" ? h.siteId : h.unitId) === key).map((h) => [h.period, h.headcount]));

  if (level === "store") {
    // Nobody in Roundtable is placed in a store: stores carry imported figures only.
    const stores = await db.select({ id: insightUnits.id, name: insightUnits.storeName }).from(insightUnits).where(and(eq(insightUnits.orgId, orgId), eq(insightUnits.kind, "store")));
    return stores.map((s) => ({ id: s.id, name: s.name!, memberIds: [], importedHeadcount: imported(s.id) }));
  }
  const table = level === "department" ? departments : sites;
  const column = level === "department" ? users.departmentId : users.siteId;
  const [list, people] = await Promise.all([
    db.select({ id: table.id, name: table.name }).from(table).where(eq(table.orgId, orgId)).orderBy(table.name),
    db.select({ id: users.id, unit: column }).from(users).where(eq(users.orgId, orgId)),
  ]);
  const membersOf = new Map<string, string[]>();
  for (const p of people) membersOf.set(p.unit ?? NO_UNIT_ID, [...(membersOf.get(p.unit ?? NO_UNIT_ID) ?? []), p.id]);
  const units: DensityUnit[] = list.map((u) => ({ id: u.id, name: u.name, memberIds: membersOf.get(u.id) ?? [], importedHeadcount: imported(u.id) }));
  // Everyone belongs to some row, so the rows of one level add up to the same people as another level's.
  if (membersOf.has(NO_UNIT_ID)) units.push({ id: NO_UNIT_ID, name: level === "department" ? "insights:rows.noDepartment" : "insights:rows.noSite", memberIds: membersOf.get(NO_UNIT_ID)!, importedHeadcount: new Map() });
  return units;
}

/** Who was present at programme meetings in which months, and who completed a cycle when: what every insights view counts from. */
export type ProgrammeFacts = { present: ReadonlyMap<string, ReadonlySet<string>>; completed: ReadonlyMap<string, string> };

/** Everyone's facts up to `to`, read once for the page's several views. */
export async function loadProgrammeFacts(db: Database, orgId: string, to: string): Promise<ProgrammeFacts> {
  const people = (await db.select({ id: users.id }).from(users).where(eq(users.orgId, orgId))).map((u) => u.id);
  const [present, completed] = await Promise.all([loadPresentMonths(db, orgId, people, EARLIEST_MONTH, to), loadCompletedMonths(db, orgId, people)]);
  return { present, completed };
}
// Before any programme meeting could have been held: "ever".
const EARLIEST_MONTH = "1990-01-01";

/** The month an instant falls in on a clock ("2026-03-01"): a meeting's month as its group saw it. */
const monthOn = (at: Date, zone: string) => `${instantToLocal(at, zone).date.slice(0, 7)}-01`;

/**
 * Person → months with a "present" at a programme meeting that was held, from
 * `from` to `to`. Read for the whole organisation and kept to `people` here:
 * a list of thousands of ids in the query costs more than the rows it saves,
 * and each meeting's month is worked out once, not once per attendance.
 */
export async function loadPresentMonths(db: Database, orgId: string, people: string[], from: string, to: string) {
  const out = new Map<string, Set<string>>();
  if (!people.length) return out;
  // A day either side of the range covers every clock; the month on the meeting's own clock decides.
  const rows = await db
    .select({ userId: meetingAttendance.userId, reunionId: reunions.id, startsAt: reunions.startsAt, timeZone: reunions.timeZone })
    .from(meetingAttendance)
    .innerJoin(cycleMeetings, eq(cycleMeetings.reunionId, meetingAttendance.reunionId))
    .innerJoin(reunions, eq(reunions.id, meetingAttendance.reunionId))
    .where(
      and(
        eq(reunions.orgId, orgId),
        eq(meetingAttendance.status, "present"),
        ne(reunions.status, "cancelled"),
        gte(reunions.startsAt, new Date(Date.parse(`${from}T00:00:00Z`) - DAY_MS)),
        lte(reunions.startsAt, new Date(Date.parse(`${addMonths(to, 1)}T00:00:00Z`) + DAY_MS)),
      ),
    );
  const wanted = new Set(people);
  const monthOf = new Map<string, string>();
  for (const r of rows) {
    if (!wanted.has(r.userId) || !r.startsAt) continue;
    let month = monthOf.get(r.reunionId);
    if (month === undefined) monthOf.set(r.reunionId, (month = monthOn(r.startsAt, r.timeZone)));
    if (month < from || month > to) continue;
    out.set(r.userId, (out.get(r.userId) ?? new Set()).add(month));
  }
  return out;
}

/**
 * Person → the month they first completed a cycle: a finished cycle in which,
 * as a member, they were present at the cohort's threshold of its held
 * meetings (the alumni rule, app/domain/programme/alumni-rule.ts).
 */
export async function loadCompletedMonths(db: Database, orgId: string, people: string[]) {
  const out = new Map<string, string>();
  if (!people.length) return out;
  const rows = await db
    .select({ userId: meetingAttendance.userId, endedAt: cycles.endedAt, timeZone: cohorts.timeZone, threshold: cohorts.alumniThreshold, present: sql<number>`count(*)::int` })
    .from(meetingAttendance)
    .innerJoin(cycleMeetings, eq(cycleMeetings.reunionId, meetingAttendance.reunionId))
    .innerJoin(reunions, eq(reunions.id, meetingAttendance.reunionId))
    .innerJoin(cycles, eq(cycles.id, cycleMeetings.cycleId))
    .innerJoin(groups, eq(groups.id, cycles.groupId))
    .innerJoin(cohorts, eq(cohorts.id, groups.cohortId))
    .innerJoin(groupMembers, and(eq(groupMembers.groupId, groups.id), eq(groupMembers.userId, meetingAttendance.userId), eq(groupMembers.role, "member")))
    .where(and(eq(cohorts.orgId, orgId), isNotNull(cycles.endedAt), eq(meetingAttendance.status, "present"), ne(reunions.status, "cancelled")))
    .groupBy(meetingAttendance.userId, cycles.id, cycles.endedAt, cohorts.timeZone, cohorts.alumniThreshold);
  const wanted = new Set(people);
  for (const r of rows) {
    if (!wanted.has(r.userId) || !earnsAlumnus(r.present, r.threshold)) continue;
    // The month it ended on the cohort's clock.
    const ended = monthOn(r.endedAt!, r.timeZone);
    const earlier = out.get(r.userId);
    if (earlier === undefined || ended < earlier) out.set(r.userId, ended);
  }
  return out;
}
