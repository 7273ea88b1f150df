// The one error boundary every route uses: friendly 404 and 403 pages, and
// for anything else an apology with the request id to quote.
import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { translateNestedMessage } from "../domain/i18n/nested-message";
import { useRequestInfo } from "../request-info";

export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { requestId } = useRequestInfo();
  const { t, i18n } = useTranslation();
  // A thrown Response may carry a catalogue key (its values may be messages, such as a role); an English sentence from a route not yet translated is shown as written.
  const detail = (fallback: string) => {
    if (!isRouteErrorResponse(error) || typeof error.data !== "string" || !error.data) return fallback;
    return translateNestedMessage(i18n, error.data);
  };
  const home = (
    <p>
      <Link to="/">{t("errors.home")}</Link>
    </p>
  );

  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <section className="error-page" aria-labelledby="error-title">
        <h1 id="error-title">{t("errors.notFound.title")}</h1>
        <p>{detail(t("errors.notFound.body"))}</p>
        {home}
      </section>
    );
  }
  if (isRouteErrorResponse(error) && error.status === 403) {
    return (
      <section className="error-page" aria-labelledby="error-title">
        <h1 id="error-title">{t("errors.forbidden.title")}</h1>
        <p>{detail(t("errors.forbidden.body"))}</p>
        {home}
      </section>
    );
  }
  if (isRouteErrorResponse(error) && error.status < 500) {
    return (
      <section className="error-page" aria-labelledby="error-title">
        <h1 id="error-title">{t("errors.badRequest.title")}</h1>
        <p>{detail(error.statusText)}</p>
        {home}
      </section>
    );
  }
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">{t("errors.server.title")}</h1>
      <p>{t("errors.server.body")}</p>
      {requestId ? (
        <p>
          {t("errors.server.reference")} <code data-testid="request-id">{requestId}</code>
        </p>
      ) : null}
    </section>
  );
}
