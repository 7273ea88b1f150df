// The comments on one page of a working draft, beside the editor. Reads and
// posts through the draft's comments route with fetchers, so the editor and
// its connection stay as they are. What someone types is kept per page and
// per thread, and cleared only once the server has stored it.
import { useFetcher } from "@remix-run/react";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import type { loader } from "~/routes/modules.$slug.comments";
import { CommentView } from "./comment-view";
import { formatDateTimeInZone } from "./format-time";

// What the comments route answers to a post: stored, or refused with the reasons.
type PostResult = { ok: true; commentId: string } | { ok?: false; formError?: string; fieldErrors: Record<string, string>; values: Record<string, string> };

type Props = { slug: string; pageId: string; pageTitle: string; canComment: boolean };

export function DraftComments({ slug, pageId, pageTitle, canComment }: Props) {
  const href = `/modules/${slug}/comments`;
  const list = useFetcher<typeof loader>();
  const [texts, setTexts] = useState<Record<string, string>>({});
  const headingId = useId();
  // Through a ref, so a new `load` identity on a re-render never triggers another load.
  const load = useRef(list.load);
  load.current = list.load;
  const reload = useCallback(() => void load.current(href), [href]);

  useEffect(() => {
    reload();
  }, [reload, pageId]);

  const setText = useCallback((key: string, value: string) => setTexts((t) => ({ ...t, [key]: value })), []);

  // Unsent text also survives the panel closing (the cursor leaving the pages) and a reload.
  const storageKey = `roundtable:comment-drafts:${slug}`;
  useEffect(() => {
    try {
      const saved = JSON.parse(sessionStorage.getItem(storageKey) ?? "{}") as Record<string, string>;
      if (saved && typeof saved === "object") setTexts((t) => ({ ...saved, ...t }));
    } catch {
      // Storage may be unavailable (private mode); the text then lives as long as the panel.
    }
  }, [storageKey]);
  useEffect(() => {
    try {
      const unsent = Object.fromEntries(Object.entries(texts).filter(([, v]) => v.trim()));
      if (Object.keys(unsent).length) sessionStorage.setItem(storageKey, JSON.stringify(unsent));
      else sessionStorage.removeItem(storageKey);
    } catch {
      // As above.
    }
  }, [storageKey, texts]);
  const data = list.data;
  const threads = data?.ok ? (data.threadsByPage[pageId] ?? []) : [];
  const mayWrite = canComment && (data?.ok ? data.canComment : true);

  return (
    <section className="draft-comments" aria-labelledby={headingId}>
      <h2 id={headingId}>Comments on {pageTitle}</h2>
      {!data && list.state !== "idle" ? <p className="muted">Loading comments…</p> : null}
      {data && !data.ok ? (
        <p className="form-error" role="alert">
          {data.formError}
        </p>
      ) : null}
      {data?.ok && threads.length === 0 ? <p className="muted">No comments on this page yet.</p> : null}
      {data?.ok ? (
        <ol className="comment-threads">
          {threads.map((thread) => (
            <li key={thread.id} className={thread.resolvedAt ? "comment-thread comment-thread--resolved" : "comment-thread"}>
              <CommentView comment={thread} viewerId={data.viewer.id} timeZone={data.viewer.timeZone} />
              {thread.resolvedAt ? (
                <p className="muted comment-thread__resolved">
                  Resolved by {thread.resolvedByName} on {formatDateTimeInZone(thread.resolvedAt, data.viewer.timeZone)}
                </p>
              ) : null}
              {thread.replies.length ? (
                <ol className="comment-replies">
                  {thread.replies.map((reply) => (
                    <li key={reply.id}>
                      <CommentView comment={reply} viewerId={data.viewer.id} timeZone={data.viewer.timeZone} />
                    </li>
                  ))}
                </ol>
              ) : null}
              {mayWrite ? (
                <div className="comment-thread__actions">
                  <details open={!!texts[`reply:${thread.id}`]}>
                    <summary>Reply</summary>
                    <CommentForm
                      href={href}
                      pageId={pageId}
                      parentId={thread.id}
                      label={`Your reply to ${thread.authorName}`}
                      submitLabel="Post reply"
                      text={texts[`reply:${thread.id}`] ?? ""}
                      onText={(v) => setText(`reply:${thread.id}`, v)}
                      onPosted={reload}
                    />
                  </details>
                  <ResolveButton href={href} commentId={thread.id} resolved={!!thread.resolvedAt} onDone={reload} />
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
      {mayWrite ? (
        <CommentForm
          href={href}
          pageId={pageId}
          parentId={null}
          label="Add a comment on this page"
          submitLabel="Post comment"
          text={texts[`new:${pageId}`] ?? ""}
          onText={(v) => setText(`new:${pageId}`, v)}
          onPosted={reload}
        />
      ) : null}
    </section>
  );
}

type FormProps = {
  href: string;
  pageId: string;
  parentId: string | null;
  label: string;
  submitLabel: string;
  text: string;
  onText: (value: string) => void;
  onPosted: () => void;
};

function CommentForm({ href, pageId, parentId, label, submitLabel, text, onText, onPosted }: FormProps) {
  const post = useFetcher<PostResult>();
  const id = useId();
  const handled = useRef<unknown>(null);
  const busy = post.state !== "idle";

  // Clear the box only when the server says the comment is stored.
  useEffect(() => {
    if (post.state !== "idle" || !post.data || handled.current === post.data) return;
    handled.current = post.data;
    if (post.data.ok) {
      onText("");
      onPosted();
    }
  }, [post.state, post.data, onText, onPosted]);

  const failed = post.state === "idle" && post.data && post.data.ok !== true ? post.data : null;
  const error = failed ? (failed.fieldErrors.body ?? failed.fieldErrors.pageId ?? failed.fieldErrors.parentId ?? failed.formError) : undefined;
  return (
    <post.Form method="post" action={href} className="comment-form" noValidate>
      <input type="hidden" name="intent" value="comment" />
      <input type="hidden" name="pageId" value={pageId} />
      {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
      <div className={error ? "field field--invalid" : "field"}>
        <label htmlFor={id}>{label}</label>
        <textarea
          id={id}
          name="body"
          rows={3}
          value={text}
          onChange={(e) => onText(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : `${id}-hint`}
        />
        {error ? (
          <p className="field__error" id={`${id}-error`} role="alert">
            {error}
          </p>
        ) : (
          <p className="field__hint" id={`${id}-hint`}>
            Mention a co-author with @ and their full name.
          </p>
        )}
      </div>
      <button type="submit" disabled={busy}>
        {busy ? "Posting…" : submitLabel}
      </button>
    </post.Form>
  );
}

function ResolveButton({ href, commentId, resolved, onDone }: { href: string; commentId: string; resolved: boolean; onDone: () => void }) {
  const fetcher = useFetcher<PostResult>();
  const handled = useRef<unknown>(null);
  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data || handled.current === fetcher.data) return;
    handled.current = fetcher.data;
    if (fetcher.data.ok) onDone();
  }, [fetcher.state, fetcher.data, onDone]);
  const failed = fetcher.data && fetcher.data.ok !== true ? fetcher.data : null;
  return (
    <fetcher.Form method="post" action={href}>
      <input type="hidden" name="commentId" value={commentId} />
      <button type="submit" name="intent" value={resolved ? "reopen" : "resolve"} className="link-button" disabled={fetcher.state !== "idle"}>
        {resolved ? "Reopen thread" : "Mark thread resolved"}
      </button>
      {failed ? (
        <span className="field__error" role="alert">
          {" "}
          {failed.formError ?? Object.values(failed.fieldErrors)[0]}
        </span>
      ) : null}
    </fetcher.Form>
  );
}
