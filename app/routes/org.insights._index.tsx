import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { SelectField, TextField } from "~/components/form-fields";
import { TableScroll } from "~/components/table-scroll";
import { useFormat } from "~/components/use-format";
import { isDemoOrganisation } from "~/domain/demo/demo-banner.server";
import { messageIn, pageTitle } from "~/domain/i18n/translators";
import { caveats, comparisonWords, crossSectionWords, retentionWords, fixedEffectsWords, itsWords, wordsIn } from "~/domain/insights/analysis-words";
import { insightsCharts } from "~/domain/insights/insights-charts.server";
import { insightsQuery, readInsightsFilters } from "~/domain/insights/insights-filters";
import { densityTable, itsTable, lagTable, retentionTable, scatterTable, surveyTable, type DataTable } from "~/domain/insights/insights-tables";
import { loadInsightsReport } from "~/domain/insights/insights-report.server";
import { periodLabel } from "~/domain/insights/period";
import { rowName, unitRowName } from "~/domain/insights/unit-row-names";
import { INSIGHTS_PRIVACY_FLOOR } from "~/domain/privacy/privacy-floor";
import { readSearchParams } from "~/forms/read-search-params.server";
import { requireOrgAdmin } from "~/require-user.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "insights:page.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const language = context.language;
  const w = wordsIn(language);
  const filters = readInsightsFilters(readSearchParams(request), new Date());
  const [report, demo] = await Promise.all([loadInsightsReport(context.services.db, user, user.orgId, filters), isDemoOrganisation(context.services.db, user.orgId)]);
  const { density, analysis } = report;
  const labels = density.months.map((m) => periodLabel(m, language));
  const charts = insightsCharts(report, language);
  const its = analysis ? itsTable(analysis, w) : null;
  const translate = (text: string) => messageIn(language, text);
  const comparison = report.survey.analysis?.comparison ?? null;
  const retention = report.survey.retention;
  return json({
    demo,
    filters: { level: filters.level, from: filters.from.slice(0, 7), to: filters.to.slice(0, 7), window: filters.windowMonths, unit: analysis?.its?.unitId ?? "", start: analysis?.its?.startChosen ? analysis.its.start.slice(0, 7) : "" },
    query: insightsQuery(filters, report.metric, report.survey.instrument),
    survey: {
      instruments: report.survey.instruments,
      instrument: report.survey.instrument,
      table: surveyTable(report.survey, w),
      comparison: comparison ? (comparison.shown ? comparisonWords(comparison.result, report.survey.instrument!, w) : translate(comparison.reason)) : null,
      matchedOn: report.survey.matchedOn,
      retention: retention
        ? { table: retentionTable(report.survey, filters.from, filters.to, w)!, words: retention.comparison.shown ? retentionWords(retention.comparison.result, w) : translate(retention.comparison.reason) }
        : null,
    },
    metrics: report.metrics,
    metric: report.metric,
    density: { ...density, rows: density.rows.map((r) => ({ ...r, name: unitRowName(r.unitId, r.name, density.level, w) })), hiddenMonths: density.hiddenMonths.map((m) => periodLabel(m, language)) },
    labels,
    densityCharts: charts.active && charts.completed ? { active: charts.active, completed: charts.completed } : null,
    analysis: analysis
      ? {
          scatter: { table: scatterTable(analysis, w), chart: charts.scatter },
          lags: { table: lagTable(analysis, w), chart: charts.lags },
          its: its ? { table: its, chart: charts.its } : null,
          itsCandidates: analysis.itsCandidates.map((c) => ({ value: c.unitId, label: w.t("page.filters.itsCandidate", { unit: c.name, start: periodLabel(c.start, language) }) })),
          words: {
            crossSection: crossSectionWords(analysis, filters.level, w),
            fixedEffects: fixedEffectsWords(analysis, filters.level, w),
            its: itsWords(analysis, w),
          },
          unitsWithoutKpi: analysis.unitsWithoutKpi.map((name) => rowName(name, w)),
        }
      : null,
    caveats: caveats(analysis, filters.level, w),
  });
}

