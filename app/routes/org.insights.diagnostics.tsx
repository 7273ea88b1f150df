// The ARC self-assessments for organisation admins, only in aggregate: per
// cohort or department and moment, each dimension's mean with its t
// interval, from 5 people up. No one's own answers are ever shown here.
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { DiagnosticAggregatesTables } from "~/components/diagnostic-aggregates-table";
import { SelectField } from "~/components/form-fields";
import { isDemoOrganisation } from "~/domain/demo/demo-banner.server";
import { readArcFilters } from "~/domain/insights/arc-filters";
import { loadDiagnosticsReport } from "~/domain/insights/diagnostics-report.server";
import { INSIGHTS_PRIVACY_FLOOR } from "~/domain/privacy/privacy-floor";
import { readSearchParams } from "~/forms/read-search-params.server";
import { requireOrgAdmin } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "Self-assessments · Roundtable" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const { level } = readArcFilters(readSearchParams(request));
  const { db } = context.services;
  const [report, demo] = await Promise.all([loadDiagnosticsReport(db, user, user.orgId, level), isDemoOrganisation(db, user.orgId)]);
  return json({ report, demo });
}

export default function DiagnosticsInAggregate() {
  const { report, demo } = useLoaderData<typeof loader>();
  return (
    <>
      <h2>Self-assessments</h2>
      {demo ? <p><strong>Synthetic demo data:</strong> these answers were generated for the demo company.</p> : null}
      <p>
        The ARC self-assessment people in the programme answer at the start of a cycle, at its end and six months later, as averages per {report.level}. Only each person
        sees their own answers; here a row needs at least {INSIGHTS_PRIVACY_FLOOR} people who answered, and smaller ones are merged into “Other”. The interval is where the
        mean of everyone like them would likely lie (95%, t distribution); a wide one says the row is small. See also <Link to="/org/insights/themes">company-wide themes</Link>.
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
        <div>
          <button type="submit">Show</button>
        </div>
      </Form>
      {report.moments.length ? (
        <DiagnosticAggregatesTables moments={report.moments} rowHeading={report.level === "cohort" ? "Cohort" : "Department"} />
      ) : (
        <p>Fewer than {INSIGHTS_PRIVACY_FLOOR} people have answered a self-assessment yet, so there is nothing to show.</p>
      )}
    </>
  );
}
