// Posting a comment or a reply, on a proposal or on one page of a draft, and
// telling the people it mentions. The caller has already checked that the
// author may comment there.
import { and, eq, isNull, type SQL } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { comments } from "../../../db/schema";
import { InputError } from "../input-error";
import { notify } from "../notifications/notify.server";
import { findMentionedPeople } from "./find-mentions.server";

export type CommentTarget = { proposalId: string } | { moduleId: string; pageId: string };

/** The SQL condition for comments on this proposal, or on this draft (any page). */
export function commentsOn(target: { proposalId: string } | { moduleId: string }): SQL {
  return "proposalId" in target ? eq(comments.proposalId, target.proposalId) : and(eq(comments.moduleId, target.moduleId), isNull(comments.proposalId))!;
}

type PostInput = { parentId: string | null; body: string };
type PostOptions = {
  /** Where a notification sends people, given the thread's first comment. */
  linkToThread: (rootId: string) => string;
  /** What the comment is on, in the words of a notification ("the proposal “…”"). */
  placeLabel: string;
};

export async function postComment(db: Database, author: { id: string; name: string }, target: CommentTarget, input: PostInput, options: PostOptions) {
  return db.transaction(async (tx) => {
    let pageId = "pageId" in target ? target.pageId : null;
    let rootId: string | null = null;
    if (input.parentId) {
      const parent = await threadOf(tx, target, input.parentId);
      if (!parent) throw new InputError({ parentId: "The comment you replied to is no longer there. Your reply was not posted." });
      // A reply lives on its thread's page, whatever page the form named.
      pageId = parent.pageId;
      rootId = parent.rootId;
    }
    const [row] = await tx
      .insert(comments)
      .values({
        proposalId: "proposalId" in target ? target.proposalId : null,
        moduleId: "moduleId" in target ? target.moduleId : null,
        pageId,
        parentId: input.parentId,
        authorId: author.id,
        body: input.body,
      })
      .returning({ id: comments.id });
    const id = row!.id;
    rootId ??= id;

    const scope = "proposalId" in target ? { proposalId: target.proposalId } : { moduleId: target.moduleId };
    const mentioned = await findMentionedPeople(tx, input.body, scope);
    await notify(
      tx,
      mentioned,
      { kind: "mention", title: `${author.name} mentioned you on ${options.placeLabel}`, body: excerpt(input.body), link: options.linkToThread(rootId) },
      { actorId: author.id },
    );
    return { id, rootId };
  });
}

/** A comment on this target and the first comment of its thread, or null. */
export async function threadOf(db: Database, target: CommentTarget | { proposalId: string } | { moduleId: string }, commentId: string) {
  const on = commentsOn("proposalId" in target ? { proposalId: target.proposalId } : { moduleId: target.moduleId });
  const [comment] = await db.select({ id: comments.id, parentId: comments.parentId, pageId: comments.pageId }).from(comments).where(and(eq(comments.id, commentId), on));
  if (!comment) return null;
  // Replies may answer replies; the thread is named after its first comment.
  let rootId = comment.id;
  let parentId = comment.parentId;
  for (let depth = 0; parentId && depth < 50; depth++) {
    const [parent] = await db.select({ id: comments.id, parentId: comments.parentId }).from(comments).where(and(eq(comments.id, parentId), on));
    if (!parent) break;
    rootId = parent.id;
    parentId = parent.parentId;
  }
  return { ...comment, rootId };
}

function excerpt(body: string) {
  const flat = body.replace(/\s+/g, " ").trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}
