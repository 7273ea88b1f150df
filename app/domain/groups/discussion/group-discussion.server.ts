// A peer group's discussion: threads of posts and replies, stored as
// comments of the group, with "@Full Name" mentions that reach members only.
// Every other member hears of a new thread; replies notify only whom they mention.
import { eq } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { groupMembers } from "../../../../db/schema";
import { listCommentThreads } from "../../comments/list-comment-threads.server";
import { excerpt, postComment } from "../../comments/post-comment.server";
import { ForbiddenError } from "../../http-errors";
import { notify } from "../../notifications/notify.server";
import { canTakePartInGroup, type Actor } from "../../policy";
import { findGroupSpace } from "../load-group.server";
import { message } from "../../i18n/message";

export const discussionLink = (groupId: string, rootId: string) => `/groups/${groupId}/discussion#comment-${rootId}`;

export async function listGroupDiscussion(db: Database, actor: Actor, groupId: string) {
  const group = await findGroupSpace(db, actor, groupId);
  return { group: { id: group.id, name: group.name, convener: group.access.role === "convener", programme: group.kind === "programme" }, threads: await listCommentThreads(db, { groupId: group.id }) };
}

/** A new thread (parentId null) or a reply to one. */
export async function postToGroupDiscussion(db: Database, actor: Actor & { name: string }, groupId: string, input: { parentId: string | null; body: string }) {
  const group = await findGroupSpace(db, actor, groupId);
  if (!canTakePartInGroup(actor, group.access)) throw new ForbiddenError("groups:discussion.errors.onlyMembers");
  return db.transaction(async (tx) => {
    const posted = await postComment(tx, actor, { groupId: group.id }, input, {
      linkToThread: (rootId) => discussionLink(group.id, rootId),
      place: { key: "discussion", values: { group: group.name } },
    });
    if (!input.parentId) {
      // Those mentioned were just told; each member hears of a new thread once.
      const mentioned = new Set(posted.mentioned);
      const members = await tx.select({ id: groupMembers.userId }).from(groupMembers).where(eq(groupMembers.groupId, group.id));
      await notify(
        tx,
        members.map((m) => m.id).filter((id) => !mentioned.has(id)),
        { kind: "group", title: message("notifications:texts.discussionStarted", { name: actor.name, group: group.name }), body: excerpt(input.body), link: discussionLink(group.id, posted.rootId) },
        { actorId: actor.id },
      );
    }
    return posted;
  });
}
