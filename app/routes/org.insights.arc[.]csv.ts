// The department × department heat maps of /org/insights/arc as CSV: the
// same floored cells, withheld ones empty. Its columns and periods are codes
// (scripts read them); the departments it makes up itself are named in the
// reader's language, like the organisation's own departments.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { wordsIn } from "~/domain/insights/analysis-words";
import { readArcFilters } from "~/domain/insights/arc-filters";
import { tieMatrixCsv } from "~/domain/insights/arc-indicators";
import { loadArcReport } from "~/domain/insights/arc-indicators.server";
import { unitRowName } from "~/domain/insights/unit-row-names";
import { readSearchParams } from "~/forms/read-search-params.server";
import { requireOrgAdmin } from "~/require-user.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const { cohort } = readArcFilters(readSearchParams(request));
  const report = await loadArcReport(context.services.db, user, user.orgId, { level: "cohort", matrixCohortId: cohort });
  const w = wordsIn(context.language);
  const matrix = { ...report.matrix, units: report.matrix.units.map((u) => ({ ...u, name: unitRowName(u.id, u.name, "departments", w) })) };
  return new Response(tieMatrixCsv(matrix), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="ties-between-departments.csv"', "Cache-Control": "private, no-store" },
  });
}
