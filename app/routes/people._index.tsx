// The alumni directory: listed people this person may see, searchable by
// name, expertise, organisation, site and mindset interest.
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { DirectoryProfileCard } from "~/components/directory-profile-card";
import { SelectField, TextField } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { MINDSET_LABELS, MINDSETS } from "~/domain/content/mindsets";
import { directoryHref, MAX_DIRECTORY_QUERY_LENGTH, parseDirectorySearch } from "~/domain/people/directory-search-params";
import { searchDirectory } from "~/domain/people/search-directory.server";
import { requireUser } from "~/require-user.server";
import { readSearchParams } from "~/forms/read-search-params.server";

export const meta: MetaFunction = () => [{ title: "People · Roundtable" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { notes, ...params } = parseDirectorySearch(readSearchParams(request));
  const result = await searchDirectory(context.services.db, user, params);
  return json({ params, ...result, notes: [...notes, ...result.notes] });
}

export default function People() {
  const { params, notes, items, total, pages, options } = useLoaderData<typeof loader>();
  const filtered = Boolean(params.q || params.tag || params.orgId || params.siteId || params.mindset);
  return (
    <section aria-labelledby="people-title">
      <h1 id="people-title">People</h1>
      <p className="muted">
        Alumni who chose to be listed, each showing what they chose. <Link to="/profile/directory">Your directory profile</Link>
      </p>
      <Form key={directoryHref({ ...params, page: 1 })} method="get" className="search-form" role="search" aria-label="Search the directory">
        <TextField label="Name or expertise" name="q" type="search" maxLength={MAX_DIRECTORY_QUERY_LENGTH} defaultValue={params.q} />
        {options.orgs.length > 1 ? (
          <SelectField
            label="Organisation"
            name="org"
            defaultValue={params.orgId ?? ""}
            options={[{ value: "", label: "All organisations" }, ...options.orgs.map((o) => ({ value: o.id, label: o.name }))]}
          />
        ) : null}
        {options.sites.length ? (
          <SelectField
            label="Site"
            name="site"
            defaultValue={params.siteId ?? ""}
            options={[{ value: "", label: "All sites" }, ...options.sites.map((s) => ({ value: s.id, label: s.name }))]}
          />
        ) : null}
        <SelectField
          label="Mindset interest"
          name="mindset"
          defaultValue={params.mindset ?? ""}
          options={[{ value: "", label: "Any mindset" }, ...MINDSETS.map((m) => ({ value: m, label: MINDSET_LABELS[m].name }))]}
        />
        {params.tag ? <input type="hidden" name="tag" value={params.tag} /> : null}
        <div className="search-form__actions">
          <button type="submit">Search</button> <Link to="/people">Clear</Link>
        </div>
      </Form>
      {notes.map((n) => (
        <p key={n} className="notice" role="status">
          {n}
        </p>
      ))}
      {params.tag ? (
        <p>
          Expertise tag <span className="tag">{params.tag}</span> <Link to={directoryHref({ ...params, tag: null, page: 1 })}>Remove</Link>
        </p>
      ) : null}
      <p aria-live="polite" className="result-count">
        {total === 0
          ? filtered
            ? "Nobody matches this search."
            : "Nobody is listed yet."
          : `${total} ${total === 1 ? "person" : "people"}${pages > 1 ? `, page ${params.page} of ${pages}` : ""}`}
      </p>
      {total > 0 && items.length === 0 ? (
        <p>
          There {pages === 1 ? "is only 1 page" : `are only ${pages} pages`}. <Link to={directoryHref({ ...params, page: 1 })}>Go to the first page</Link>.
        </p>
      ) : null}
      <ul className="cards">
        {items.map((p) => (
          <li key={p.userId}>
            <DirectoryProfileCard profile={p} compact />
          </li>
        ))}
      </ul>
      {pages > 1 ? (
        <nav aria-label="Result pages" className="pager">
          {params.page > 1 ? <Link to={directoryHref({ ...params, page: params.page - 1 })}>← Previous</Link> : <span />}
          {params.page < pages ? <Link to={directoryHref({ ...params, page: params.page + 1 })}>Next →</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
