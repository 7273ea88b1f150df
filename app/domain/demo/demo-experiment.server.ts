// One registered and assigned cohort experiment for the demo company, on its
// synthetic business figures, so /org/insights/experiments has a result to
// read. Nothing is planted for it: the arms are drawn at random over figures
// generated without knowing them, so the expected verdict is "no detectable
// effect" (in about 95 of 100 seeds), which is itself a result worth showing.
import { and, count, eq, max } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { insightUnits, kpiValues } from "../../../db/schema";
import { assignExperiment } from "../insights/experiments/assign-experiment.server";
import { registerExperiment } from "../insights/experiments/register-experiment.server";
import { createExperiment } from "../insights/experiments/save-experiment.server";
import { addMonths } from "../insights/period";
import type { Actor } from "../policy";

export const DEMO_EXPERIMENT_TITLE = "Alumni mentoring pilot (synthetic demo data)";
const DEMO_EXPERIMENT_SEED = 20_260_101;
const WINDOW_MONTHS = 12;

/**
 * Creates the experiment on `preferred` (else the metric most departments
 * have) when at least 6 departments have it over 25 months; says whether it did.
 */
export async function seedDemoExperiment(db: Database, orgId: string, adminId: string, preferred?: string): Promise<boolean> {
  const perMetric = await db
    .select({ metric: kpiValues.metric, unitId: kpiValues.unitId, months: count(), last: max(kpiValues.period) })
    .from(kpiValues)
    .innerJoin(insightUnits, and(eq(insightUnits.id, kpiValues.unitId), eq(insightUnits.kind, "department")))
    .where(eq(kpiValues.orgId, orgId))
    .groupBy(kpiValues.metric, kpiValues.unitId);
  const full = perMetric.filter((r) => r.months > 2 * WINDOW_MONTHS && r.last);
  const metrics = [...new Set(full.map((r) => r.metric))].sort();
  const metric = metrics
    .map((m) => ({ m, units: full.filter((r) => r.metric === m) }))
    .sort((a, b) => Number(b.m === preferred) - Number(a.m === preferred) || b.units.length - a.units.length)[0];
  if (!metric || metric.units.length < 6) return false;
  // The outcome window ends the month before the latest figures (this month's may be partial), so the demo reads a finished result.
  const last = metric.units.map((r) => r.last!).sort().at(-1)!;
  const startsOn = addMonths(last, -WINDOW_MONTHS);
  const actor: Actor = { id: adminId, orgId, roles: ["org_admin"] };
  const experiment = await createExperiment(db, actor, orgId, {
    title: DEMO_EXPERIMENT_TITLE,
    initiative: "Synthetic demo data: alumni in the treated departments were each offered a mentor from another department for a year.",
    hypothesis: `Synthetic demo data: ${metric.m} improves in the treated departments compared with the others.`,
    unitKind: "department",
    eligible: metric.units.map((r) => r.unitId).sort(),
    outcomeKind: "kpi",
    outcome: metric.m,
    startsOn,
    baselineMonths: WINDOW_MONTHS,
    outcomeMonths: WINDOW_MONTHS,
    strata: 2,
  });
  // Registered and assigned the month before the initiative started, as a real one would have been.
  const before = new Date(`${addMonths(startsOn, -1)}T09:00:00Z`);
  await registerExperiment(db, actor, experiment.id, before);
  await assignExperiment(db, actor, experiment.id, { seed: DEMO_EXPERIMENT_SEED, now: new Date(before.getTime() + 3_600_000) });
  return true;
}
