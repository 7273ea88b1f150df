// Reads what an assigned experiment's result needs (its outcome's monthly
// figures for its units over both windows, in one query) and computes it.
import { and, count, eq, gte, inArray, lt, lte, max } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { cohortMembers, diagnosticResponses, insightUnits, kpiValues, users } from "../../../../db/schema";
import { ARC_INSTRUMENT, arcScores, type ArcDimension } from "../../diagnostics/arc-self-assessment";
import type { Actor } from "../../policy";
import { addMonths, periodOf } from "../period";
import { experimentWindows } from "./experiment-fields";
import { experimentResult, type ExperimentResult, type Observation } from "./experiment-result";
import { findExperiment, type Experiment } from "./find-experiment.server";
import { INSIGHTS_CACHE_TTL_MS, latestInsightsImport } from "../insights-report.server";

export async function loadExperimentResult(db: Database, actor: Actor, experimentId: string, now = new Date()): Promise<ExperimentResult | null> {
  const e = await findExperiment(db, actor, experimentId);
  return resultOf(db, e, now);
}

/**
 * Kept fresh as the insights page is (insights-report.server.ts): cached per
 * process for INSIGHTS_CACHE_TTL_MS, keyed by the experiment, its seed, the
 * month, the organisation's latest insights import and, for a diagnostic
 * outcome, its latest self-assessment answer: new figures and answers show at
 * once, people moved between units within the TTL.
 */
const resultCache = new Map<string, { at: number; result: Promise<ExperimentResult | null> }>();
const CACHE_ENTRIES = 100;

export async function resultOf(db: Database, e: Experiment, now = new Date()): Promise<ExperimentResult | null> {
  if (!e.assignment || e.seed === null) return null;
  const key = JSON.stringify([e.id, e.seed, periodOf(now), await latestInsightsImport(db, e.orgId), e.outcomeKind === "diagnostic" ? await latestAnswer(db, e.orgId) : null]);
  const hit = resultCache.get(key);
  if (hit && now.getTime() - hit.at < INSIGHTS_CACHE_TTL_MS) return hit.result;
  const result = computeResult(db, e, now);
  resultCache.set(key, { at: now.getTime(), result });
  result.catch(() => resultCache.delete(key));
  if (resultCache.size > CACHE_ENTRIES) resultCache.delete(resultCache.keys().next().value!);
  return result;
}

async function latestAnswer(db: Database, orgId: string) {
  const [row] = await db
    .select({ n: count(), at: max(diagnosticResponses.answeredAt) })
    .from(diagnosticResponses)
    .innerJoin(users, and(eq(users.id, diagnosticResponses.userId), eq(users.orgId, orgId)));
  return `${row?.n ?? 0} ${row?.at?.toISOString() ?? ""}`;
}

async function computeResult(db: Database, e: Experiment, now: Date): Promise<ExperimentResult | null> {
  if (!e.assignment || e.seed === null) return null;
  const windows = experimentWindows(e);
  const unitIds = e.assignment.map((a) => a.unitId);
  const observations = !unitIds.length ? [] : e.outcomeKind === "kpi" ? await kpiObservations(db, e, unitIds, windows) : await diagnosticObservations(db, e, unitIds, windows);
  return experimentResult({ assignment: e.assignment, windows, observations, seed: e.seed, thisMonth: periodOf(now) }, outcomeName(e));
}

export const outcomeName = (e: Pick<Experiment, "outcomeKind" | "outcome">) => (e.outcomeKind === "kpi" ? e.outcome : `the ARC ${e.outcome} score`);

type Windows = ReturnType<typeof experimentWindows>;

async function kpiObservations(db: Database, e: Experiment, unitIds: string[], windows: Windows): Promise<Observation[]> {
  const rows = await db
    .select({ unitId: kpiValues.unitId, month: kpiValues.period, value: kpiValues.value })
    .from(kpiValues)
    .where(and(eq(kpiValues.orgId, e.orgId), eq(kpiValues.metric, e.outcome), inArray(kpiValues.unitId, unitIds), gte(kpiValues.period, windows.baseline.from), lte(kpiValues.period, windows.outcome.to)));
  return rows;
}

/** Each answer to the ARC self-assessment in the windows, as the person's score on the chosen dimension, under every unit the person belongs to. */
async function diagnosticObservations(db: Database, e: Experiment, unitIds: string[], windows: Windows): Promise<Observation[]> {
  const members = new Map<string, string[]>();
  const add = (person: string, unitId: string) => members.set(person, [...(members.get(person) ?? []), unitId]);
  if (e.unitKind === "cohort") {
    for (const m of await db.select({ person: cohortMembers.userId, unitId: cohortMembers.cohortId }).from(cohortMembers).where(inArray(cohortMembers.cohortId, unitIds))) add(m.person, m.unitId);
  } else {
    // People are counted in their department or site of today, as density does: Roundtable keeps no history of moves.
    const units = await db.select().from(insightUnits).where(and(eq(insightUnits.orgId, e.orgId), inArray(insightUnits.id, unitIds)));
    const unitOf = new Map(units.flatMap((u) => (u.departmentId ? [[u.departmentId, u.id] as const] : u.siteId ? [[u.siteId, u.id] as const] : [])));
    const column = e.unitKind === "department" ? users.departmentId : users.siteId;
    const places = [...unitOf.keys()];
    if (places.length) for (const p of await db.select({ person: users.id, place: column }).from(users).where(and(eq(users.orgId, e.orgId), inArray(column, places)))) add(p.person, unitOf.get(p.place!)!);
  }
  if (!members.size) return [];
  const rows = await db
    .select({ person: diagnosticResponses.userId, answers: diagnosticResponses.answers, answeredAt: diagnosticResponses.answeredAt })
    .from(diagnosticResponses)
    .innerJoin(users, and(eq(users.id, diagnosticResponses.userId), eq(users.orgId, e.orgId)))
    .where(and(eq(diagnosticResponses.instrument, ARC_INSTRUMENT), inArray(diagnosticResponses.userId, [...members.keys()]), gte(diagnosticResponses.answeredAt, new Date(windows.baseline.from)), lt(diagnosticResponses.answeredAt, new Date(addMonths(windows.outcome.to, 1)))));
  return rows.flatMap((r) => {
    const value = arcScores(r.answers)[e.outcome as ArcDimension];
    return Number.isFinite(value) ? (members.get(r.person) ?? []).map((unitId) => ({ unitId, month: periodOf(r.answeredAt), value, person: r.person })) : [];
  });
}
