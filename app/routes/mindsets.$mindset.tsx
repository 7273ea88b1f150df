import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { ModuleList } from "~/components/module-list";
import { isMindset, MINDSET_LABELS, MINDSETS } from "~/domain/content/mindsets";
import { NotFoundError } from "~/domain/http-errors";
import { catalogueHref } from "~/domain/modules/catalogue-params";
import { CATALOGUE_PAGE_SIZE, listCatalogue } from "~/domain/modules/list-catalogue.server";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.label.name} · Roundtable` : "Mindsets · Roundtable" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const mindset = params.mindset ?? "";
  if (!isMindset(mindset)) {
    throw new NotFoundError(`There is no mindset called "${mindset.slice(0, 40)}". The five mindsets are ${MINDSETS.map((m) => MINDSET_LABELS[m].name).join(", ")}.`);
  }
  const result = await listCatalogue(context.services.db, user, { q: "", mindset, topic: null, authorId: null, page: 1 }, { acceptLanguage: request.headers.get("accept-language") });
  return json({ mindset, label: MINDSET_LABELS[mindset], ...result, more: result.total > CATALOGUE_PAGE_SIZE });
}

export default function MindsetPage() {
  const { mindset, label, items, total, more, language } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="mindset-title">
      <h1 id="mindset-title">
        {label.name} <span className="muted">— {label.focus}</span>
      </h1>
      <p className="lead">{label.description}</p>
      <nav aria-label="Other mindsets" className="mindset-chips">
        <ul>
          {MINDSETS.map((m) => (
            <li key={m}>
              <Link to={`/mindsets/${m}`} aria-current={m === mindset ? "page" : undefined}>
                {MINDSET_LABELS[m].name}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <h2>
        {total} {total === 1 ? "module" : "modules"}
      </h2>
      <ModuleList items={items} readerLanguage={language} />
      {more ? <Link to={catalogueHref({ mindset })}>See all {total} in the catalogue</Link> : null}
    </section>
  );
}

export function ErrorBoundary() {
  return (
    <>
      <GeneralErrorBoundary />
      <nav aria-label="Mindsets" className="mindset-chips">
        <ul>
          {MINDSETS.map((m) => (
            <li key={m}>
              <Link to={`/mindsets/${m}`}>{MINDSET_LABELS[m].name}</Link>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}
