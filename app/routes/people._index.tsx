// The alumni directory: listed people this person may see, searchable by
// name, expertise, organisation, site and mindset interest.
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { DirectoryProfileCard } from "~/components/directory-profile-card";
import { SelectField, TextField } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { MINDSETS } from "~/domain/content/mindsets";
import { translateMessage } from "~/domain/i18n/message";
import { pageTitle } from "~/domain/i18n/translators";
import { directoryHref, MAX_DIRECTORY_QUERY_LENGTH, parseDirectorySearch } from "~/domain/people/directory-search-params";
import { searchDirectory } from "~/domain/people/search-directory.server";
import { requireUser } from "~/require-user.server";
import { readSearchParams } from "~/forms/read-search-params.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "people:directory.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { notes, ...params } = parseDirectorySearch(readSearchParams(request));
  const result = await searchDirectory(context.services.db, user, params);
  return json({ params, ...result, notes: [...notes, ...result.notes] });
}

export default function People() {
  const { params, notes, items, total, pages, options } = useLoaderData<typeof loader>();
  const filtered = Boolean(params.q || params.tag || params.orgId || params.siteId || params.mindset);
  const { t, i18n } = useTranslation("people");
  return (
    <section aria-labelledby="people-title">
      <h1 id="people-title">{t("directory.heading")}</h1>
      <p className="muted">
        {t("directory.intro")} <Link to="/profile/directory">{t("directory.yourProfile")}</Link>
      </p>
      <Form key={directoryHref({ ...params, page: 1 })} method="get" className="search-form" role="search" aria-label={t("directory.searchLabel")}>
        <TextField label={t("directory.q")} name="q" type="search" maxLength={MAX_DIRECTORY_QUERY_LENGTH} defaultValue={params.q} />
        {options.orgs.length > 1 ? (
          <SelectField
            label={t("card.organisation")}
            name="org"
            defaultValue={params.orgId ?? ""}
            options={[{ value: "", label: t("directory.allOrganisations") }, ...options.orgs.map((o) => ({ value: o.id, label: o.name }))]}
          />
        ) : null}
        {options.sites.length ? (
          <SelectField
            label={t("card.site")}
            name="site"
            defaultValue={params.siteId ?? ""}
            options={[{ value: "", label: t("directory.allSites") }, ...options.sites.map((s) => ({ value: s.id, label: s.name }))]}
          />
        ) : null}
        <SelectField
          label={t("directory.mindset")}
          name="mindset"
          defaultValue={params.mindset ?? ""}
          options={[{ value: "", label: t("directory.anyMindset") }, ...MINDSETS.map((m) => ({ value: m, label: t(`modules:mindsets.${m}.name`) }))]}
        />
        {params.tag ? <input type="hidden" name="tag" value={params.tag} /> : null}
        <div className="search-form__actions">
          <button type="submit">{t("modules:catalogue.submit")}</button> <Link to="/people">{t("modules:catalogue.clear")}</Link>
        </div>
      </Form>
      {notes.map((n) => (
        <p key={n} className="notice" role="status">
          {translateMessage(i18n, n)}
        </p>
      ))}
      {params.tag ? (
        <p>
          {t("directory.tag")} <span className="tag">{params.tag}</span> <Link to={directoryHref({ ...params, tag: null, page: 1 })}>{t("directory.removeTag")}</Link>
        </p>
      ) : null}
      <p aria-live="polite" className="result-count">
        {total === 0
          ? filtered
            ? t("directory.noMatch")
            : t("directory.nobodyListed")
          : t(pages > 1 ? "directory.countPaged" : "directory.count", { count: total, page: params.page, pages })}
      </p>
      {total > 0 && items.length === 0 ? (
        <p>
          <Trans t={t} i18nKey="modules:catalogue.beyondLastPage" count={pages} components={{ first: <Link to={directoryHref({ ...params, page: 1 })} /> }} />
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
        <nav aria-label={t("modules:catalogue.resultPages")} className="pager">
          {params.page > 1 ? <Link to={directoryHref({ ...params, page: params.page - 1 })}>{t("modules:catalogue.previous")}</Link> : <span />}
          {params.page < pages ? <Link to={directoryHref({ ...params, page: params.page + 1 })}>{t("modules:catalogue.next")}</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
