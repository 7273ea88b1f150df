import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, Links, LiveReload, Meta, NavLink, Outlet, Scripts, ScrollRestoration, useLocation, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { Trans, useTranslation } from "react-i18next";
import { useChangeLanguage } from "remix-i18next/react";
import { GeneralErrorBoundary } from "./components/general-error-boundary";
import { useFormat, usePageLanguage } from "./components/use-format";
import { canAdministerOrg, canReadAuditLog, canUseReviewQueue, hasRole, isPlatformAdmin } from "./domain/policy";
import { siteHeaderFacts } from "./domain/site-header.server";
import { useRequestInfo } from "./request-info";
import { getUser } from "./require-user.server";
import styles from "./styles/app.css";

// The icon is drawn once, in public/favicon.svg; public/favicon.ico is its rendering (scripts/render-favicon-ico.ts).
export const links: LinksFunction = () => [
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "stylesheet", href: styles },
];

export const meta: MetaFunction = () => [{ title: "Roundtable" }];

export async function loader({ context }: LoaderFunctionArgs) {
  // The page's language (chosen per request from the person, their organisation and the browser).
  const locale = context.language;
  const user = getUser(context);
  const { unreadNotifications, demoData, deletionDue } = user ? await siteHeaderFacts(context.services.db, user) : { unreadNotifications: 0, demoData: false, deletionDue: null };
  return json({
    user: user
      ? {
          name: user.name,
          isOrgAdmin: canAdministerOrg(user, user.orgId),
          isPlatformAdmin: isPlatformAdmin(user),
          canReview: canUseReviewQueue(user),
          canReadAuditLog: canReadAuditLog(user),
          inProgramme: hasRole(user, "participant") || hasRole(user, "facilitator"),
          timeZone: user.timeZone,
        }
      : null,
    // The person's own account is waiting to be erased (asked for by them or an admin): every page says when, and where to cancel.
    deletionDue: deletionDue?.toISOString() ?? null,
    unreadNotifications,
    demoData,
    locale,
  });
}

// Reload on every navigation, not only after forms, so the bell's count stays current.
export const shouldRevalidate = () => true;

/** The bell: a link to the notifications page whose name says how many are unread. */
function NotificationBell({ unread }: { unread: number }) {
  const { t } = useTranslation();
  return (
    <NavLink to="/notifications" className="bell" aria-label={t("bell.label", { count: unread })}>
      <svg className="bell__icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {unread > 0 ? (
        <span className="bell__count" aria-hidden="true">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </NavLink>
  );
}

/**
 * On a narrow screen the signed-in navigation folds behind a menu button (only
 * the bell stays beside it). The button is shown by CSS only when scripts run,
 * so without them the whole list is there; it closes after each navigation and
 * on Escape, handing focus back to the button.
 */
function useMenu() {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const { pathname } = useLocation();
  useEffect(() => setOpen(false), [pathname]);
  const onKeyDown = (event: KeyboardEvent) => {
    if (!open || event.key !== "Escape") return;
    setOpen(false);
    button.current?.focus();
  };
  return { open, button, toggle: () => setOpen((o) => !o), onKeyDown };
}

/** While the person's own account waits to be erased: the day, and the way to keep it (the button is on /profile/data). */
function DeletionBanner({ erasesAt, timeZone }: { erasesAt: string; timeZone: string }) {
  const { t } = useTranslation("privacy");
  const format = useFormat();
  return (
    <p className="deletion-banner" role="note" data-deletion-banner>
      <Trans t={t} i18nKey="banner.deletionDue" values={{ date: format.date(erasesAt, timeZone) }} components={{ a: <Link to="/profile/data#delete" /> }} />
    </p>
  );
}

function SiteHeader() {
  const { t } = useTranslation();
  const data = useRouteLoaderData<typeof loader>("root");
  const user = data?.user;
  const unread = data?.unreadNotifications ?? 0;
  const menu = useMenu();
  return (
    <>
      {user && data?.deletionDue ? <DeletionBanner erasesAt={data.deletionDue} timeZone={user.timeZone} /> : null}
      {data?.demoData ? (
        <p className="demo-banner" data-demo-banner>
          {t("demoBanner")}
        </p>
      ) : null}
      <header className={`site-header${user ? (menu.open ? " site-header--menu-open" : " site-header--menu-closed") : ""}`} onKeyDown={menu.onKeyDown}>
        <Link to="/" className="brand">
          {t("brand")}
        </Link>
        {user ? (
          <button type="button" className="menu-button" ref={menu.button} aria-expanded={menu.open} aria-controls="site-nav" onClick={menu.toggle}>
            {t("nav.menu")}
          </button>
        ) : null}
        <nav aria-label={t("nav.label")}>
          <ul id="site-nav">
            {user ? (
              <>
                <li>
                  <NavLink to="/" end>{t("nav.home")}</NavLink>
                </li>
                {user.inProgramme ? (
                  <li>
                    <NavLink to="/programme">{t("nav.programme")}</NavLink>
                  </li>
                ) : null}
                <li>
                  <NavLink to="/modules">{t("nav.modules")}</NavLink>
                </li>
                <li>
                  <NavLink to="/proposals">{t("nav.proposals")}</NavLink>
                </li>
                <li>
                  <NavLink to="/reunions">{t("nav.meetings")}</NavLink>
                </li>
                <li>
                  <NavLink to="/groups">{t("nav.groups")}</NavLink>
                </li>
                <li>
                  <NavLink to="/people">{t("nav.people")}</NavLink>
                </li>
                <li>
                  <NavLink to="/mentoring">{t("nav.mentoring")}</NavLink>
                </li>
                {user.canReview ? (
                  <li>
                    <NavLink to="/review">{t("nav.review")}</NavLink>
                  </li>
                ) : null}
                {user.canReadAuditLog ? (
                  <li>
                    <NavLink to="/audit">{t("nav.audit")}</NavLink>
                  </li>
                ) : null}
                {user.isOrgAdmin ? (
                  <li>
                    <NavLink to="/org">{t("nav.organisation")}</NavLink>
                  </li>
                ) : null}
                {user.isPlatformAdmin ? (
                  <li>
                    <NavLink to="/admin">{t("nav.platform")}</NavLink>
                  </li>
                ) : null}
                <li className="site-nav__bell">
                  <NotificationBell unread={unread} />
                </li>
                <li>
                  <NavLink to="/profile">{t("nav.profile")}</NavLink>
                </li>
                <li>
                  <Form method="post" action="/logout">
                    <button type="submit" className="link-button">
                      {t("nav.signOut")}
                    </button>
                  </Form>
                </li>
              </>
            ) : (
              <>
                <li>
                  <NavLink to="/login">{t("nav.signIn")}</NavLink>
                </li>
                <li>
                  <NavLink to="/signup">{t("nav.signUp")}</NavLink>
                </li>
              </>
            )}
          </ul>
        </nav>
      </header>
    </>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { nonce, requestId } = useRequestInfo();
  const { t } = useTranslation();
  // Without the root's data (its own error) the language is the one the page renders in.
  const pageLanguage = usePageLanguage();
  const locale = useRouteLoaderData<typeof loader>("root")?.locale ?? pageLanguage;
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="request-id" content={requestId} />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t("skipToContent")}
        </a>
        <SiteHeader />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>{t("footer")}</p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        <LiveReload nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  // After a navigation that brings another language (a saved setting), the
  // browser's i18next follows it: the page re-renders, nothing reloads.
  useChangeLanguage(useRouteLoaderData<typeof loader>("root")?.locale ?? "en");
  return <Outlet />;
}

export const ErrorBoundary = GeneralErrorBoundary;
