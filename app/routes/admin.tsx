import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { requirePlatformAdmin } from "~/require-user.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePlatformAdmin(context, request);
  return json({});
}

export default function AdminLayout() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("nav.platform")}</h1>
      <nav aria-label={t("admin.nav.label")}>
        <ul className="tabs">
          <li>
            <NavLink to="/admin" end>
              {t("admin.nav.organisations")}
            </NavLink>
          </li>
          <li>
            <NavLink to="/admin/modules">{t("nav.modules")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/outbox">{t("admin.nav.outbox")}</NavLink>
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
