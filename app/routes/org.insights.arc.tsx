// ARC indicators for organisation admins: per cohort or department, shares
// and rates of agency, responsiveness and connectivity, each from 5 people
// up, and the heat map of ties between departments before and after the
// programme, with its table and a CSV of exactly what it shows.
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { SelectField } from "~/components/form-fields";
import { TableScroll } from "~/components/table-scroll";
import { isDemoOrganisation } from "~/domain/demo/demo-banner.server";
import { readArcFilters } from "~/domain/insights/arc-filters";
import { loadArcReport } from "~/domain/insights/arc-indicators.server";
import { tieMatrixChartSvg } from "~/domain/insights/tie-matrix-chart.server";
import { INSIGHTS_PRIVACY_FLOOR } from "~/domain/privacy/privacy-floor";
import { readSearchParams } from "~/forms/read-search-params.server";
import { requireOrgAdmin } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "ARC indicators · Roundtable" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const f = readArcFilters(readSearchParams(request));
  const { db } = context.services;
  const [report, demo] = await Promise.all([loadArcReport(db, user, user.orgId, { level: f.level, matrixCohortId: f.cohort }), isDemoOrganisation(db, user.orgId)]);
  const names = report.matrix.units.map((u) => u.name);
  const max = Math.max(0, ...report.matrix.after.flat().map((c) => c.value ?? 0));
  const svg = (cells: typeof report.matrix.before) => Buffer.from(tieMatrixChartSvg(names, cells, max)).toString("base64");
  return json({ report, demo, charts: names.length ? { before: svg(report.matrix.before), after: svg(report.matrix.after) } : null });
}

const percent = (v: number) => `${Math.round(v * 1000) / 10}%`;
const rate = (v: number) => (Math.round(v * 100) / 100).toFixed(2);
type Figure = { shown: boolean; value: number | null };
const show = (f: Figure, format: (v: number) => string) => (f.shown && f.value !== null ? format(f.value) : "–");

export default function ArcIndicators() {
  const { report, demo, charts } = useLoaderData<typeof loader>();
  const csvHref = `/org/insights/arc.csv${report.matrixCohortId ? `?cohort=${report.matrixCohortId}` : ""}`;
  const matrixScope = report.cohorts.find((c) => c.id === report.matrixCohortId)?.name ?? "everyone enrolled in a cohort";
  return (
    <>
      <h2>ARC indicators</h2>
      {demo ? <p><strong>Synthetic demo data:</strong> these figures come from the generated demo company.</p> : null}
      <p>
        Agency, responsiveness and connectivity of the people in the programme, per {report.level}. How each is worked out is in the insights documentation. A dash
        means fewer than {INSIGHTS_PRIVACY_FLOOR} people stand behind the figure; rows below {INSIGHTS_PRIVACY_FLOOR} people are merged into “Other”.
      </p>
      <Form method="get" className="stack">
        <SelectField
          label="Rows"
          name="level"
          defaultValue={report.level}
          options={[
            { value: "cohort", label: "Cohorts" },
            { value: "department", label: "Departments" },
          ]}
        />
        <SelectField label="Ties between departments for" name="cohort" defaultValue={report.matrixCohortId ?? ""} options={[{ value: "", label: "Everyone enrolled" }, ...report.cohorts.map((c) => ({ value: c.id, label: c.name }))]} />
        <div>
          <button type="submit">Show</button>
        </div>
      </Form>
      {report.rows.length === 0 ? (
        <p>Fewer than {INSIGHTS_PRIVACY_FLOOR} people are enrolled in the programme, so there is nothing to show yet.</p>
      ) : (
        <TableScroll label="ARC indicators">
          <table aria-label="ARC indicators">
            <thead>
              <tr>
                <th scope="col">{report.level === "cohort" ? "Cohort" : "Department"}</th>
                <th scope="col">People</th>
                <th scope="col">Agency: alumni who shaped a module, hosted a meeting or tried an action</th>
                <th scope="col">Self-assessments answered</th>
                <th scope="col">Came to a reunion</th>
                <th scope="col">Came to an open space</th>
                <th scope="col">Open-space sessions proposed per person</th>
                <th scope="col">New ties per person</th>
                <th scope="col">Ties across departments</th>
                <th scope="col">Ties across sites</th>
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
      <h2>Ties between departments</h2>
      <p>
        For {matrixScope}: how many pairs of people have met in a programme group, a peer group or a mentoring pair, by their departments, before the programme began
        for them and now. A cell with fewer than {INSIGHTS_PRIVACY_FLOOR} people behind it is left empty. <a href={csvHref}>Download these cells as CSV</a>.
      </p>
      {charts ? (
        <>
          <figure>
            <img src={`data:image/svg+xml;base64,${charts.before}`} alt={`Heat map of ties between departments before the programme, for ${matrixScope}; the numbers are in the table below.`} width={720} height={480} />
            <figcaption>Before the programme</figcaption>
          </figure>
          <figure>
            <img src={`data:image/svg+xml;base64,${charts.after}`} alt={`Heat map of ties between departments now, for ${matrixScope}; the numbers are in the table below.`} width={720} height={480} />
            <figcaption>Now</figcaption>
          </figure>
          {(["before", "after"] as const).map((period) => (
            <TableScroll label={`Ties between departments, ${period === "before" ? "before the programme" : "now"}`} key={period}>
              <table>
                <caption>Ties between departments, {period === "before" ? "before the programme" : "now"}</caption>
                <thead>
                  <tr>
                    <th scope="col">Department</th>
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
        <p>No departments are set up yet.</p>
      )}
    </>
  );
}
