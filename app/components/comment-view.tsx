// One comment as people read it, on proposals, draft pages and in group
// discussions alike: who wrote it and when, its text as plain text with its
// line breaks, or the moderator's note when it was hidden, and the way to
// report it; and a thread as its first comment with the replies under it.
import { Link } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { personName } from "~/domain/people/person-name";
import { useFormat } from "./use-format";

export type CommentLike = { id: string; authorId: string | null; authorName: string | null; body: string | null; hidden: boolean; createdAt: string };

export function CommentView({ comment, viewerId, timeZone }: { comment: CommentLike; viewerId: string; timeZone: string }) {
  const { t } = useTranslation("proposals");
  const format = useFormat();
  const author = personName(comment.authorId === null ? null : comment.authorName, t);
  return (
    <div className="comment" id={`comment-${comment.id}`}>
      <p className="comment__meta">
        <strong>{author}</strong> <span className="muted">· {format.dateTime(comment.createdAt, timeZone)}</span>
      </p>
      {comment.hidden ? (
        <p className="comment__hidden muted">{t("comments.hidden")}</p>
      ) : (
        <p className="comment__body">{comment.body}</p>
      )}
      {!comment.hidden && comment.authorId !== viewerId ? (
        <p className="comment__actions">
          <Link to={`/reports/new?comment=${comment.id}`} className="comment__report">
            <Trans t={t} i18nKey="comments.report" values={{ name: author }} components={{ hidden: <span className="visually-hidden" /> }} />
          </Link>
        </p>
      ) : null}
    </div>
  );
}

type ThreadLike = CommentLike & { resolvedAt?: string | null; resolvedByName?: string | null; replies: CommentLike[] };

/** A thread: its first comment, whether it was marked resolved, and its replies. */
export function CommentThreadView({ thread, viewerId, timeZone }: { thread: ThreadLike; viewerId: string; timeZone: string }) {
  const { t } = useTranslation("proposals");
  const format = useFormat();
  return (
    <>
      <CommentView comment={thread} viewerId={viewerId} timeZone={timeZone} />
      {thread.resolvedAt ? (
        <p className="muted comment-thread__resolved">
          {t("comments.resolved", { name: personName(thread.resolvedByName, t), date: format.dateTime(thread.resolvedAt, timeZone) })}
        </p>
      ) : null}
      {thread.replies.length ? (
        <ol className="comment-replies">
          {thread.replies.map((reply) => (
            <li key={reply.id}>
              <CommentView comment={reply} viewerId={viewerId} timeZone={timeZone} />
            </li>
          ))}
        </ol>
      ) : null}
    </>
  );
}
