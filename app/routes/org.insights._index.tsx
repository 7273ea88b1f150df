import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { SelectField, TextField } from "~/components/form-fields";
import { TableScroll } from "~/components/table-scroll";
import { isDemoOrganisation } from "~/domain/demo/demo-banner.server";
import { caveats, comparisonWords, crossSectionWords, retentionWords, fixedEffectsWords, itsWords } from "~/domain/insights/analysis-words";
import { insightsCharts } from "~/domain/insights/insights-charts.server";
import { insightsQuery, readInsightsFilters } from "~/domain/insights/insights-filters";
import { densityTable, itsTable, lagTable, retentionTable, scatterTable, surveyTable, type DataTable } from "~/domain/insights/insights-tables";
import { loadInsightsReport } from "~/domain/insights/insights-report.server";
import { periodLabel } from "~/domain/insights/period";
import { INSIGHTS_PRIVACY_FLOOR } from "~/domain/privacy/privacy-floor";
import { readSearchParams } from "~/forms/read-search-params.server";
import { requireOrgAdmin } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "Insights · Roundtable" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const filters = readInsightsFilters(readSearchParams(request), new Date());
  const [report, demo] = await Promise.all([loadInsightsReport(context.services.db, user, user.orgId, filters), isDemoOrganisation(context.services.db, user.orgId)]);
  const { density, analysis } = report;
  const labels = density.months.map(periodLabel);
  const charts = insightsCharts(report);
  const its = analysis ? itsTable(analysis) : null;
  return json({
    demo,
    filters: { level: filters.level, from: filters.from.slice(0, 7), to: filters.to.slice(0, 7), window: filters.windowMonths, unit: analysis?.its?.unitId ?? "", start: analysis?.its?.startChosen ? analysis.its.start.slice(0, 7) : "" },
    query: insightsQuery(filters, report.metric, report.survey.instrument),
    survey: {
      instruments: report.survey.instruments,
      instrument: report.survey.instrument,
      table: surveyTable(report.survey),
      comparison: report.survey.analysis?.comparison ?? null,
      matchedOn: report.survey.matchedOn,
      retention: report.survey.retention ? { table: retentionTable(report.survey, filters.from, filters.to)!, comparison: report.survey.retention.comparison } : null,
    },
    metrics: report.metrics,
    metric: report.metric,
    density,
    labels,
    densityCharts: charts.active && charts.completed ? { active: charts.active, completed: charts.completed } : null,
    analysis: analysis
      ? {
          scatter: { table: scatterTable(analysis), chart: charts.scatter },
          lags: { table: lagTable(analysis), chart: charts.lags },
          its: its ? { table: its, chart: charts.its } : null,
          itsCandidates: analysis.itsCandidates.map((c) => ({ value: c.unitId, label: `${c.name} (programme from ${periodLabel(c.start)})` })),
          words: {
            crossSection: crossSectionWords(analysis, LEVEL_WORDS[filters.level]),
            fixedEffects: fixedEffectsWords(analysis, LEVEL_WORDS[filters.level]),
            its: itsWords(analysis),
          },
          unitsWithoutKpi: analysis.unitsWithoutKpi,
        }
      : null,
    caveats: caveats(analysis, LEVEL_WORDS[filters.level]),
  });
}

const percent = (v: number) => `${Math.round(v * 1000) / 10}%`;
const LEVEL_WORDS = { department: "department", site: "site", store: "store" } as const;

