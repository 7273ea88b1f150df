import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, Links, LiveReload, Meta, NavLink, Outlet, Scripts, ScrollRestoration, useLocation, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { GeneralErrorBoundary } from "./components/general-error-boundary";
import { DEMO_BANNER_TEXT } from "./domain/demo/demo-banner";
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
  const user = getUser(context);
  const { unreadNotifications, demoData } = user ? await siteHeaderFacts(context.services.db, user) : { unreadNotifications: 0, demoData: false };
  return json({
    user: user
      ? {
          name: user.name,
          isOrgAdmin: canAdministerOrg(user, user.orgId),
          isPlatformAdmin: isPlatformAdmin(user),
          canReview: canUseReviewQueue(user),
          canReadAuditLog: canReadAuditLog(user),
          inProgramme: hasRole(user, "participant") || hasRole(user, "facilitator"),
        }
      : null,
    unreadNotifications,
    demoData,
  });
}

// Reload on every navigation, not only after forms, so the bell's count stays current.
export const shouldRevalidate = () => true;

/** The bell: a link to the notifications page whose name says how many are unread. */
function NotificationBell({ unread }: { unread: number }) {
  return (
    <NavLink to="/notifications" className="bell" aria-label={unread > 0 ? `Notifications, ${unread} unread` : "Notifications, none unread"}>
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

function SiteHeader() {
  const data = useRouteLoaderData<typeof loader>("root");
  const user = data?.user;
  const unread = data?.unreadNotifications ?? 0;
  const menu = useMenu();
  return (
    <>
      {data?.demoData ? (
        <p className="demo-banner" data-demo-banner>
          {DEMO_BANNER_TEXT}
        </p>
      ) : null}
      <header className={`site-header${user ? (menu.open ? " site-header--menu-open" : " site-header--menu-closed") : ""}`} onKeyDown={menu.onKeyDown}>
        <Link to="/" className="brand">
          Roundtable
        </Link>
        {user ? (
          <button type="button" className="menu-button" ref={menu.button} aria-expanded={menu.open} aria-controls="site-nav" onClick={menu.toggle}>
            Menu
          </button>
        ) : null}
        <nav aria-label="Main">
          <ul id="site-nav">
            {user ? (
              <>
                <li>
                  <NavLink to="/" end>
                    Home
                  </NavLink>
                </li>
                {user.inProgramme ? (
                  <li>
                    <NavLink to="/programme">Programme</NavLink>
                  </li>
                ) : null}
                <li>
                  <NavLink to="/modules">Modules</NavLink>
                </li>
                <li>
                  <NavLink to="/proposals">Proposals</NavLink>
                </li>
                <li>
                  <NavLink to="/reunions">Meetings</NavLink>
                </li>
                <li>
                  <NavLink to="/groups">Groups</NavLink>
                </li>
                <li>
                  <NavLink to="/people">People</NavLink>
                </li>
                <li>
                  <NavLink to="/mentoring">Mentoring</NavLink>
                </li>
                {user.canReview ? (
                  <li>
                    <NavLink to="/review">Review</NavLink>
                  </li>
                ) : null}
                {user.canReadAuditLog ? (
                  <li>
                    <NavLink to="/audit">Audit log</NavLink>
                  </li>
                ) : null}
                {user.isOrgAdmin ? (
                  <li>
                    <NavLink to="/org">Organisation</NavLink>
                  </li>
                ) : null}
                {user.isPlatformAdmin ? (
                  <li>
                    <NavLink to="/admin">Platform</NavLink>
                  </li>
                ) : null}
                <li className="site-nav__bell">
                  <NotificationBell unread={unread} />
                </li>
                <li>
                  <NavLink to="/profile">Profile</NavLink>
                </li>
                <li>
                  <Form method="post" action="/logout">
                    <button type="submit" className="link-button">
                      Sign out
                    </button>
                  </Form>
                </li>
              </>
            ) : (
              <>
                <li>
                  <NavLink to="/login">Sign in</NavLink>
                </li>
                <li>
                  <NavLink to="/signup">Sign up</NavLink>
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
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="request-id" content={requestId} />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>Roundtable — peer learning for managers. Times are shown in your own time zone unless marked otherwise.</p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        <LiveReload nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export const ErrorBoundary = GeneralErrorBoundary;
