import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, Links, LiveReload, Meta, NavLink, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { GeneralErrorBoundary } from "./components/general-error-boundary";
import { canAdministerOrg, isPlatformAdmin } from "./domain/policy";
import { useRequestInfo } from "./request-info";
import { getUser } from "./require-user.server";
import styles from "./styles/app.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Roundtable" }];

export async function loader({ context }: LoaderFunctionArgs) {
  const user = getUser(context);
  return json({
    user: user
      ? { name: user.name, isOrgAdmin: canAdministerOrg(user, user.orgId), isPlatformAdmin: isPlatformAdmin(user) }
      : null,
  });
}

function SiteHeader() {
  const data = useRouteLoaderData<typeof loader>("root");
  const user = data?.user;
  return (
    <header className="site-header">
      <Link to="/" className="brand">
        Roundtable
      </Link>
      <nav aria-label="Main">
        <ul>
          {user ? (
            <>
              <li>
                <NavLink to="/" end>
                  Home
                </NavLink>
              </li>
              <li>
                <NavLink to="/modules">Modules</NavLink>
              </li>
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
