import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useParams } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { ModuleDiffView } from "~/components/module-diff";
import { useFormat } from "~/components/use-format";
import { translateMessage } from "~/domain/i18n/message";
import { pageTitle } from "~/domain/i18n/translators";
import { InputError } from "~/domain/input-error";
import { compareModuleRevisions } from "~/domain/modules/module-history.server";
import { revisionNumberField } from "~/domain/modules/revision-fields";
import { zodFieldErrors } from "~/forms/submit-form.server";
import { requireUser } from "~/require-user.server";
import { readSearchParams } from "~/forms/read-search-params.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data && data.ok
    ? pageTitle(matches, "modules:compare.titleOf", { from: data.from.number, to: data.to.number, title: data.module.title })
    : pageTitle(matches, "modules:compare.title");

const query = z.object({ from: revisionNumberField("first"), to: revisionNumberField("second") });

/** A comparison that cannot be made is a 400 with a page that says why, never a 500. */
const cannotCompare = (fieldErrors: Record<string, string>) =>
  json({ ok: false as const, messages: [...new Set(Object.values(fieldErrors))] }, { status: 400 });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const search = readSearchParams(request);
  const parsed = query.safeParse({ from: search.get("from") ?? undefined, to: search.get("to") ?? undefined });
  if (!parsed.success) return cannotCompare(zodFieldErrors(parsed.error));
  try {
    const comparison = await compareModuleRevisions(context.services.db, user, params.slug ?? "", parsed.data);
    return json({ ok: true as const, ...comparison, timeZone: user.timeZone });
  } catch (error) {
    if (error instanceof InputError) return cannotCompare(error.fieldErrors);
    throw error;
  }
}

export default function CompareRevisions() {
  const data = useLoaderData<typeof loader>();
  const params = useParams();
  const { t, i18n } = useTranslation("modules");
  const format = useFormat();
  if (!data.ok) {
    return (
      <section className="error-page" aria-labelledby="compare-title">
        <h1 id="compare-title">{t("compare.cannot")}</h1>
        {data.messages.map((m) => (
          <p key={m}>{translateMessage(i18n, m)}</p>
        ))}
        <p>
          <Link to={`/modules/${encodeURIComponent(params.slug ?? "")}/history`}>{t("compare.chooseTwo")}</Link>
        </p>
      </section>
    );
  }
  const { module, from, to, diff, timeZone } = data;
  const base = `/modules/${module.slug}`;
  return (
    <article aria-labelledby="compare-title">
      <p>
        <Link to={`${base}/history`}>{t("revision.back", { title: module.title })}</Link>
      </p>
      <h1 id="compare-title">{t("compare.heading", { title: module.title })}</h1>
      <p>
        <Trans
          t={t}
          i18nKey={from.number > to.number ? "compare.rangeReversed" : "compare.range"}
          values={{ from: from.number, fromDate: format.dateTime(from.publishedAt, timeZone), to: to.number, toDate: format.dateTime(to.publishedAt, timeZone) }}
          components={{ fromLink: <Link to={`${base}/history/${from.number}`} />, toLink: <Link to={`${base}/history/${to.number}`} /> }}
        />
      </p>
      <ModuleDiffView diff={diff} />
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
