// The CSV download of one insights table: the same filters, the same report
// (and cache) as the page, so the file holds exactly what the page shows, in
// the reader's language like the page's own tables (decision 037).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { NotFoundError } from "~/domain/http-errors";
import { messageIn } from "~/domain/i18n/translators";
import { wordsIn } from "~/domain/insights/analysis-words";
import { readInsightsFilters } from "~/domain/insights/insights-filters";
import { loadInsightsReport } from "~/domain/insights/insights-report.server";
import { densityTable, INSIGHTS_TABLES, itsTable, lagTable, retentionTable, scatterTable, surveyTable, toCsv, type InsightsTable } from "~/domain/insights/insights-tables";
import { readSearchParams } from "~/forms/read-search-params.server";
import { requireOrgAdmin } from "~/require-user.server";


export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  // A download answers in plain text, where no page translates a catalogue key: the sentence is written here, in the reader's language.
  const NO_SUCH_TABLE = messageIn(context.language, "insights:export.noSuchTable");
  const params = readSearchParams(request);
  const name = params.get("table");
  if (!INSIGHTS_TABLES.includes(name as InsightsTable)) throw new NotFoundError(NO_SUCH_TABLE);
  const filters = readInsightsFilters(params, new Date());
  const { density, analysis, survey } = await loadInsightsReport(context.services.db, user, user.orgId, filters);
  const w = wordsIn(context.language);
  const table =
    name === "density"
      ? densityTable(density, w)
      : name === "survey"
        ? surveyTable(survey, w)
        : name === "retention"
          ? retentionTable(survey, filters.from, filters.to, w)
        : !analysis
          ? null
          : name === "scatter"
            ? scatterTable(analysis, w)
            : name === "lags"
              ? lagTable(analysis, w)
              : itsTable(analysis, w);
  if (!table) throw new NotFoundError(NO_SUCH_TABLE);
  const file = `roundtable-${name}-${filters.level}-${filters.from.slice(0, 7)}-to-${filters.to.slice(0, 7)}.csv`;
  return new Response(toCsv(table), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${file}"`, "Cache-Control": "private, no-store" },
  });
}
