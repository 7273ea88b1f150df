import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
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
  return (
    <>
      <h1>{orgName}</h1>
      <nav aria-label="Organisation admin">
        <ul className="tabs">
          <li>
            <NavLink to="/org" end>
              People
            </NavLink>
          </li>
          <li>
            <NavLink to="/org/invite">Invite</NavLink>
          </li>
          <li>
            <NavLink to="/org/programme">Programme</NavLink>
          </li>
          <li>
            <NavLink to="/org/cohorts">Cohorts</NavLink>
          </li>
          <li>
            <NavLink to="/org/import">Import CSV</NavLink>
          </li>
          <li>
            <NavLink to="/org/structure">Departments and sites</NavLink>
          </li>
          <li>
            <NavLink to="/org/insights" end>
              Insights
            </NavLink>
          </li>
          <li>
            <NavLink to="/org/insights/data">Insights data</NavLink>
          </li>
          <li>
            <NavLink to="/org/insights/arc">ARC indicators</NavLink>
          </li>
          <li>
            <NavLink to="/org/insights/diagnostics">Self-assessments</NavLink>
          </li>
          <li>
            <NavLink to="/org/insights/themes">Company-wide themes</NavLink>
          </li>
          <li>
            <NavLink to="/org/insights/experiments">Experiments</NavLink>
          </li>
          <li>
            <NavLink to="/org/settings">Settings</NavLink>
          </li>
        </ul>
      </nav>
      <Outlet />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
