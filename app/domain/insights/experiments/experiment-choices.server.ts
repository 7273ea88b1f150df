// What an experiment can be about in an organisation: its insight units by
// kind, its cohorts, and the outcomes it has figures for. The form offers
// these and saving checks against them, so the two cannot disagree.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { cohorts, departments, insightUnits, kpiValues, sites } from "../../../../db/schema";
import { ARC_DIMENSIONS } from "../../diagnostics/arc-self-assessment";
import type { ExperimentOutcomeKind, ExperimentUnitKind } from "./experiment-fields";

export type ExperimentChoices = {
  units: Record<ExperimentUnitKind, { id: string; name: string }[]>;
  kpis: string[];
  /** The dimensions of the ARC self-assessment, each a score per person from 1 to 5. */
  diagnostics: string[];
};

export async function loadExperimentChoices(db: Database, orgId: string): Promise<ExperimentChoices> {
  const [units, cohortRows, metrics] = await Promise.all([
    db
      .select({ id: insightUnits.id, kind: insightUnits.kind, name: sql<string>`coalesce(${departments.name}, ${sites.name}, ${insightUnits.storeName})` })
      .from(insightUnits)
      .leftJoin(departments, eq(departments.id, insightUnits.departmentId))
      .leftJoin(sites, eq(sites.id, insightUnits.siteId))
      .where(eq(insightUnits.orgId, orgId)),
    db.select({ id: cohorts.id, name: cohorts.name }).from(cohorts).where(eq(cohorts.orgId, orgId)).orderBy(asc(cohorts.name)),
    db.selectDistinct({ metric: kpiValues.metric }).from(kpiValues).where(and(eq(kpiValues.orgId, orgId))).orderBy(asc(kpiValues.metric)),
  ]);
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  const of = (kind: ExperimentUnitKind) => units.filter((u) => u.kind === kind).map(({ id, name }) => ({ id, name })).sort(byName);
  return { units: { department: of("department"), site: of("site"), store: of("store"), cohort: cohortRows }, kpis: metrics.map((m) => m.metric), diagnostics: [...ARC_DIMENSIONS] };
}

export const outcomeChoices = (choices: ExperimentChoices, kind: ExperimentOutcomeKind) => (kind === "kpi" ? choices.kpis : choices.diagnostics);
