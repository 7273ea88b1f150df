// Reads what an assigned experiment's result needs (its outcome's monthly
// figures for its units over both windows, in one query) and computes it.
import { and, eq, gte, inArray, lte } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { kpiValues } from "../../../../db/schema";
import type { Actor } from "../../policy";
import { periodOf } from "../period";
import { experimentWindows } from "./experiment-fields";
import { experimentResult, type ExperimentResult } from "./experiment-result";
import { findExperiment, type Experiment } from "./find-experiment.server";

export async function loadExperimentResult(db: Database, actor: Actor, experimentId: string, now = new Date()): Promise<ExperimentResult | null> {
  const e = await findExperiment(db, actor, experimentId);
  return resultOf(db, e, now);
}

export async function resultOf(db: Database, e: Experiment, now = new Date()): Promise<ExperimentResult | null> {
  if (!e.assignment || e.seed === null) return null;
  const windows = experimentWindows(e);
  const values = new Map<string, Map<string, number>>();
  const unitIds = e.assignment.map((a) => a.unitId);
  if (e.outcomeKind === "kpi" && unitIds.length) {
    const rows = await db
      .select({ unitId: kpiValues.unitId, period: kpiValues.period, value: kpiValues.value })
      .from(kpiValues)
      .where(and(eq(kpiValues.orgId, e.orgId), eq(kpiValues.metric, e.outcome), inArray(kpiValues.unitId, unitIds), gte(kpiValues.period, windows.baseline.from), lte(kpiValues.period, windows.outcome.to)));
    for (const r of rows) values.set(r.unitId, (values.get(r.unitId) ?? new Map()).set(r.period, r.value));
  }
  return experimentResult({ assignment: e.assignment, windows, values, seed: e.seed, thisMonth: periodOf(now) }, e.outcome);
}
