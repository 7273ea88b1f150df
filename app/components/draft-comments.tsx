// The comments on one page of a working draft, beside the editor. Reads and
// posts with plain fetch() to the draft's comments route: a failed request
// (offline, server restarting) becomes a message in the panel, never the
// route's error page, so the live editor stays where it is. What someone
// types is kept per page and per thread, and cleared only once the server
// has stored it.
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { loader } from "~/routes/modules.$slug.comments";
import type { SerializeFrom } from "@remix-run/node";
import { translateMessage } from "../domain/i18n/message";
import { personName } from "../domain/people/person-name";
import { CommentThreadView } from "./comment-view";

// What the comments route answers to a post: stored, or refused with the reasons.
type PostResult = { ok: true; commentId: string } | { ok?: false; formError?: string; fieldErrors: Record<string, string>; values: Record<string, string> };
type ListResult = SerializeFrom<typeof loader>;

type Props = { slug: string; pageId: string; pageTitle: string; canComment: boolean };

const UNREACHABLE = "modules:draftComments.unreachable";
/** Others' new comments appear without a reload. */
const REFRESH_MS = 20_000;

/** Posts a form to the comments route; a network failure is answered like a refusal, with the reason. */
async function postToComments(href: string, fields: Record<string, string>): Promise<PostResult> {
  try {
    const res = await fetch(href, { method: "POST", body: new URLSearchParams(fields), headers: { Accept: "application/json" }, credentials: "same-origin" });
    return (await res.json()) as PostResult;
  } catch {
    return { ok: false, formError: UNREACHABLE, fieldErrors: {}, values: fields };
  }
}

/** The page's comments, loaded on open and kept fresh; the last good answer stays when a refresh fails. */
function useCommentList(href: string, pageId: string) {
  const [data, setData] = useState<ListResult | null>(null);
  const [stale, setStale] = useState(false);
  const [loading, setLoading] = useState(false);
  const latest = useRef(0);
  const reload = useCallback(async () => {
    const call = ++latest.current;
    setLoading(true);
    try {
      const res = await fetch(href, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      const body = (await res.json()) as ListResult;
      if (call === latest.current) {
        setData(body);
        setStale(false);
      }
    } catch {
      if (call === latest.current) setStale(true);
    } finally {
      if (call === latest.current) setLoading(false);
    }
  }, [href]);
  useEffect(() => {
    void reload();
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") void reload();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload, pageId]);
  return { data, stale, loading, reload };
}

export function DraftComments({ slug, pageId, pageTitle, canComment }: Props) {
  const href = `/modules/${slug}/comments`;
  const list = useCommentList(href, pageId);
  const reload = list.reload;
  const [texts, setTexts] = useState<Record<string, string>>({});
  const headingId = useId();
  const { t, i18n } = useTranslation("modules");

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
      <h2 id={headingId}>{t("draftComments.heading", { page: pageTitle })}</h2>
      {!data && list.loading ? <p className="muted">{t("draftComments.loading")}</p> : null}
      {list.stale ? (
        <p className="muted" role="status">
          {data ? t("draftComments.stale") : t("draftComments.notLoaded")}
        </p>
      ) : null}
      {data && !data.ok ? (
        <p className="form-error" role="alert">
          {translateMessage(i18n, data.formError)}
        </p>
      ) : null}
      {data?.ok && threads.length === 0 ? <p className="muted">{t("draftComments.none")}</p> : null}
      {data?.ok ? (
        <ol className="comment-threads">
          {threads.map((thread) => (
            <li key={thread.id} className={thread.resolvedAt ? "comment-thread comment-thread--resolved" : "comment-thread"}>
              <CommentThreadView thread={thread} viewerId={data.viewer.id} timeZone={data.viewer.timeZone} />
              {mayWrite ? (
                <div className="comment-thread__actions">
                  <details open={!!texts[`reply:${thread.id}`]}>
                    <summary>{t("draftComments.reply")}</summary>
                    <CommentForm
                      href={href}
                      pageId={pageId}
                      parentId={thread.id}
                      label={t("draftComments.replyTo", { name: personName(thread.authorName, t) })}
                      submitLabel={t("draftComments.postReply")}
                      text={texts[`reply:${thread.id}`] ?? ""}
                      onText={(v) => setText(`reply:${thread.id}`, v)}
                      onPosted={() => void reload()}
                    />
                  </details>
                  <ResolveButton href={href} commentId={thread.id} resolved={!!thread.resolvedAt} onDone={() => void reload()} />
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
          label={t("draftComments.add")}
          submitLabel={t("draftComments.post")}
          text={texts[`new:${pageId}`] ?? ""}
          onText={(v) => setText(`new:${pageId}`, v)}
          onPosted={() => void reload()}
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
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<Exclude<PostResult, { ok: true }> | null>(null);
  const { t, i18n } = useTranslation("modules");
  const submit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await postToComments(href, { intent: "comment", pageId, ...(parentId ? { parentId } : {}), body: text });
    setBusy(false);
    // Clear the box only when the server says the comment is stored.
    if (result.ok === true) {
      setFailed(null);
      onText("");
      onPosted();
    } else setFailed(result);
  };
  const raw = failed ? (failed.fieldErrors.body ?? failed.fieldErrors.pageId ?? failed.fieldErrors.parentId ?? failed.formError) : undefined;
  const error = raw === undefined ? undefined : translateMessage(i18n, raw);
  return (
    <form method="post" action={href} className="comment-form" noValidate onSubmit={submit}>
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
            {t("draftComments.hint")}
          </p>
        )}
      </div>
      <button type="submit" disabled={busy}>
        {busy ? t("draftComments.posting") : submitLabel}
      </button>
    </form>
  );
}

function ResolveButton({ href, commentId, resolved, onDone }: { href: string; commentId: string; resolved: boolean; onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const { t, i18n } = useTranslation("modules");
  const toggle = async () => {
    setBusy(true);
    const result = await postToComments(href, { intent: resolved ? "reopen" : "resolve", commentId });
    setBusy(false);
    if (result.ok === true) {
      setFailed(null);
      onDone();
    } else setFailed(result.formError ?? Object.values(result.fieldErrors)[0] ?? UNREACHABLE);
  };
  return (
    <div className="comment-thread__resolve">
      <button type="button" className="link-button" disabled={busy} onClick={() => void toggle()}>
        {resolved ? t("draftComments.reopen") : t("draftComments.resolve")}
      </button>
      {failed ? (
        <span className="field__error" role="alert">
          {" "}
          {translateMessage(i18n, failed)}
        </span>
      ) : null}
    </div>
  );
}