const percent = (v: number) => `${Math.round(v * 1000) / 10}%`;

export default function Insights() {
  const { demo, filters, query, metrics, metric, density, labels, densityCharts, analysis, caveats, survey } = useLoaderData<typeof loader>();
  const { t } = useTranslation("insights");
  const format = useFormat();
  const download = (table: string) => `/org/insights/export?table=${table}&${query}`;
  const level = filters.level;
  const unit = t(`levels.${level}.one`);
  const units = t(`levels.${level}.other`);
  const floor = INSIGHTS_PRIVACY_FLOOR;
  const range = { from: labels[0], to: labels.at(-1) };
  return (
    <>
      <h2>{t("page.heading")}</h2>
      {demo ? (
        <p className="notice" role="note">
          <Trans t={t} i18nKey="page.demo" components={{ strong: <strong /> }} />
        </p>
      ) : null}
      <nav aria-label={t("page.onThisPage")}>
        <ul>
          <li>
            <a href="#density">{t("page.density.heading")}</a>
          </li>
          <li>
            <a href="#kpi">{t("page.nav.kpi")}</a>
          </li>
          <li>
            <a href="#people">{t("page.nav.people")}</a>
          </li>
          <li>
            <a href="/org/insights/data">{t("page.nav.data")}</a>
          </li>
        </ul>
      </nav>
      <Form method="get" className="stack">
        <SelectField
          label={t("page.filters.level")}
          name="level"
          defaultValue={filters.level}
          options={[
            { value: "department", label: t("levels.department.plural") },
            { value: "site", label: t("levels.site.plural") },
            { value: "store", label: t("levels.store.plural") },
          ]}
        />
        <TextField label={t("page.filters.from")} name="from" type="month" defaultValue={filters.from} />
        <TextField label={t("page.filters.to")} name="to" type="month" defaultValue={filters.to} />
        <TextField label={t("page.filters.window")} name="window" type="number" min={1} max={12} defaultValue={String(filters.window)} />
        {metrics.length ? <SelectField label={t("page.filters.metric")} name="metric" defaultValue={metric ?? undefined} options={metrics.map((m) => ({ value: m, label: m }))} /> : null}
        {survey.instruments.length ? <SelectField label={t("page.filters.survey")} name="survey" defaultValue={survey.instrument ?? undefined} options={survey.instruments.map((m) => ({ value: m, label: m }))} /> : null}
        {analysis?.itsCandidates.length ? (
          <>
            <SelectField label={t("page.filters.itsUnit")} name="unit" defaultValue={filters.unit} options={analysis.itsCandidates} />
            <TextField label={t("page.filters.itsStart")} name="start" type="month" defaultValue={filters.start} />
          </>
        ) : null}
        <div>
          <button type="submit">{t("page.show")}</button>
        </div>
      </Form>
      <p>{t("page.floor", { floor })}</p>

      <section aria-labelledby="density">
        <h3 id="density">{t("page.density.heading")}</h3>
        <p>
          <Trans t={t} i18nKey="page.density.intro" values={{ unit, count: filters.window }} components={{ strong: <strong /> }} />
        </p>
        {density.usesRoundtableHeadcount ? <p>{t("page.density.roundtableHeadcount")}</p> : null}
        {filters.level === "store" ? <p>{t("page.density.stores")}</p> : null}
        {density.hiddenMonths.length ? <p>{t("page.density.hidden", { floor, months: format.enumerate(density.hiddenMonths) })}</p> : null}
        {density.rows.length && densityCharts ? (
          <>
            <Chart svg={densityCharts.active} alt={t("page.density.activeAlt", { unit, ...range })} caption={t("page.density.activeCaption")} />
            <Chart svg={densityCharts.completed} alt={t("page.density.completedAlt", { unit, ...range })} caption={t("page.density.completedCaption")} />
            <TableScroll label={t("page.density.heading")}>
              <table aria-label={t("page.density.heading")}>
                <thead>
                  <tr>
                    <th scope="col">{t("tables.unit")}</th>
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
                            {cell?.figure.shown
                              ? t("page.density.cell", { active: percent(cell.figure.value.activeShare), completed: percent(cell.figure.value.completedShare), headcount: cell.figure.value.headcount })
                              : "–"}
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
                {t("page.downloadFigures")}
              </a>
            </p>
          </>
        ) : (
          <p>{t("page.nothingYet")}</p>
        )}
      </section>

      <section aria-labelledby="kpi">
        <h3 id="kpi">{metric ? t("page.kpi.heading", { metric }) : t("page.nav.kpi")}</h3>
        {!metric ? (
          <p>
            <Trans t={t} i18nKey="page.kpi.none" values={{ units }} components={{ a: <a href="/org/insights/data" /> }} />
          </p>
        ) : (
          <>
            <div className="notice" role="note" aria-label={t("page.kpi.readFirst")}>
              <p>
                <strong>{t("page.kpi.readFirst")}</strong>
              </p>
              <ul>
                {caveats.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            </div>
            {analysis?.unitsWithoutKpi.length ? <p>{t("page.kpi.withoutKpi", { metric, units: format.enumerate(analysis.unitsWithoutKpi) })}</p> : null}

            <h4>{t("page.kpi.across", { units })}</h4>
            <p>{analysis?.words.crossSection}</p>
            {analysis?.scatter.chart ? <Chart svg={analysis.scatter.chart} alt={t("page.kpi.scatterAlt", { metric, unit })} caption={analysis.scatter.table.title} /> : null}
            {analysis ? <DataTableView table={analysis.scatter.table} download={download("scatter")} /> : null}

            <h4>{t("page.kpi.delay")}</h4>
            <p>{t("page.kpi.delayIntro", { metric, unit, units })}</p>
            {analysis?.lags.chart ? <Chart svg={analysis.lags.chart} alt={t("page.kpi.lagsAlt")} caption={analysis.lags.table.title} /> : null}
            {analysis ? <DataTableView table={analysis.lags.table} download={download("lags")} /> : null}

            <h4>{t("page.kpi.within", { units })}</h4>
            <p>{analysis?.words.fixedEffects}</p>

            <h4>{t("page.kpi.beforeAfter")}</h4>
            {analysis?.its ? (
              <>
                <p>{analysis.words.its}</p>
                {analysis.its.chart ? <Chart svg={analysis.its.chart} alt={t("page.kpi.itsAlt", { metric })} caption={analysis.its.table.title} /> : null}
                <DataTableView table={analysis.its.table} download={download("its")} />
              </>
            ) : (
              <p>{t("page.kpi.noIts", { metric, unit })}</p>
            )}
          </>
        )}
      </section>

      <section aria-labelledby="people">
        <h3 id="people">{t("page.people.heading")}</h3>
        <p>{t(survey.matchedOn === "levelAndTenure" ? "page.people.introLevelAndTenure" : "page.people.introPlace", { floor })}</p>
        {!survey.table ? (
          <p>
            <Trans t={t} i18nKey="page.people.noScores" components={{ a: <a href="/org/insights/data" /> }} />
          </p>
        ) : (
          <>
            <h4>{t("page.people.byParticipation")}</h4>
            <p>{t("page.people.byParticipationIntro", { instrument: survey.instrument, floor })}</p>
            <DataTableView table={survey.table} download={download("survey")} />
            <h4>{t("page.people.comparable")}</h4>
            <p>{survey.comparison}</p>
          </>
        )}
        {survey.retention ? (
          <>
            <h4>{t("page.people.stayed")}</h4>
            <p>{t("page.people.stayedIntro")}</p>
            <DataTableView table={survey.retention.table} download={download("retention")} />
            <p>{survey.retention.words}</p>
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
  const { t } = useTranslation("insights");
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
          {t("page.downloadTable")}
        </a>
      </p>
    </>
  );
}
