// Shows what changed between two versions of a module, page by page. Added
// words are <ins> and removed words <del>, each announced to screen readers,
// so the changes read without colour as well as with it.
import type { ReactNode } from "react";
import type { DiffSegment, ModuleDiff, PageDiff, PartDiff, TextDiff } from "~/domain/modules/diff-modules";

export function ModuleDiffView({ diff }: { diff: ModuleDiff }) {
  return (
    <div className="module-diff">
      <p className="module-diff__summary">{diff.summary}</p>
      <PartSection title="Introduction" part={diff.introduction} />
      <h2>Pages</h2>
      <ol className="module-diff__pages">
        {diff.pages.map((page) => (
          <li key={page.key}>
            <PageSection page={page} />
          </li>
        ))}
      </ol>
      <PartSection title="Take-aways" part={diff.takeaways} />
    </div>
  );
}

function PartSection({ title, part }: { title: string; part: PartDiff }) {
  return (
    <section className="module-diff__part">
      <h2>
        {title} {part.changed ? <Badge kind="changed">{part.formattingOnly ? "Formatting changed" : "Changed"}</Badge> : <Badge kind="unchanged">Unchanged</Badge>}
      </h2>
      {part.changed ? (
        <DiffText diff={part} />
      ) : (
        <details>
          <summary>Show the unchanged {title.toLowerCase()}</summary>
          <DiffText diff={part} />
        </details>
      )}
    </section>
  );
}

function pageHeading(page: PageDiff) {
  const number = page.change === "removed" ? `Page ${page.oldPosition} (before)` : `Page ${page.newPosition}`;
  const source = page.change === "removed" ? page.title.segments : page.title.segments.filter((s) => s.kind !== "removed");
  const title = source.map((s) => s.text).join("").trim();
  return `${number}: ${title || "Untitled page"}`;
}

function PageSection({ page }: { page: PageDiff }) {
  const badges = (
    <>
      {page.change === "added" ? <Badge kind="added">Added</Badge> : null}
      {page.change === "removed" ? <Badge kind="removed">Removed</Badge> : null}
      {page.moved ? (
        <Badge kind="moved">
          Moved from page {page.oldPosition} to page {page.newPosition}
        </Badge>
      ) : null}
      {page.change === "changed" ? <Badge kind="changed">{page.formattingOnly ? "Formatting changed" : "Changed"}</Badge> : null}
      {page.change === "unchanged" ? <Badge kind="unchanged">Unchanged</Badge> : null}
    </>
  );
  const fields = (
    <dl className="module-diff__fields">
      <Field label="Title" diff={page.title} />
      <Field label="Context" diff={page.context} />
      <Field label="Question" diff={page.question} />
    </dl>
  );
  return (
    <section className={`module-diff__page module-diff__page--${page.change}${page.moved ? " module-diff__page--moved" : ""}`}>
      <h3>
        {pageHeading(page)} {badges}
      </h3>
      {page.change === "unchanged" ? (
        // Unchanged pages stay folded so the changes stand out.
        <details>
          <summary>Show this page</summary>
          {fields}
        </details>
      ) : (
        fields
      )}
    </section>
  );
}

function Field({ label, diff }: { label: string; diff: TextDiff }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{diff.segments.length ? <DiffText diff={diff} /> : <span className="muted">(empty)</span>}</dd>
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
  if (segment.kind === "added")
    return (
      <ins>
        <span className="visually-hidden">added: </span>
        {segment.text}
      </ins>
    );
  if (segment.kind === "removed")
    return (
      <del>
        <span className="visually-hidden">removed: </span>
        {segment.text}
      </del>
    );
  return <>{segment.text}</>;
}

function Badge({ kind, children }: { kind: "added" | "removed" | "moved" | "changed" | "unchanged"; children: ReactNode }) {
  return <span className={`diff-badge diff-badge--${kind}`}>{children}</span>;
}
