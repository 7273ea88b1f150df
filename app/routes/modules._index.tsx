import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { ModuleList } from "~/components/module-list";
import { MINDSET_LABELS, MINDSETS } from "~/domain/content/mindsets";
import { catalogueHref, MAX_QUERY_LENGTH, parseCatalogueParams } from "~/domain/modules/catalogue-params";
import { CATALOGUE_PAGE_SIZE, catalogueFacets, listCatalogue } from "~/domain/modules/list-catalogue.server";
import { requireUser } from "~/require-user.server";
import { readSearchParams } from "~/forms/read-search-params.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.params.q ? `“${data.params.q}” · Modules · Roundtable` : "Modules · Roundtable" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { notes, ...params } = parseCatalogueParams(readSearchParams(request));
  const { db } = context.services;
  const [result, facets] = await Promise.all([listCatalogue(db, user, params, { acceptLanguage: request.headers.get("accept-language") }), catalogueFacets(db, user)]);
  return json({ params, ...result, notes: [...notes, ...result.notes], facets, pages: Math.max(1, Math.ceil(result.total / CATALOGUE_PAGE_SIZE)) });
}

export default function Catalogue() {
  const { params, notes, items, total, mindsetCounts, facets, pages, programmeOnly, language } = useLoaderData<typeof loader>();
  const searching = useNavigation().state === "loading";
  return (
    <section aria-labelledby="catalogue-title">
      <h1 id="catalogue-title">Modules</h1>
      <p className="muted">
        Each module is one 90-minute meeting: a few pages, each with one question to discuss.
        {programmeOnly ? " You see the modules your organisation chose for its programme." : ""}
      </p>
      {/* Keyed by the URL's filters so the fields follow Back, Forward and the chips (their values are only defaults). */}
      <Form key={catalogueHref({ ...params, page: 1 })} method="get" className="search-form" role="search" aria-label="Search and filter modules">
        <div className="field">
          <label htmlFor="q">Search</label>
          <input id="q" name="q" type="search" defaultValue={params.q} maxLength={MAX_QUERY_LENGTH} placeholder="for example: feedback, delegation, strategy" />
        </div>
        <div className="field">
          <label htmlFor="mindset">Mindset</label>
          <select id="mindset" name="mindset" defaultValue={params.mindset ?? ""}>
            <option value="">All mindsets</option>
            {MINDSETS.map((m) => (
              <option key={m} value={m}>
                {MINDSET_LABELS[m].name} ({mindsetCounts[m] ?? 0})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="topic">Topic</label>
          <select id="topic" name="topic" defaultValue={params.topic ?? ""}>
            <option value="">All topics</option>
            {facets.topics.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="author">Author</label>
          <select id="author" name="author" defaultValue={params.authorId ?? ""}>
            <option value="">All authors</option>
            {facets.authors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div className="search-form__actions">
          <button type="submit">{searching ? "Searching…" : "Search"}</button> <Link to="/modules">Clear</Link>
        </div>
      </Form>
      <nav aria-label="Mindsets" className="mindset-chips">
        <ul>
          {MINDSETS.map((m) => (
            <li key={m}>
              <Link to={catalogueHref({ ...params, mindset: params.mindset === m ? null : m, page: 1 })} aria-current={params.mindset === m ? "true" : undefined}>
                {MINDSET_LABELS[m].name} <span className="count">{mindsetCounts[m] ?? 0}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {notes.map((n) => (
        <p key={n} className="notice" role="status">
          {n}
        </p>
      ))}
      <p aria-live="polite" className="result-count">
        {total === 0
          ? params.q
            ? `No modules match “${params.q}”. Try fewer or other words.`
            : "No modules match these filters."
          : `${total} ${total === 1 ? "module" : "modules"}${params.q ? ` for “${params.q}”` : ""}${pages > 1 ? `, page ${params.page} of ${pages}` : ""}`}
      </p>
      {items.length === 0 && total > 0 ? (
        <p className="notice" role="status">
          There {pages === 1 ? "is only 1 page" : `are only ${pages} pages`} of results. <Link to={catalogueHref({ ...params, page: 1 })}>Go to the first page</Link>.
        </p>
      ) : null}
      <ModuleList items={items} readerLanguage={language} />
      {pages > 1 ? (
        <nav aria-label="Result pages" className="pager">
          {params.page > 1 ? <Link to={catalogueHref({ ...params, page: params.page - 1 })}>← Previous</Link> : null}
          {params.page < pages ? <Link to={catalogueHref({ ...params, page: params.page + 1 })}>Next →</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}
