import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Mindset } from "~/domain/content/mindsets";
import { LANGUAGE_NAMES } from "~/domain/i18n/language-names";
import type { Language } from "~/domain/i18n/languages";
import { personName } from "~/domain/people/person-name";
import { useFormat } from "./use-format";
import { HighlightedText } from "./highlighted-text";

export type ModuleListItem = {
  id: string;
  slug: string;
  title: string;
  summary: string;
  mindset: Mindset;
  topics: string[];
  pageCount: number;
  inProgramme: boolean;
  authors: string[];
  language: Language;
  snippet: string | null;
};

/** A module in another language than the reader's says which, and is marked up in its own language for screen readers. */
export function ModuleList({ items, readerLanguage }: { items: ModuleListItem[]; readerLanguage: Language }) {
  const { t } = useTranslation("modules");
  const format = useFormat();
  return (
    <ol className="module-list">
      {items.map((m) => (
        <li key={m.id} className="card module-card">
          <h2 lang={m.language}>
            <Link to={`/modules/${m.slug}`}>{m.title}</Link>
          </h2>
          <p className="module-card__meta">
            <Link className="tag tag--mindset" to={`/mindsets/${m.mindset}`}>
              {t(`mindsets.${m.mindset}.name`)}
            </Link>
            {m.inProgramme ? <span className="tag tag--programme">{t("inProgramme")}</span> : null}
            {m.language !== readerLanguage ? (
              <span className="tag" lang={m.language}>
                {LANGUAGE_NAMES[m.language]}
              </span>
            ) : null}
            <span className="muted">
              {t("card.pagesAndAuthors", { count: m.pageCount, authors: format.enumerate(m.authors.map((name) => personName(name, t))) })}
            </span>
          </p>
          {m.snippet ? (
            <p className="module-card__snippet" lang={m.language}>
              <HighlightedText text={m.snippet} />
            </p>
          ) : (
            <p lang={m.language}>{m.summary}</p>
          )}
        </li>
      ))}
    </ol>
  );
}
