// Company-wide themes for leadership: the self-assessments of everyone in the
// programme together (from 5 people up) beside the themes raised in the
// organisation's open spaces of the last twelve months.
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { DiagnosticAggregatesTables } from "~/components/diagnostic-aggregates-table";
import { TableScroll } from "~/components/table-scroll";
import { useFormat } from "~/components/use-format";
import { isDemoOrganisation } from "~/domain/demo/demo-banner.server";
import { pageTitle } from "~/domain/i18n/translators";
import { wordsIn } from "~/domain/insights/analysis-words";
import { unitRowName } from "~/domain/insights/unit-row-names";
import { loadThemesReport } from "~/domain/insights/diagnostics-report.server";
import { INSIGHTS_PRIVACY_FLOOR } from "~/domain/privacy/privacy-floor";
import { requireOrgAdmin } from "~/require-user.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "insights:themes.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const { db, documentEditor } = context.services;
  const [report, demo] = await Promise.all([loadThemesReport(db, documentEditor, user, user.orgId), isDemoOrganisation(db, user.orgId)]);
  const w = wordsIn(context.language);
  const diagnostics = report.diagnostics.map((m) => ({ ...m, rows: m.rows.map((r) => ({ ...r, name: unitRowName(r.id, r.name, "departments", w) })) }));
  return json({ report: { ...report, diagnostics }, demo });
}

export default function CompanyWideThemes() {
  const { report, demo } = useLoaderData<typeof loader>();
  const { t } = useTranslation("insights");
  const format = useFormat();
  return (
    <>
      <h2>{t("themes.heading")}</h2>
      {demo ? (
        <p>
          <Trans t={t} i18nKey="themes.demo" components={{ strong: <strong /> }} />
        </p>
      ) : null}
      <p>{t("themes.intro")}</p>
      <h3>{t("themes.everyone")}</h3>
      {report.diagnostics.length ? (
        <DiagnosticAggregatesTables moments={report.diagnostics} rowHeading={t("themes.who")} />
      ) : (
        <p>{t("diagnostics.nothing", { floor: INSIGHTS_PRIVACY_FLOOR })}</p>
      )}
      <p>
        <Trans t={t} i18nKey="themes.perCohort" components={{ a: <Link to="/org/insights/diagnostics" /> }} />
      </p>
      <h3>{t("themes.openSpaces")}</h3>
      <p>{t("themes.openSpacesIntro", { breakOuts: t("themes.breakOuts", { count: report.sessions }), openSpaces: t("themes.openSpaceCount", { count: report.openSpaces }) })}</p>
      {report.themes.length ? (
        <TableScroll label={t("themes.tableCaption")}>
          <table>
            <caption>{t("themes.tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("themes.columns.theme")}</th>
                <th scope="col">{t("themes.columns.breakOuts")}</th>
                <th scope="col">{t("themes.columns.mindsets")}</th>
              </tr>
            </thead>
            <tbody>
              {report.themes.map((theme) => (
                <tr key={theme.term}>
                  <th scope="row">{theme.term}</th>
                  <td>{theme.sessionCount}</td>
                  <td>{format.enumerate(theme.mindsets.map((m) => t(`modules:mindsets.${m}.name`))) || "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p>{t("themes.none")}</p>
      )}
    </>
  );
}
