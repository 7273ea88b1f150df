// Shows what changed between two versions of a module, page by page. Added
// words are <ins> and removed words <del>, each announced to screen readers,
// so the changes read without colour as well as with it.
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { DiffSegment, ModuleDiff, PageDiff, PartDiff, TextDiff } from "~/domain/modules/diff-modules";

type Translate = ReturnType<typeof useTranslation>["t"];

/** "2 pages changed, 1 added, 1 moved; the introduction changed." in the page's language (the domain's summary is English). */
function summary(t: Translate, diff: ModuleDiff) {
  const { changed, added, removed, moved } = diff.counts;
  const pageParts = (
    [
      [changed, "changed"],
      [added, "added"],
      [removed, "removed"],
      [moved, "moved"],
    ] as const
  )
    .filter(([count]) => count > 0)
    .map(([count, what], i) => t(`diff.summary.${i === 0 ? "pages" : "more"}.${what}`, { count }));
  const parts = pageParts.length ? [pageParts.join(t("diff.summary.itemSeparator"))] : [];
  if (diff.introduction.changed) parts.push(t("diff.summary.introduction"));
  if (diff.takeaways.changed) parts.push(t("diff.summary.takeaways"));
  if (parts.length === 0) return t("diff.summary.none");
  const line = parts.join(t("diff.summary.partSeparator"));
  return t("diff.summary.line", { line: `${line[0]!.toUpperCase()}${line.slice(1)}` });
}

export function ModuleDiffView({ diff }: { diff: ModuleDiff }) {
  const { t } = useTranslation("modules");
  return (
    <div className="module-diff">
      <p className="module-diff__summary">{summary(t, diff)}</p>
      <PartSection title={t("diff.introduction")} part={diff.introduction} unchanged={t("diff.showIntroduction")} />
      <h2>{t("diff.pages")}</h2>
      <ol className="module-diff__pages">
        {diff.pages.map((page) => (
          <li key={page.key}>
            <PageSection page={page} />
          </li>
        ))}
      </ol>
      <PartSection title={t("diff.takeaways")} part={diff.takeaways} unchanged={t("diff.showTakeaways")} />
    </div>
  );
}

function PartSection({ title, part, unchanged }: { title: string; part: PartDiff; unchanged: string }) {
  const { t } = useTranslation("modules");
  return (
    <section className="module-diff__part">
      <h2>
        {title} {part.changed ? <Badge kind="changed">{part.formattingOnly ? t("diff.formattingChanged") : t("diff.changed")}</Badge> : <Badge kind="unchanged">{t("diff.unchanged")}</Badge>}
      </h2>
      {part.changed ? (
        <DiffText diff={part} />
      ) : (
        <details>
          <summary>{unchanged}</summary>
          <DiffText diff={part} />
        </details>
      )}
    </section>
  );
}

function pageHeading(t: Translate, page: PageDiff) {
  const source = page.change === "removed" ? page.title.segments : page.title.segments.filter((s) => s.kind !== "removed");
  const title = source.map((s) => s.text).join("").trim() || t("diff.untitled");
  return page.change === "removed" ? t("diff.pageBefore", { number: page.oldPosition, title }) : t("diff.page", { number: page.newPosition, title });
}

function PageSection({ page }: { page: PageDiff }) {
  const { t } = useTranslation("modules");
  const badges = (
    <>
      {page.change === "added" ? <Badge kind="added">{t("diff.added")}</Badge> : null}
      {page.change === "removed" ? <Badge kind="removed">{t("diff.removed")}</Badge> : null}
      {page.moved ? <Badge kind="moved">{t("diff.moved", { from: page.oldPosition, to: page.newPosition })}</Badge> : null}
      {page.change === "changed" ? <Badge kind="changed">{page.formattingOnly ? t("diff.formattingChanged") : t("diff.changed")}</Badge> : null}
      {page.change === "unchanged" ? <Badge kind="unchanged">{t("diff.unchanged")}</Badge> : null}
    </>
  );
  const fields = (
    <dl className="module-diff__fields">
      <Field label={t("diff.fields.title")} diff={page.title} />
      <Field label={t("diff.fields.context")} diff={page.context} />
      <Field label={t("diff.fields.question")} diff={page.question} />
    </dl>
  );
  return (
    <section className={`module-diff__page module-diff__page--${page.change}${page.moved ? " module-diff__page--moved" : ""}`}>
      <h3>
        {pageHeading(t, page)} {badges}
      </h3>
      {page.change === "unchanged" ? (
        // Unchanged pages stay folded so the changes stand out.
        <details>
          <summary>{t("diff.showPage")}</summary>
          {fields}
        </details>
      ) : (
        fields
      )}
    </section>
  );
}

function Field({ label, diff }: { label: string; diff: TextDiff }) {
  const { t } = useTranslation("modules");
  return (
    <div>
      <dt>{label}</dt>
      <dd>{diff.segments.length ? <DiffText diff={diff} /> : <span className="muted">{t("diff.empty")}</span>}</dd>
    </div>
  );
}

export function DiffText({ diff }: { diff: TextDiff }) {
  return (
    <div className="module-diff__text">
      {diff.segments.map((segment, i) => (
        <Segment key={i} segment={segment} />
      ))}
    </div>
  );
}

function Segment({ segment }: { segment: DiffSegment }) {
  const { t } = useTranslation("modules");
  if (segment.kind === "added")
    return (
      <ins>
        <span className="visually-hidden">{`${t("diff.addedText")} `}</span>
        {segment.text}
      </ins>
    );
  if (segment.kind === "removed")
    return (
      <del>
        <span className="visually-hidden">{`${t("diff.removedText")} `}</span>
        {segment.text}
      </del>
    );
  return <>{segment.text}</>;
}

function Badge({ kind, children }: { kind: "added" | "removed" | "moved" | "changed" | "unchanged"; children: ReactNode }) {
  return <span className={`diff-badge diff-badge--${kind}`}>{children}</span>;
}