export default function Insights() {
  const { demo, filters, query, metrics, metric, density, labels, densityCharts, analysis, caveats, survey } = useLoaderData<typeof loader>();
  const download = (table: string) => `/org/insights/export?table=${table}&${query}`;
  return (
    <>
      <h2>Insights</h2>
      {demo ? (
        <p className="notice" role="note">
          <strong>Synthetic demo data.</strong> The business figures and survey scores of this organisation were generated from a stated model with a planted effect, so
          the analysis can be checked against it (see “Demo data” in the insights documentation).
        </p>
      ) : null}
      <nav aria-label="On this page">
        <ul>
          <li>
            <a href="#density">Participation density</a>
          </li>
          <li>
            <a href="#kpi">Density against a business figure</a>
          </li>
          <li>
            <a href="#people">Survey scores and participation</a>
          </li>
          <li>
            <a href="/org/insights/data">Insights data (imports)</a>
          </li>
        </ul>
      </nav>
      <Form method="get" className="stack">
        <SelectField
          label="Unit level"
          name="level"
          defaultValue={filters.level}
          options={[
            { value: "department", label: "Departments" },
            { value: "site", label: "Sites" },
            { value: "store", label: "Stores" },
          ]}
        />
        <TextField label="From month" name="from" type="month" defaultValue={filters.from} />
        <TextField label="To month" name="to" type="month" defaultValue={filters.to} />
        <TextField label="Active means present in the last … months" name="window" type="number" min={1} max={12} defaultValue={String(filters.window)} />
        {metrics.length ? <SelectField label="Business figure" name="metric" defaultValue={metric ?? undefined} options={metrics.map((m) => ({ value: m, label: m }))} /> : null}
        {survey.instruments.length ? <SelectField label="Survey" name="survey" defaultValue={survey.instrument ?? undefined} options={survey.instruments.map((m) => ({ value: m, label: m }))} /> : null}
        {analysis?.itsCandidates.length ? (
          <>
            <SelectField label="Before and after: unit" name="unit" defaultValue={filters.unit} options={analysis.itsCandidates} />
            <TextField label="Before and after: programme start (empty for the first month with active people)" name="start" type="month" defaultValue={filters.start} />
          </>
        ) : null}
        <div>
          <button type="submit">Show</button>
        </div>
      </Form>
      <p>
        No figure is shown from fewer than {INSIGHTS_PRIVACY_FLOOR} people. A unit below that is merged into “Other units” for that month (with the smallest other units
        when the small ones together are still fewer than {INSIGHTS_PRIVACY_FLOOR}, so no one can be worked out by comparing views); when a whole level has fewer than{" "}
        {INSIGHTS_PRIVACY_FLOOR} people, its month is not shown. The merged “Other units” take no part in the analyses against business figures, because their figures
        cannot be added up across units.
      </p>

      <section aria-labelledby="density">
        <h3 id="density">Participation density</h3>
        <p>
          For each {LEVEL_WORDS[filters.level]} and month: the share of its headcount <strong>active</strong> in the programme (present at a programme meeting in the last{" "}
          {filters.window} {filters.window === 1 ? "month" : "months"}, that month included) and the share who had <strong>completed</strong> a cycle by then.
        </p>
        {density.usesRoundtableHeadcount ? (
          <p>
            Where no headcount was imported, the headcount is the people in Roundtable placed in the unit today, and everyone is counted in the unit they are in today:
            Roundtable keeps no history of who was in which unit.
          </p>
        ) : null}
        {filters.level === "store" ? <p>Roundtable does not know who works in which store, so participation per store cannot be counted; stores hold imported figures.</p> : null}
        {density.hiddenMonths.length ? <p>Not shown, fewer than {INSIGHTS_PRIVACY_FLOOR} people in all: {density.hiddenMonths.map(periodLabel).join(", ")}.</p> : null}
        {density.rows.length && densityCharts ? (
          <>
            <Chart
              svg={densityCharts.active}
              alt={`Line chart of the active share per ${LEVEL_WORDS[filters.level]} from ${labels[0]} to ${labels.at(-1)}; the numbers are in the table below.`}
              caption="Active share over time"
            />
            <Chart
              svg={densityCharts.completed}
              alt={`Line chart of the completed share per ${LEVEL_WORDS[filters.level]} from ${labels[0]} to ${labels.at(-1)}; the numbers are in the table below.`}
              caption="Completed share over time"
            />
            <TableScroll label="Participation density">
              <table aria-label="Participation density">
                <thead>
                  <tr>
                    <th scope="col">Unit</th>
                    {labels.map((l) => (
                      <th scope="col" key={l}>
                        {l}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {density.rows.map((r) => (
                    <tr key={r.unitId}>
                      <th scope="row">{r.name}</th>
                      {density.months.map((m) => {
                        const cell = r.cells.find((c) => c.month === m);
                        return (
                          <td key={m}>
                            {cell?.figure.shown ? `active ${percent(cell.figure.value.activeShare)} · completed ${percent(cell.figure.value.completedShare)} · of ${cell.figure.value.headcount}` : "–"}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            <p>
              <a href={download("density")} download>
                Download these figures (CSV)
              </a>
            </p>
          </>
        ) : (
          <p>There is nothing to show for these filters yet.</p>
        )}
      </section>

      <section aria-labelledby="kpi">
        <h3 id="kpi">Density against {metric ?? "a business figure"}</h3>
        {!metric ? (
          <p>
            No business figures for {LEVEL_WORDS[filters.level]}s yet. Import them on <a href="/org/insights/data">Insights data</a> (unit, month, metric, value) to set
            them beside participation.
          </p>
        ) : (
          <>
            <div className="notice" role="note" aria-label="Read this first">
              <p>
                <strong>Read this first.</strong>
              </p>
              <ul>
                {caveats.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            </div>
            {analysis?.unitsWithoutKpi.length ? (
              <p>
                No {metric} in these months for: {analysis.unitsWithoutKpi.join(", ")}.
              </p>
            ) : null}

            <h4>Across {LEVEL_WORDS[filters.level]}s</h4>
            <p>{analysis?.words.crossSection}</p>
            {analysis?.scatter.chart ? (
              <Chart svg={analysis.scatter.chart} alt={`Scatter chart of ${metric} against the mean active share, one point per ${LEVEL_WORDS[filters.level]}; the numbers are in the table below.`} caption={analysis.scatter.table.title} />
            ) : null}
            {analysis ? <DataTableView table={analysis.scatter.table} download={download("scatter")} /> : null}

            <h4>With a delay</h4>
            <p>
              Whether the active share in a month goes with {metric} k months later (k = 0 to 6), over all {LEVEL_WORDS[filters.level]}-months. The intervals come from
              resampling whole {LEVEL_WORDS[filters.level]}s (a cluster bootstrap), because the months of one {LEVEL_WORDS[filters.level]} are not independent.
            </p>
            {analysis?.lags.chart ? <Chart svg={analysis.lags.chart} alt={`Line chart of the correlation r by delay k, with its interval; the numbers are in the table below.`} caption={analysis.lags.table.title} /> : null}
            {analysis ? <DataTableView table={analysis.lags.table} download={download("lags")} /> : null}

            <h4>Within {LEVEL_WORDS[filters.level]}s over time</h4>
            <p>{analysis?.words.fixedEffects}</p>

            <h4>Before and after the programme started</h4>
            {analysis?.its ? (
              <>
                <p>{analysis.words.its}</p>
                {analysis.its.chart ? <Chart svg={analysis.its.chart} alt={`Line chart of ${metric} month by month with the fitted lines before and after the start; the numbers are in the table below.`} caption={analysis.its.table.title} /> : null}
                <DataTableView table={analysis.its.table} download={download("its")} />
              </>
            ) : (
              <p>No {LEVEL_WORDS[filters.level]} with {metric} and a month when the programme reached it (an active share above zero) in these months.</p>
            )}
          </>
        )}
      </section>

      <section aria-labelledby="people">
        <h3 id="people">Survey scores, retention and participation</h3>
        <p>
          These figures are about individual people, so each stands on at least {INSIGHTS_PRIVACY_FLOOR} of them. Comparable means{" "}
          {survey.matchedOn === "levelAndTenure"
            ? "working in the same department and at the same site, at the same job level and with a similar length of service (under 1 year, 1 to 3, 3 to 5, 5 or more)"
            : "working in the same department and at the same site; import people's level, start and leaving months on Insights data to match on level and length of service too, and to see who stayed"}
          . None of these comparisons is randomised: people chose to take part, or were chosen, and may differ from the others in ways no match removes.
        </p>
        {!survey.table ? (
          <p>
            No survey scores yet. Import them on <a href="/org/insights/data">Insights data</a> (email, month, survey, score).
          </p>
        ) : (
          <>
            <h4>Survey scores by participation</h4>
            <p>
              Each person's mean score on {survey.instrument} over these months, grouped by where they stood in the programme at the end of them, with 95% t intervals of
              the mean. A group of fewer than {INSIGHTS_PRIVACY_FLOOR} people is not shown.
            </p>
            <DataTableView table={survey.table} download={download("survey")} />
            <h4>Participants beside comparable others</h4>
            <p>{survey.comparison?.shown ? comparisonWords(survey.comparison.result, survey.instrument!) : survey.comparison?.reason}</p>
          </>
        )}
        {survey.retention ? (
          <>
            <h4>Who stayed</h4>
            <p>Of the people employed when these months began, the share still employed at their end: those who had taken part in the programme before, and the others.</p>
            <DataTableView table={survey.retention.table} download={download("retention")} />
            <p>{survey.retention.comparison.shown ? retentionWords(survey.retention.comparison.result) : survey.retention.comparison.reason}</p>
          </>
        ) : null}
      </section>
    </>
  );
}

function Chart({ svg, alt, caption }: { svg: string; alt: string; caption: string }) {
  return (
    <figure>
      <img src={`data:image/svg+xml;base64,${svg}`} alt={alt} width={720} height={340} />
      <figcaption>{caption}</figcaption>
    </figure>
  );
}

function DataTableView({ table, download }: { table: DataTable; download: string }) {
  return (
    <>
      <TableScroll label={table.title}>
        <table aria-label={table.title}>
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th scope="col" key={c}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r, i) => (
              <tr key={i}>
                {r.map((v, j) => (j === 0 ? <th scope="row" key={j}>{v ?? "–"}</th> : <td key={j}>{v ?? "–"}</td>))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p>
        <a href={download} download>
          Download this table (CSV)
        </a>
      </p>
    </>
  );
}
