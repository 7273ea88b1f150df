import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { ModuleList } from "~/components/module-list";
import { MINDSETS } from "~/domain/content/mindsets";
import { translateMessage } from "~/domain/i18n/message";
import { pageTitle } from "~/domain/i18n/translators";
import { personName } from "~/domain/people/person-name";
import { catalogueHref, MAX_QUERY_LENGTH, parseCatalogueParams } from "~/domain/modules/catalogue-params";
import { CATALOGUE_PAGE_SIZE, catalogueFacets, listCatalogue } from "~/domain/modules/list-catalogue.server";
import { requireUser } from "~/require-user.server";
import { readSearchParams } from "~/forms/read-search-params.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data?.params.q ? pageTitle(matches, "modules:catalogue.titleSearch", { q: data.params.q }) : pageTitle(matches, "modules:catalogue.title");

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
  const { t, i18n } = useTranslation("modules");
  return (
    <section aria-labelledby="catalogue-title">
      <h1 id="catalogue-title">{t("catalogue.heading")}</h1>
      <p className="muted">{programmeOnly ? t("catalogue.introProgramme") : t("catalogue.intro")}</p>
      {/* Keyed by the URL's filters so the fields follow Back, Forward and the chips (their values are only defaults). */}
      <Form key={catalogueHref({ ...params, page: 1 })} method="get" className="search-form" role="search" aria-label={t("catalogue.searchLabel")}>
        <div className="field">
          <label htmlFor="q">{t("catalogue.search")}</label>
          <input id="q" name="q" type="search" defaultValue={params.q} maxLength={MAX_QUERY_LENGTH} placeholder={t("catalogue.placeholder")} />
        </div>
        <div className="field">
          <label htmlFor="mindset">{t("catalogue.mindset")}</label>
          <select id="mindset" name="mindset" defaultValue={params.mindset ?? ""}>
            <option value="">{t("catalogue.allMindsets")}</option>
            {MINDSETS.map((m) => (
              <option key={m} value={m}>
                {t("catalogue.mindsetOption", { mindset: t(`mindsets.${m}.name`), count: mindsetCounts[m] ?? 0 })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="topic">{t("catalogue.topic")}</label>
          <select id="topic" name="topic" defaultValue={params.topic ?? ""}>
            <option value="">{t("catalogue.allTopics")}</option>
            {facets.topics.map((topic) => (
              <option key={topic} value={topic}>
                {topic}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="author">{t("catalogue.author")}</label>
          <select id="author" name="author" defaultValue={params.authorId ?? ""}>
            <option value="">{t("catalogue.allAuthors")}</option>
            {facets.authors.map((a) => (
              <option key={a.id} value={a.id}>
                {personName(a.name, t)}
              </option>
            ))}
          </select>
        </div>
        <div className="search-form__actions">
          <button type="submit">{searching ? t("catalogue.searching") : t("catalogue.submit")}</button> <Link to="/modules">{t("catalogue.clear")}</Link>
        </div>
      </Form>
      <nav aria-label={t("catalogue.mindsets")} className="mindset-chips">
        <ul>
          {MINDSETS.map((m) => (
            <li key={m}>
              <Link to={catalogueHref({ ...params, mindset: params.mindset === m ? null : m, page: 1 })} aria-current={params.mindset === m ? "true" : undefined}>
                {t(`mindsets.${m}.name`)} <span className="count">{mindsetCounts[m] ?? 0}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {notes.map((n) => (
        <p key={n} className="notice" role="status">
          {translateMessage(i18n, n)}
        </p>
      ))}
      <p aria-live="polite" className="result-count">
        {total === 0
          ? params.q
            ? t("catalogue.noMatchSearch", { q: params.q })
            : t("catalogue.noMatch")
          : t(`catalogue.${params.q ? "countSearch" : "count"}${pages > 1 ? "Paged" : ""}`, { count: total, q: params.q, page: params.page, pages })}
      </p>
      {items.length === 0 && total > 0 ? (
        <p className="notice" role="status">
          <Trans t={t} i18nKey="catalogue.beyondLastPage" count={pages} components={{ first: <Link to={catalogueHref({ ...params, page: 1 })} /> }} />
        </p>
      ) : null}
      <ModuleList items={items} readerLanguage={language} />
      {pages > 1 ? (
        <nav aria-label={t("catalogue.resultPages")} className="pager">
          {params.page > 1 ? <Link to={catalogueHref({ ...params, page: params.page - 1 })}>{t("catalogue.previous")}</Link> : null}
          {params.page < pages ? <Link to={catalogueHref({ ...params, page: params.page + 1 })}>{t("catalogue.next")}</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}
