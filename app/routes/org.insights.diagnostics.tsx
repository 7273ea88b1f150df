// The ARC self-assessments for organisation admins, only in aggregate: per
// cohort or department and moment, each dimension's mean with its t
// interval, from 5 people up. No one's own answers are ever shown here.
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { DiagnosticAggregatesTables } from "~/components/diagnostic-aggregates-table";
import { SelectField } from "~/components/form-fields";
import { isDemoOrganisation } from "~/domain/demo/demo-banner.server";
import { pageTitle } from "~/domain/i18n/translators";
import { wordsIn } from "~/domain/insights/analysis-words";
import { unitRowName } from "~/domain/insights/unit-row-names";
import { readArcFilters } from "~/domain/insights/arc-filters";
import { loadDiagnosticsReport } from "~/domain/insights/diagnostics-report.server";
import { INSIGHTS_PRIVACY_FLOOR } from "~/domain/privacy/privacy-floor";
import { readSearchParams } from "~/forms/read-search-params.server";
import { requireOrgAdmin } from "~/require-user.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "insights:diagnostics.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const { level } = readArcFilters(readSearchParams(request));
  const { db } = context.services;
  const [report, demo] = await Promise.all([loadDiagnosticsReport(db, user, user.orgId, level), isDemoOrganisation(db, user.orgId)]);
  const w = wordsIn(context.language);
  const kind = report.level === "cohort" ? "cohorts" : "departments";
  const moments = report.moments.map((m) => ({ ...m, rows: m.rows.map((r) => ({ ...r, name: unitRowName(r.id, r.name, kind, w) })) }));
  return json({ report: { ...report, moments }, demo });
}

export default function DiagnosticsInAggregate() {
  const { report, demo } = useLoaderData<typeof loader>();
  const { t } = useTranslation("insights");
  return (
    <>
      <h2>{t("diagnostics.heading")}</h2>
      {demo ? (
        <p>
          <Trans t={t} i18nKey="diagnostics.demo" components={{ strong: <strong /> }} />
        </p>
      ) : null}
      <p>
        <Trans
          t={t}
          i18nKey="diagnostics.intro"
          values={{ unit: t(`levels.${report.level}.one`), floor: INSIGHTS_PRIVACY_FLOOR }}
          components={{ a: <Link to="/org/insights/themes" /> }}
        />
      </p>
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
        <div>
          <button type="submit">{t("page.show")}</button>
        </div>
      </Form>
      {report.moments.length ? (
        <DiagnosticAggregatesTables moments={report.moments} rowHeading={t(`levels.${report.level}.heading`)} />
      ) : (
        <p>{t("diagnostics.nothing", { floor: INSIGHTS_PRIVACY_FLOOR })}</p>
      )}
    </>
  );
}
