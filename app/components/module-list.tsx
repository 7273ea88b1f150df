import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Mindset } from "~/domain/content/mindsets";
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
  snippet: string | null;
};

export function ModuleList({ items }: { items: ModuleListItem[] }) {
  const { t } = useTranslation("modules");
  const format = useFormat();
  return (
    <ol className="module-list">
      {items.map((m) => (
        <li key={m.id} className="card module-card">
          <h2>
            <Link to={`/modules/${m.slug}`}>{m.title}</Link>
          </h2>
          <p className="module-card__meta">
            <Link className="tag tag--mindset" to={`/mindsets/${m.mindset}`}>
              {t(`mindsets.${m.mindset}.name`)}
            </Link>
            {m.inProgramme ? <span className="tag tag--programme">{t("inProgramme")}</span> : null}
            <span className="muted">
              {t("card.pagesAndAuthors", { count: m.pageCount, authors: format.enumerate(m.authors) })}
            </span>
          </p>
          {m.snippet ? (
            <p className="module-card__snippet">
              <HighlightedText text={m.snippet} />
            </p>
          ) : (
            <p>{m.summary}</p>
          )}
        </li>
      ))}
    </ol>
  );
}
