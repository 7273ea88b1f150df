import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { LANGUAGE_NAMES } from "~/domain/i18n/language-names";
import { useFormat } from "~/components/use-format";
import { pageTitle } from "~/domain/i18n/translators";
import { personName } from "~/domain/people/person-name";
import { readModule } from "~/domain/modules/read-module.server";
import type { TranslationLink } from "~/domain/modules/read-module.server";
import { readSearchParams } from "~/forms/read-search-params.server";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data ? "modules:reader.titleOf" : "modules:reader.title", { title: data?.module.title ?? "" });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { db } = context.services;
  const { draftAccess, translationLinks, ...module } = await readModule(db, user, params.slug ?? "", {
    language: readSearchParams(request).get("lang"),
    acceptLanguage: request.headers.get("accept-language"),
  });
  return json({ module, timeZone: user.timeZone, draftAccess, translationLinks });
}

export default function ModuleOverview() {
  const { module, timeZone, draftAccess, translationLinks } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const { t } = useTranslation("modules");
  const lead = module.authors.filter((a) => a.role === "lead").map((a) => personName(a.name, t));
  const coauthors = module.authors.filter((a) => a.role === "coauthor").map((a) => personName(a.name, t));
  const format = useFormat();
  return (
    <article className="module" aria-labelledby="module-title">
      <p className="module__mindset">
        <Link className="tag tag--mindset" to={`/mindsets/${module.mindset}`}>
          {t(`mindsets.${module.mindset}.name`)}
        </Link>
        {module.secondaryMindsets.map((m) => (
          <span key={m} className="tag">
            {t("reader.alsoMindset", { mindset: t(`mindsets.${m}.name`) })}
          </span>
        ))}
        {module.inProgramme ? <span className="tag tag--programme">{t("inProgramme")}</span> : null}
      </p>
      <h1 id="module-title" lang={module.language}>
        {module.title}
      </h1>
      <TranslationLinks slug={module.slug} links={translationLinks} />
      {search.get("reported") ? (
        <p className="notice" role="status">
          {t("reader.reported")}
        </p>
      ) : null}
      <p className="lead" lang={module.language}>
        {module.summary}
      </p>
      <dl className="facts">
        <div>
          <dt>{t("reader.by")}</dt>
          <dd>{coauthors.length ? t("reader.authorsWith", { lead: format.enumerate(lead), coauthors: format.enumerate(coauthors) }) : format.enumerate(lead)}</dd>
        </div>
        <div>
          <dt>{t("reader.pages")}</dt>
          <dd>{t("reader.questionCount", { count: module.pageCount })}</dd>
        </div>
        <div>
          <dt>{t("reader.time")}</dt>
          <dd>{t("reader.minutes", { count: module.estimatedMinutes })}</dd>
        </div>
        <div>
          <dt>{t("reader.revision")}</dt>
          <dd>
            {t("reader.revisionPublished", {
              number: module.revisionNumber,
              date: module.publishedAt ? format.date(module.publishedAt, timeZone) : "",
              zone: timeZone.replace(/_/g, " "),
            })}{" "}
            <Link to={`/modules/${module.slug}/history`}>{t("reader.history")}</Link>
          </dd>
        </div>
        {module.topics.length ? (
          <div>
            <dt>{t("reader.topics")}</dt>
            <dd>
              {module.topics.map((topic) => (
                <Link key={topic} className="tag" to={`/modules?topic=${encodeURIComponent(topic)}`}>
                  {topic}
                </Link>
              ))}
            </dd>
          </div>
        ) : null}
      </dl>
      <p className="no-print">
        <Link className="button" to={`/modules/${module.slug}/session`}>
          {t("reader.run")}
        </Link>{" "}
        <button type="button" className="button button--secondary" onClick={() => window.print()}>
          {t("reader.print")}
        </button>
        {draftAccess !== "none" ? (
          <>
            {" "}
            <Link className="button button--secondary" to={`/modules/${module.slug}/edit`}>
              {draftAccess === "edit" ? t("reader.editDraft") : t("reader.viewDraft")}
            </Link>
          </>
        ) : null}
      </p>
      <h2>{t("reader.questions")}</h2>
      <ol className="question-list" lang={module.language}>
        {module.questions.map((q, i) => (
          <li key={i}>{q}</li>
        ))}
      </ol>
      <h2>{t("reader.wholeModule")}</h2>
      {/* HTML rendered on the server from the module schema and sanitised at publish time. */}
      <div className="module-body" lang={module.language} dangerouslySetInnerHTML={{ __html: module.parts.introduction + module.parts.pages.join("") }} />
      <h2>{t("reader.takeaways")}</h2>
      <div className="module-body" lang={module.language} dangerouslySetInnerHTML={{ __html: module.parts.takeaways }} />
      <p className="muted no-print">
        <Trans t={t} i18nKey="reader.report" components={{ report: <Link to={`/reports/new?module=${module.slug}`} /> }} />
      </p>
    </article>
  );
}

/** "Also in 日本語", a translation being written for those who write or review it, or the offer to start one. Each in the page's own language. */
function TranslationLinks({ slug, links }: { slug: string; links: TranslationLink[] }) {
  if (!links.length) return null;
  return (
    <p className="muted no-print" data-testid="translation-links">
      {links.map((link, i) => (
        <span key={link.language}>
          {i > 0 ? " · " : null}
          {link.kind === "published" ? (
            <>
              Also in{" "}
              <Link to={`/modules/${link.slug}?lang=${link.language}`} hrefLang={link.language}>
                <span lang={link.language}>{LANGUAGE_NAMES[link.language]}</span>
              </Link>
            </>
          ) : link.kind === "draft" ? (
            <>
              A translation into <span lang={link.language}>{LANGUAGE_NAMES[link.language]}</span> is being written:{" "}
              <Link to={`/modules/${link.slug}/edit`}>its draft</Link>
            </>
          ) : (
            <Link to={`/modules/${slug}/translate`}>
              Translate into <span lang={link.language}>{LANGUAGE_NAMES[link.language]}</span>
            </Link>
          )}
        </span>
      ))}
    </p>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
