import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { formatDateInZone } from "~/components/format-time";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { MINDSET_LABELS } from "~/domain/content/mindsets";
import { LANGUAGE_NAMES } from "~/domain/i18n/language-names";
import { readModule } from "~/domain/modules/read-module.server";
import type { TranslationLink } from "~/domain/modules/read-module.server";
import { readSearchParams } from "~/forms/read-search-params.server";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.module.title} · Roundtable` : "Module · Roundtable" }];

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
  const lead = module.authors.filter((a) => a.role === "lead").map((a) => a.name);
  const coauthors = module.authors.filter((a) => a.role === "coauthor").map((a) => a.name);
  return (
    <article className="module" aria-labelledby="module-title">
      <p className="module__mindset">
        <Link className="tag tag--mindset" to={`/mindsets/${module.mindset}`}>
          {MINDSET_LABELS[module.mindset].name}
        </Link>
        {module.secondaryMindsets.map((m) => (
          <span key={m} className="tag">
            also {MINDSET_LABELS[m].name}
          </span>
        ))}
        {module.inProgramme ? <span className="tag tag--programme">In our programme</span> : null}
      </p>
      <h1 id="module-title" lang={module.language}>
        {module.title}
      </h1>
      <TranslationLinks slug={module.slug} links={translationLinks} />
      {search.get("reported") ? (
        <p className="notice" role="status">
          Thank you. The moderators have your report and will tell you what they decide.
        </p>
      ) : null}
      <p className="lead" lang={module.language}>
        {module.summary}
      </p>
      <dl className="facts">
        <div>
          <dt>By</dt>
          <dd>
            {lead.join(", ")}
            {coauthors.length ? `, with ${coauthors.join(", ")}` : ""}
          </dd>
        </div>
        <div>
          <dt>Pages</dt>
          <dd>{module.pageCount} questions</dd>
        </div>
        <div>
          <dt>Time</dt>
          <dd>about {module.estimatedMinutes} minutes</dd>
        </div>
        <div>
          <dt>Revision</dt>
          <dd>
            {module.revisionNumber}, published {module.publishedAt ? formatDateInZone(module.publishedAt, timeZone) : ""} ({timeZone.replace(/_/g, " ")}){" "}
            <Link to={`/modules/${module.slug}/history`}>History</Link>
          </dd>
        </div>
        {module.topics.length ? (
          <div>
            <dt>Topics</dt>
            <dd>
              {module.topics.map((t) => (
                <Link key={t} className="tag" to={`/modules?topic=${encodeURIComponent(t)}`}>
                  {t}
                </Link>
              ))}
            </dd>
          </div>
        ) : null}
      </dl>
      <p className="no-print">
        <Link className="button" to={`/modules/${module.slug}/session`}>
          Run this module in a meeting
        </Link>{" "}
        <button type="button" className="button button--secondary" onClick={() => window.print()}>
          Print
        </button>
        {draftAccess !== "none" ? (
          <>
            {" "}
            <Link className="button button--secondary" to={`/modules/${module.slug}/edit`}>
              {draftAccess === "edit" ? "Edit draft" : "View working draft"}
            </Link>
          </>
        ) : null}
      </p>
      <h2>The questions</h2>
      <ol className="question-list" lang={module.language}>
        {module.questions.map((q, i) => (
          <li key={i}>{q}</li>
        ))}
      </ol>
      <h2>The whole module</h2>
      {/* HTML rendered on the server from the module schema and sanitised at publish time. */}
      <div className="module-body" lang={module.language} dangerouslySetInnerHTML={{ __html: module.parts.introduction + module.parts.pages.join("") }} />
      <h2>Take-aways</h2>
      <div className="module-body" lang={module.language} dangerouslySetInnerHTML={{ __html: module.parts.takeaways }} />
      <p className="muted no-print">
        Something wrong with this module? <Link to={`/reports/new?module=${module.slug}`}>Report it to the moderators</Link>
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
