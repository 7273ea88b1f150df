// One comment as people read it, on proposals, draft pages and in group
// discussions alike: who wrote it and when, its text as plain text with its
// line breaks, or the moderator's note when it was hidden, and the way to
// report it; and a thread as its first comment with the replies under it.
import { Link } from "@remix-run/react";
import { formatDateTimeInZone } from "./format-time";

export type CommentLike = { id: string; authorId: string | null; authorName: string; body: string | null; hidden: boolean; createdAt: string };

export function CommentView({ comment, viewerId, timeZone }: { comment: CommentLike; viewerId: string; timeZone: string }) {
  return (
    <div className="comment" id={`comment-${comment.id}`}>
      <p className="comment__meta">
        <strong>{comment.authorName}</strong> <span className="muted">· {formatDateTimeInZone(comment.createdAt, timeZone)}</span>
      </p>
      {comment.hidden ? (
        <p className="comment__hidden muted">This comment was hidden by a moderator.</p>
      ) : (
        <p className="comment__body">{comment.body}</p>
      )}
      {!comment.hidden && comment.authorId !== viewerId ? (
        <p className="comment__actions">
          <Link to={`/reports/new?comment=${comment.id}`} className="comment__report">
            Report<span className="visually-hidden"> this comment by {comment.authorName}</span>
          </Link>
        </p>
      ) : null}
    </div>
  );
}

type ThreadLike = CommentLike & { resolvedAt?: string | null; resolvedByName?: string | null; replies: CommentLike[] };

/** A thread: its first comment, whether it was marked resolved, and its replies. */
export function CommentThreadView({ thread, viewerId, timeZone }: { thread: ThreadLike; viewerId: string; timeZone: string }) {
  return (
    <>
      <CommentView comment={thread} viewerId={viewerId} timeZone={timeZone} />
      {thread.resolvedAt ? (
        <p className="muted comment-thread__resolved">
          Resolved by {thread.resolvedByName} on {formatDateTimeInZone(thread.resolvedAt, timeZone)}
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
