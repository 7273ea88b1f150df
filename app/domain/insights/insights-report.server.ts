// The read model behind /org/insights: the floored density report of the
// chosen level and months, the imported values of one metric for the same
// units (keyed the way the density report keys its units), and the analysis
// of the two. The result is cached per process (see insightsCache below).
import { and, asc, avg, eq, gte, like, lte, max } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { auditEvents, insightUnits, kpiValues, personRecords, surveyScores, users } from "../../../db/schema";
import { ForbiddenError } from "../http-errors";
import { canAdministerOrg, type Actor } from "../policy";
import { loadProgrammeFacts, readDensityReport, type DensityReport, type ProgrammeFacts } from "./density.server";
import type { UnitLevel } from "./import-kinds";
import { analyseKpi, MAX_LAG_MONTHS, type KpiAnalysis } from "./kpi-analysis";
import { addMonths } from "./period";
import { analyseRetention, analyseSurvey, tenureBand, type ParticipationStatus, type Retention } from "./survey-analysis";

export type InsightsFilters = {
  level: UnitLevel;
  from: string;
  to: string;
  windowMonths: number;
  metric: string | null;
  its: { unitId: string; start: string | null } | null;
  survey: string | null;
};
export type SurveyReport = {
  instruments: string[];
  instrument: string | null;
  analysis: ReturnType<typeof analyseSurvey> | null;
  /** Who counts as comparable: the same place, or also the same level and tenure when people's records were imported. */
  matchedOn: "place" | "levelAndTenure";
  /** Only with people's records, which hold who left and when. */
  retention: Retention | null;
};
export type InsightsReport = { density: DensityReport; metrics: string[]; metric: string | null; analysis: KpiAnalysis | null; survey: SurveyReport };

/**
 * How the cache is kept fresh: its key holds the organisation's latest
 * insights import (an audit entry every process can see), so an import shows
 * at once everywhere; attendance marked and people moved between units show
 * within INSIGHTS_CACHE_TTL_MS, when the entry expires.
 */
export const INSIGHTS_CACHE_TTL_MS = 2 * 60_000;
const CACHE_ENTRIES = 200;
const insightsCache = new Map<string, { at: number; report: Promise<InsightsReport> }>();

export async function loadInsightsReport(db: Database, actor: Actor, orgId: string, f: InsightsFilters, now = Date.now()): Promise<InsightsReport> {
  if (!canAdministerOrg(actor, orgId)) throw new ForbiddenError();
  const key = JSON.stringify([orgId, await latestInsightsImport(db, orgId), f]);
  const hit = insightsCache.get(key);
  if (hit && now - hit.at < INSIGHTS_CACHE_TTL_MS) return hit.report;
  const report = buildInsightsReport(db, orgId, f);
  insightsCache.set(key, { at: now, report });
  // A failed build is not kept, so the next request tries again.
  report.catch(() => insightsCache.delete(key));
  if (insightsCache.size > CACHE_ENTRIES) insightsCache.delete(insightsCache.keys().next().value!);
  return report;
}

/** The id of the organisation's latest insights import (its audit entry), 0 without one: what the caches are keyed by. */
export async function latestInsightsImport(db: Database, orgId: string) {
  const [row] = await db
    .select({ id: max(auditEvents.id) })
    .from(auditEvents)
    .where(and(eq(auditEvents.targetType, "organisation"), eq(auditEvents.targetId, orgId), like(auditEvents.action, "insights.%")));
  return row?.id ?? 0;
}

async function buildInsightsReport(db: Database, orgId: string, f: InsightsFilters): Promise<InsightsReport> {
  // Attendance and completions are read once and shared by the density and the survey views.
  const facts = await loadProgrammeFacts(db, orgId, f.to);
  const [density, metrics, survey] = await Promise.all([readDensityReport(db, orgId, f, facts), loadMetrics(db, orgId, f.level), loadSurvey(db, orgId, f, facts)]);
  const metric = f.metric && metrics.includes(f.metric) ? f.metric : (metrics[0] ?? null);
  if (!metric) return { density, metrics, metric: null, analysis: null, survey };
  const kpi = await loadKpi(db, orgId, f.level, metric, f.from, addMonths(f.to, MAX_LAG_MONTHS));
  const analysis = analyseKpi({ metric, months: density.months, units: density.rows, kpi, its: f.its });
  return { density, metrics, metric, analysis, survey };
}

