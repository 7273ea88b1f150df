// The filters of /org/insights/arc and its CSV; anything unreadable falls back to the default rather than failing the page.
import { z } from "zod";

export const ARC_LEVELS = ["cohort", "department"] as const;
export type ArcLevel = (typeof ARC_LEVELS)[number];

export const arcFiltersSchema = z.object({ level: z.enum(ARC_LEVELS).catch("cohort"), cohort: z.string().uuid().nullable().catch(null) });

export function readArcFilters(params: URLSearchParams) {
  return arcFiltersSchema.parse({ level: params.get("level") ?? undefined, cohort: params.get("cohort") || null });
}
