import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useParams } from "@remix-run/react";
import { z } from "zod";
import { formatDateTimeInZone } from "~/components/format-time";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { ModuleDiffView } from "~/components/module-diff";
import { InputError } from "~/domain/input-error";
import { compareModuleRevisions } from "~/domain/modules/module-history.server";
import { revisionNumberField } from "~/domain/modules/revision-fields";
import { zodFieldErrors } from "~/forms/submit-form.server";
import { requireUser } from "~/require-user.server";
import { readSearchParams } from "~/forms/read-search-params.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data && data.ok ? `Revisions ${data.from.number} and ${data.to.number} of ${data.module.title} · Roundtable` : "Compare revisions · Roundtable" },
];

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
  if (!data.ok) {
    return (
      <section className="error-page" aria-labelledby="compare-title">
        <h1 id="compare-title">These revisions cannot be compared</h1>
        {data.messages.map((m) => (
          <p key={m}>{m}</p>
        ))}
        <p>
          <Link to={`/modules/${encodeURIComponent(params.slug ?? "")}/history`}>Choose two revisions from the module's history</Link>
        </p>
      </section>
    );
  }
  const { module, from, to, diff, timeZone } = data;
  const base = `/modules/${module.slug}`;
  return (
    <article aria-labelledby="compare-title">
      <p>
        <Link to={`${base}/history`}>Back to the history of {module.title}</Link>
      </p>
      <h1 id="compare-title">Changes in {module.title}</h1>
      <p>
        From <Link to={`${base}/history/${from.number}`}>revision {from.number}</Link>, published {formatDateTimeInZone(from.publishedAt, timeZone)}, to{" "}
        <Link to={`${base}/history/${to.number}`}>revision {to.number}</Link>, published {formatDateTimeInZone(to.publishedAt, timeZone)}.
        {from.number > to.number ? " The later revision is shown as the starting point, so its newer text appears as removed." : null}
      </p>
      <ModuleDiffView diff={diff} />
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
