// Posting a comment or a reply, on a proposal, on one page of a draft or in
// a peer group's discussion, and telling the people it mentions. The caller
// has already checked that the author may comment there.
import { and, eq, isNull, type SQL } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { comments } from "../../../db/schema";
import { InputError } from "../input-error";
import { notify } from "../notifications/notify.server";
import { findMentionedPeople } from "./find-mentions.server";
import { message } from "../i18n/message";

export type CommentTarget = { proposalId: string } | { moduleId: string; pageId: string } | { groupId: string };
/** Where comments are, whatever page of a draft they are on. */
export type CommentPlace = { proposalId: string } | { moduleId: string } | { groupId: string };

/** The SQL condition for comments on this proposal, on this draft (any page), or in this group's discussion. */
export function commentsOn(target: CommentPlace): SQL {
  if ("proposalId" in target) return eq(comments.proposalId, target.proposalId);
  if ("groupId" in target) return eq(comments.groupId, target.groupId);
  return and(eq(comments.moduleId, target.moduleId), isNull(comments.proposalId))!;
}

/** The place a target's comments are in, without the draft page. */
export const placeOf = (target: CommentTarget | CommentPlace): CommentPlace =>
  "proposalId" in target ? { proposalId: target.proposalId } : "groupId" in target ? { groupId: target.groupId } : { moduleId: target.moduleId };

type PostInput = { parentId: string | null; body: string };
type PostOptions = {
  /** Where a notification sends people, given the thread's first comment. */
  linkToThread: (rootId: string) => string;
  /** What the comment is on, in the words of a notification ("the proposal “…”"). */
  /** Where the comment is, for the mention notice: the key of a whole sentence (notifications.json, texts.mentioned) and its variables. */
  place: { key: "draft" | "proposal" | "discussion"; values: Record<string, string> };
};

export async function postComment(db: Database, author: { id: string; name: string }, target: CommentTarget, input: PostInput, options: PostOptions) {
  return db.transaction(async (tx) => {
    let pageId = "pageId" in target ? target.pageId : null;
    let rootId: string | null = null;
    if (input.parentId) {
      const parent = await threadOf(tx, target, input.parentId);
      if (!parent) throw new InputError({ parentId: "proposals:comments.errors.parentGoneNotPosted" });
      // A reply lives on its thread's page, whatever page the form named.
      pageId = parent.pageId;
      rootId = parent.rootId;
    }
    const [row] = await tx
      .insert(comments)
      .values({
        proposalId: "proposalId" in target ? target.proposalId : null,
        moduleId: "moduleId" in target ? target.moduleId : null,
        groupId: "groupId" in target ? target.groupId : null,
        pageId,
        parentId: input.parentId,
        authorId: author.id,
        body: input.body,
      })
      .returning({ id: comments.id });
    const id = row!.id;
    rootId ??= id;

    const mentioned = await findMentionedPeople(tx, input.body, placeOf(target));
    await notify(
      tx,
      mentioned,
      { kind: "mention", title: message(`notifications:texts.mentioned.${options.place.key}`, { ...options.place.values, name: author.name }), body: excerpt(input.body), link: options.linkToThread(rootId) },
      { actorId: author.id },
    );
    return { id, rootId, mentioned };
  });
}

/** A comment on this target and the first comment of its thread, or null. */
export async function threadOf(db: Database, target: CommentTarget | CommentPlace, commentId: string) {
  const on = commentsOn(placeOf(target));
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

/** A comment's first words, for a notification. */
export function excerpt(body: string) {
  const flat = body.replace(/\s+/g, " ").trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}
