// The filters of the insights page, read from its query string. Shared by the
// page and its CSV downloads, so a download always holds what the page shows.
// Anything unreadable falls back to the default rather than failing the page.
import { z } from "zod";
import { UNIT_LEVELS } from "./import-kinds";
import { DEFAULT_ACTIVE_WINDOW_MONTHS, MAX_ACTIVE_WINDOW_MONTHS } from "./participation-density";
import { addMonths, parsePeriod, periodOf } from "./period";
import type { InsightsFilters } from "./insights-report.server";

export const MAX_INSIGHTS_MONTHS = 36;
const DEFAULT_MONTHS = 12;

const month = z
  .string()
  .optional()
  .transform((v) => (v ? parsePeriod(v) : null));
const filtersSchema = z.object({
  level: z.enum(UNIT_LEVELS).catch("department"),
  from: month.catch(null),
  to: month.catch(null),
  window: z.coerce.number().int().min(1).max(MAX_ACTIVE_WINDOW_MONTHS).catch(DEFAULT_ACTIVE_WINDOW_MONTHS),
  metric: z.string().trim().min(1).max(200).optional().catch(undefined),
  unit: z.string().trim().min(1).max(64).optional().catch(undefined),
  start: month.catch(null),
  survey: z.string().trim().min(1).max(200).optional().catch(undefined),
});

export function readInsightsFilters(params: URLSearchParams, now: Date): InsightsFilters {
  const get = (k: string) => params.get(k) ?? undefined;
  const f = filtersSchema.parse({ level: get("level"), from: get("from"), to: get("to"), window: get("window"), metric: get("metric"), unit: get("unit"), start: get("start"), survey: get("survey") });
  const thisMonth = periodOf(now);
  const to = f.to && f.to <= thisMonth ? f.to : thisMonth;
  let from = f.from && f.from <= to ? f.from : addMonths(to, -(DEFAULT_MONTHS - 1));
  if (from < addMonths(to, -(MAX_INSIGHTS_MONTHS - 1))) from = addMonths(to, -(MAX_INSIGHTS_MONTHS - 1));
  return { level: f.level, from, to, windowMonths: f.window, metric: f.metric ?? null, its: f.unit ? { unitId: f.unit, start: f.start } : null, survey: f.survey ?? null };
}

/** The query string that brings back these filters (for links and downloads). */
export function insightsQuery(f: InsightsFilters, metric: string | null, survey: string | null): string {
  const q = new URLSearchParams({ level: f.level, from: f.from.slice(0, 7), to: f.to.slice(0, 7), window: String(f.windowMonths) });
  if (metric) q.set("metric", metric);
  if (survey) q.set("survey", survey);
  if (f.its) {
    q.set("unit", f.its.unitId);
    if (f.its.start) q.set("start", f.its.start.slice(0, 7));
  }
  return q.toString();
}