/**
 * Survey scores and retention by participation. Status at the last month:
 * alumnus (had completed a cycle), in a cycle (had been present at a
 * programme meeting), never. Comparable people: the same department and site,
 * and, where people's records were imported, the same level and tenure band.
 */
async function loadSurvey(db: Database, orgId: string, f: InsightsFilters, { present, completed }: ProgrammeFacts): Promise<SurveyReport> {
  const [instrumentRows, people, records] = await Promise.all([
    db.selectDistinct({ instrument: surveyScores.instrument }).from(surveyScores).where(eq(surveyScores.orgId, orgId)).orderBy(asc(surveyScores.instrument)),
    db.select({ id: users.id, departmentId: users.departmentId, siteId: users.siteId }).from(users).where(eq(users.orgId, orgId)),
    db.select({ userId: personRecords.userId, level: personRecords.level, started: personRecords.started, left: personRecords.left }).from(personRecords).where(eq(personRecords.orgId, orgId)),
  ]);
  const instruments = instrumentRows.map((r) => r.instrument);
  const instrument = f.survey && instruments.includes(f.survey) ? f.survey : (instruments[0] ?? null);
  const recordOf = new Map(records.map((r) => [r.userId, r]));
  const matchedOn = records.length ? "levelAndTenure" : "place";
  const stratumOf = (p: (typeof people)[number]) => {
    const place = `${p.departmentId ?? "-"} ${p.siteId ?? "-"}`;
    if (matchedOn === "place") return place;
    const r = recordOf.get(p.id);
    return `${place} ${r?.level ?? ""} ${tenureBand(r?.started ?? null, f.to)}`;
  };
  const scores = instrument
    ? await db
        .select({ userId: surveyScores.userId, score: avg(surveyScores.score).mapWith(Number) })
        .from(surveyScores)
        .where(and(eq(surveyScores.orgId, orgId), eq(surveyScores.instrument, instrument), gte(surveyScores.period, f.from), lte(surveyScores.period, f.to)))
        .groupBy(surveyScores.userId)
    : [];
  const scoreOf = new Map(scores.map((s) => [s.userId, s.score]));
  const analysis = instrument
    ? analyseSurvey(
        people
          .filter((p) => scoreOf.has(p.id))
          .map((p) => {
            const done = completed.get(p.id);
            const status: ParticipationStatus = done !== undefined && done <= f.to ? "alumnus" : present.has(p.id) ? "in_cycle" : "never";
            return { status, stratum: stratumOf(p), score: scoreOf.get(p.id)! };
          }),
      )
    : null;
  // Employed when the months began: joined by then (or joined at an unknown month) and not left before.
  const employed = people.filter((p) => {
    const r = recordOf.get(p.id);
    return r && (!r.started || r.started <= f.from) && (!r.left || r.left >= f.from);
  });
  const retention = records.length
    ? analyseRetention(
        employed.map((p) => {
          const r = recordOf.get(p.id)!;
          return { stratum: stratumOf(p), tookPartBefore: [...(present.get(p.id) ?? [])].some((m) => m < f.from), stayed: !r.left || r.left > f.to };
        }),
      )
    : null;
  return { instruments, instrument, analysis, matchedOn, retention };
}

async function loadMetrics(db: Database, orgId: string, level: UnitLevel) {
  const rows = await db
    .selectDistinct({ metric: kpiValues.metric })
    .from(kpiValues)
    .innerJoin(insightUnits, eq(insightUnits.id, kpiValues.unitId))
    .where(and(eq(kpiValues.orgId, orgId), eq(insightUnits.kind, level)))
    .orderBy(asc(kpiValues.metric));
  return rows.map((r) => r.metric);
}

/** Density unit id (the department, the site, or the store's insight unit) → period → value. */
async function loadKpi(db: Database, orgId: string, level: UnitLevel, metric: string, from: string, to: string) {
  const rows = await db
    .select({ unitId: kpiValues.unitId, departmentId: insightUnits.departmentId, siteId: insightUnits.siteId, period: kpiValues.period, value: kpiValues.value })
    .from(kpiValues)
    .innerJoin(insightUnits, eq(insightUnits.id, kpiValues.unitId))
    .where(and(eq(kpiValues.orgId, orgId), eq(insightUnits.kind, level), eq(kpiValues.metric, metric), gte(kpiValues.period, from), lte(kpiValues.period, to)));
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const key = level === "department" ? r.departmentId! : level === "site" ? r.siteId! : r.unitId;
    if (!out.has(key)) out.set(key, new Map());
    out.get(key)!.set(r.period, r.value);
  }
  return out;
}
