import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { getOrganisation } from "~/domain/orgs/org-settings.server";
import { requireOrgAdmin } from "~/require-user.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const org = await getOrganisation(context.services.db, user, user.orgId);
  return json({ orgName: org.name });
}

export default function OrgLayout() {
  const { orgName } = useLoaderData<typeof loader>();
  const { t } = useTranslation("org");
  return (
    <>
      <h1>{orgName}</h1>
      <nav aria-label={t("nav.label")}>
        <ul className="tabs">
          <li>
            <NavLink to="/org" end>{t("nav.people")}</NavLink>
          </li>
          <li>
            <NavLink to="/org/invite">{t("nav.invite")}</NavLink>
          </li>
          <li>
            <NavLink to="/org/programme">{t("nav.programme")}</NavLink>
          </li>
          <li>
            <NavLink to="/org/cohorts">{t("nav.cohorts")}</NavLink>
          </li>
          <li>
            <NavLink to="/org/import">{t("nav.import")}</NavLink>
          </li>
          <li>
            <NavLink to="/org/structure">{t("nav.structure")}</NavLink>
          </li>
          <li>
            <NavLink to="/org/insights" end>{t("nav.insights")}</NavLink>
          </li>
          <li>
            <NavLink to="/org/insights/data">{t("nav.insightsData")}</NavLink>
          </li>
          <li>
            <NavLink to="/org/insights/arc">{t("nav.arc")}</NavLink>
          </li>
          <li>
            <NavLink to="/org/insights/diagnostics">{t("nav.diagnostics")}</NavLink>
          </li>
          <li>
            <NavLink to="/org/insights/themes">{t("nav.themes")}</NavLink>
          </li>
          <li>
            <NavLink to="/org/insights/experiments">{t("nav.experiments")}</NavLink>
          </li>
          <li>
            <NavLink to="/org/settings">{t("nav.settings")}</NavLink>
          </li>
        </ul>
      </nav>
      <Outlet />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
