// ARC indicators for organisation admins: per cohort or department, shares
// and rates of agency, responsiveness and connectivity, each from 5 people
// up, and the heat map of ties between departments before and after the
// programme, with its table and a CSV of exactly what it shows.
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { SelectField } from "~/components/form-fields";
import { TableScroll } from "~/components/table-scroll";
import { isDemoOrganisation } from "~/domain/demo/demo-banner.server";
import { pageTitle } from "~/domain/i18n/translators";
import { wordsIn } from "~/domain/insights/analysis-words";
import { unitRowName } from "~/domain/insights/unit-row-names";
import { readArcFilters } from "~/domain/insights/arc-filters";
import { loadArcReport } from "~/domain/insights/arc-indicators.server";
import { tieMatrixChartSvg } from "~/domain/insights/tie-matrix-chart.server";
import { INSIGHTS_PRIVACY_FLOOR } from "~/domain/privacy/privacy-floor";
import { readSearchParams } from "~/forms/read-search-params.server";
import { requireOrgAdmin } from "~/require-user.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "insights:arc.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const f = readArcFilters(readSearchParams(request));
  const { db } = context.services;
  const [report, demo] = await Promise.all([loadArcReport(db, user, user.orgId, { level: f.level, matrixCohortId: f.cohort }), isDemoOrganisation(db, user.orgId)]);
  // The rows insights makes up (no department, the merged small ones) are named in the page's language, in the table and the heat map alike.
  const w = wordsIn(context.language);
  const rowKind = report.level === "cohort" ? "cohorts" : "departments";
  const named = {
    ...report,
    rows: report.rows.map((r) => ({ ...r, name: unitRowName(r.id, r.name, rowKind, w) })),
    matrix: { ...report.matrix, units: report.matrix.units.map((u) => ({ ...u, name: unitRowName(u.id, u.name, "departments", w) })) },
  };
  const names = named.matrix.units.map((u) => u.name);
  const max = Math.max(0, ...report.matrix.after.flat().map((c) => c.value ?? 0));
  const svg = (cells: typeof report.matrix.before) => Buffer.from(tieMatrixChartSvg(names, cells, max)).toString("base64");
  return json({ report: named, demo, charts: names.length ? { before: svg(report.matrix.before), after: svg(report.matrix.after) } : null });
}

const percent = (v: number) => `${Math.round(v * 1000) / 10}%`;
const rate = (v: number) => (Math.round(v * 100) / 100).toFixed(2);
type Figure = { shown: boolean; value: number | null };
const show = (f: Figure, format: (v: number) => string) => (f.shown && f.value !== null ? format(f.value) : "–");

export default function ArcIndicators() {
  const { report, demo, charts } = useLoaderData<typeof loader>();
  const { t } = useTranslation("insights");
  const csvHref = `/org/insights/arc.csv${report.matrixCohortId ? `?cohort=${report.matrixCohortId}` : ""}`;
  const cohort = report.cohorts.find((c) => c.id === report.matrixCohortId)?.name;
  const scope = cohort ?? t("arc.everyoneEnrolledScope");
  const floor = INSIGHTS_PRIVACY_FLOOR;
  const periodWords = (period: "before" | "after") => t(period === "before" ? "arc.matrix.before" : "arc.matrix.now");
  return (
    <>
      <h2>{t("arc.heading")}</h2>
      {demo ? (
        <p>
          <Trans t={t} i18nKey="arc.demo" components={{ strong: <strong /> }} />
        </p>
      ) : null}
      <p>{t("arc.intro", { unit: t(`levels.${report.level}.one`), floor })}</p>
      <Form method="get" className="stack">
        <SelectField
          label={t("arc.rows")}
          name="level"
          defaultValue={report.level}
          options={[
            { value: "cohort", label: t("levels.cohort.plural") },
            { value: "department", label: t("levels.department.plural") },
          ]}
        />
        <SelectField label={t("arc.tiesFor")} name="cohort" defaultValue={report.matrixCohortId ?? ""} options={[{ value: "", label: t("arc.everyoneEnrolled") }, ...report.cohorts.map((c) => ({ value: c.id, label: c.name }))]} />
        <div>
          <button type="submit">{t("page.show")}</button>
        </div>
      </Form>
      {report.rows.length === 0 ? (
        <p>{t("arc.nothing", { floor })}</p>
      ) : (
        <TableScroll label={t("arc.heading")}>
          <table aria-label={t("arc.heading")}>
            <thead>
              <tr>
                <th scope="col">{t(`levels.${report.level}.heading`)}</th>
                <th scope="col">{t("tables.people")}</th>
                <th scope="col">{t("arc.columns.agency")}</th>
                <th scope="col">{t("arc.columns.diagnostics")}</th>
                <th scope="col">{t("arc.columns.reunions")}</th>
                <th scope="col">{t("arc.columns.openSpaces")}</th>
                <th scope="col">{t("arc.columns.sessions")}</th>
                <th scope="col">{t("arc.columns.newTies")}</th>
                <th scope="col">{t("arc.columns.crossDepartment")}</th>
                <th scope="col">{t("arc.columns.crossSite")}</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.name}</th>
                  <td>{r.people}</td>
                  <td>{show(r.agency, percent)}</td>
                  <td>{show(r.diagnosticsCompleted, percent)}</td>
                  <td>{show(r.reunionAttendance, percent)}</td>
                  <td>{show(r.openSpaceAttendance, percent)}</td>
                  <td>{show(r.sessionsProposedPerPerson, rate)}</td>
                  <td>{show(r.newTiesPerPerson, rate)}</td>
                  <td>{show(r.crossDepartmentShare, percent)}</td>
                  <td>{show(r.crossSiteShare, percent)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <h2>{t("arc.matrix.heading")}</h2>
      <p>
        <Trans t={t} i18nKey="arc.matrix.intro" values={{ scope, floor }} components={{ a: <a href={csvHref} /> }} />
      </p>
      {charts ? (
        <>
          <figure>
            <img src={`data:image/svg+xml;base64,${charts.before}`} alt={t("arc.matrix.beforeAlt", { scope })} width={720} height={480} />
            <figcaption>{t("arc.matrix.before")}</figcaption>
          </figure>
          <figure>
            <img src={`data:image/svg+xml;base64,${charts.after}`} alt={t("arc.matrix.nowAlt", { scope })} width={720} height={480} />
            <figcaption>{t("arc.matrix.now")}</figcaption>
          </figure>
          {(["before", "after"] as const).map((period) => (
            <TableScroll label={t("arc.matrix.caption", { period: periodWords(period) })} key={period}>
              <table>
                <caption>{t("arc.matrix.caption", { period: periodWords(period) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("levels.department.heading")}</th>
                    {report.matrix.units.map((u) => (
                      <th scope="col" key={u.id}>
                        {u.name}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {report.matrix.units.map((u, i) => (
                    <tr key={u.id}>
                      <th scope="row">{u.name}</th>
                      {report.matrix[period][i]!.map((c, j) => (
                        <td key={report.matrix.units[j]!.id}>{show(c, String)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          ))}
        </>
      ) : (
        <p>{t("arc.noDepartments")}</p>
      )}
    </>
  );
}
