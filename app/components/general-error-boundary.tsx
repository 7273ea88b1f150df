// The one error boundary every route uses: friendly 404 and 403 pages, and
// for anything else an apology with the request id to quote.
import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useRequestInfo } from "../request-info";

export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { requestId } = useRequestInfo();

  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <section className="error-page" aria-labelledby="error-title">
        <h1 id="error-title">We could not find that page</h1>
        <p>{typeof error.data === "string" && error.data ? error.data : "The link may be old, or the page may have moved."}</p>
        <p>
          <Link to="/">Go to your Roundtable home</Link>
        </p>
      </section>
    );
  }
  if (isRouteErrorResponse(error) && error.status === 403) {
    return (
      <section className="error-page" aria-labelledby="error-title">
        <h1 id="error-title">You do not have access to this page</h1>
        <p>{typeof error.data === "string" && error.data ? error.data : "Your account does not include the role this page needs."}</p>
        <p>
          <Link to="/">Go to your Roundtable home</Link>
        </p>
      </section>
    );
  }
  if (isRouteErrorResponse(error) && error.status < 500) {
    return (
      <section className="error-page" aria-labelledby="error-title">
        <h1 id="error-title">That request did not work</h1>
        <p>{typeof error.data === "string" && error.data ? error.data : error.statusText}</p>
        <p>
          <Link to="/">Go to your Roundtable home</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">Something went wrong on our side</h1>
      <p>Nothing you did caused this. Please try again in a moment.</p>
      {requestId ? (
        <p>
          If it keeps happening, give your admin this reference: <code data-testid="request-id">{requestId}</code>
        </p>
      ) : null}
    </section>
  );
}
