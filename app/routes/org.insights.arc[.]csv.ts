// The department × department heat maps of /org/insights/arc as CSV: the
// same floored cells, withheld ones empty.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { readArcFilters } from "~/domain/insights/arc-filters";
import { tieMatrixCsv } from "~/domain/insights/arc-indicators";
import { loadArcReport } from "~/domain/insights/arc-indicators.server";
import { readSearchParams } from "~/forms/read-search-params.server";
import { requireOrgAdmin } from "~/require-user.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const { cohort } = readArcFilters(readSearchParams(request));
  const report = await loadArcReport(context.services.db, user, user.orgId, { level: "cohort", matrixCohortId: cohort });
  return new Response(tieMatrixCsv(report.matrix), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="ties-between-departments.csv"', "Cache-Control": "private, no-store" },
  });
}
