// Company-wide themes for leadership: the self-assessments of everyone in the
// programme together (from 5 people up) beside the themes raised in the
// organisation's open spaces of the last twelve months.
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DiagnosticAggregatesTables } from "~/components/diagnostic-aggregates-table";
import { TableScroll } from "~/components/table-scroll";
import { isDemoOrganisation } from "~/domain/demo/demo-banner.server";
import { loadThemesReport } from "~/domain/insights/diagnostics-report.server";
import { INSIGHTS_PRIVACY_FLOOR } from "~/domain/privacy/privacy-floor";
import { requireOrgAdmin } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "Company-wide themes · Roundtable" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const { db, documentEditor } = context.services;
  const [report, demo] = await Promise.all([loadThemesReport(db, documentEditor, user, user.orgId), isDemoOrganisation(db, user.orgId)]);
  return json({ report, demo });
}

export default function CompanyWideThemes() {
  const { report, demo } = useLoaderData<typeof loader>();
  return (
    <>
      <h2>Company-wide themes</h2>
      {demo ? <p><strong>Synthetic demo data:</strong> the self-assessments here were generated for the demo company.</p> : null}
      <p>
        Where people in the programme stand, and what they raise when they meet in open space: two views to read together before deciding what to act on.
      </p>
      <h3>Self-assessments, everyone together</h3>
      {report.diagnostics.length ? (
        <DiagnosticAggregatesTables moments={report.diagnostics} rowHeading="Who" />
      ) : (
        <p>Fewer than {INSIGHTS_PRIVACY_FLOOR} people have answered a self-assessment yet, so there is nothing to show.</p>
      )}
      <p>
        Per cohort or department on <Link to="/org/insights/diagnostics">Self-assessments</Link>.
      </p>
      <h3>Themes of the open spaces</h3>
      <p>
        From the notes of {report.sessions} {report.sessions === 1 ? "break-out" : "break-outs"} in {report.openSpaces} {report.openSpaces === 1 ? "open space" : "open spaces"} of the
        last twelve months: words and phrases raised in at least two break-outs, the most widely raised first. Names are left out.
      </p>
      {report.themes.length ? (
        <TableScroll label="Themes raised in more than one break-out">
          <table>
            <caption>Themes raised in more than one break-out</caption>
            <thead>
              <tr>
                <th scope="col">Theme</th>
                <th scope="col">Break-outs that raised it</th>
                <th scope="col">Mindsets it touches</th>
              </tr>
            </thead>
            <tbody>
              {report.themes.map((t) => (
                <tr key={t.term}>
                  <th scope="row">{t.term}</th>
                  <td>{t.sessionCount}</td>
                  <td>{t.mindsets.join(", ") || "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p>No theme was raised in more than one break-out yet.</p>
      )}
    </>
  );
}
