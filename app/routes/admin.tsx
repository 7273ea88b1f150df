import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { requirePlatformAdmin } from "~/require-user.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePlatformAdmin(context, request);
  return json({});
}

export default function AdminLayout() {
  return (
    <>
      <h1>Platform</h1>
      <nav aria-label="Platform admin">
        <ul className="tabs">
          <li>
            <NavLink to="/admin" end>
              Organisations
            </NavLink>
          </li>
          <li>
            <NavLink to="/admin/modules">Modules</NavLink>
          </li>
          <li>
            <NavLink to="/admin/outbox">Outbox</NavLink>
          </li>
          <li>
            <NavLink to="/admin/exports">Exports</NavLink>
          </li>
        </ul>
      </nav>
      <Outlet />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
