// The demo organisation's insights data: 36 months of synthetic business
// figures per department and site, generated from the participation the
// insights page itself measures (generate-kpis.ts states the model), and
// imported through the same import an org admin uses, so it is checked and
// audited like real data.
import type { Database } from "../../../db/database";
import type { Actor } from "../policy";
import { eq } from "drizzle-orm";
import { users } from "../../../db/schema";
import { loadCompletedMonths, loadPresentMonths, NO_UNIT_ID, readDensityCounts } from "../insights/density.server";
import { importInsightsData, type InsightsImportResult } from "../insights/import-insights-data.server";
import type { UnitLevel } from "../insights/import-kinds";
import type { DensityUnit, UnitMonthCount } from "../insights/participation-density";
import { addMonths, periodOf, periodsBetween } from "../insights/period";
import { toCsvLine } from "../orgs/parse-csv";
import { DEMO_KPI_MONTHS, DEMO_SURVEY, generateDemoKpis, generateDemoSurvey, type DemoKpiUnit } from "./generate-kpis";

// Chosen among 2026–2045 as a typical draw: its within-department estimate lies near the planted effect (docs/insights.md, "Demo data").
export const DEMO_KPI_SEED = 2031;
// The page's default: active means present in the last 3 months.
const WINDOW_MONTHS = 3;

export async function seedDemoInsights(db: Database, admin: Actor, now = new Date()) {
  const to = periodOf(now);
  const from = addMonths(to, -(DEMO_KPI_MONTHS - 1));
  for (const [i, level] of (["department", "site"] as UnitLevel[]).entries()) {
    // Generated from the raw shares, so every unit gets figures; the page still shows only what passes the floor.
    const { months, units, counts } = await readDensityCounts(db, admin.orgId, { level, from, to, windowMonths: WINDOW_MONTHS });
    const rows = generateDemoKpis(demoKpiUnits(units, counts), months, DEMO_KPI_SEED + i);
    const text = ["unit,period,metric,value", ...rows.map((r) => toCsvLine([r.unit, r.period.slice(0, 7), r.metric, String(r.value)]))].join("\n");
    const result = await importInsightsData(db, admin, admin.orgId, { kind: "kpis", level, text, now });
    mustImport(result, "business figures");
  }
  const people = await db.select({ id: users.id, email: users.email }).from(users).where(eq(users.orgId, admin.orgId));
  const ids = people.map((p) => p.id);
  const [present, completed] = await Promise.all([loadPresentMonths(db, admin.orgId, ids, from, to), loadCompletedMonths(db, admin.orgId, ids)]);
  const scores = generateDemoSurvey(
    people.map((p) => ({ email: p.email, firstPresent: [...(present.get(p.id) ?? [])].sort()[0] ?? null, completed: completed.get(p.id) ?? null })),
    periodsBetween(from, to),
    DEMO_KPI_SEED + 10,
  );
  const text = ["email,period,instrument,score", ...scores.map((r) => toCsvLine([r.email, r.period.slice(0, 7), DEMO_SURVEY, String(r.score)]))].join("\n");
  mustImport(await importInsightsData(db, admin, admin.orgId, { kind: "survey_scores", level: "department", text, now }), "survey scores");
}

function mustImport(result: InsightsImportResult, what: string) {
  if (!result.ok) throw new Error(`The demo ${what} did not import: ${result.errors.slice(0, 3).map((e) => `line ${e.line}: ${e.message}`).join("; ")}`);
}

/** Each department or site (not the people with none) with its active share by month. */
export function demoKpiUnits(units: readonly DensityUnit[], counts: readonly UnitMonthCount[]): DemoKpiUnit[] {
  return units
    .filter((u) => u.id !== NO_UNIT_ID)
    .map((u) => ({ name: u.name, density: new Map(counts.filter((c) => c.unitId === u.id && c.headcount > 0).map((c) => [c.month, c.active / c.headcount])) }));
}
