// Marking a discussion thread resolved, or opening it again. Only the first
// comment of a thread carries the mark. The caller has checked who may.
import { and, eq } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { comments } from "../../../db/schema";
import { InputError } from "../input-error";
import { commentsOn } from "./post-comment.server";

export async function setThreadResolved(db: Database, actor: { id: string }, target: { proposalId: string } | { moduleId: string }, commentId: string, resolved: boolean) {
  const [comment] = await db.select({ parentId: comments.parentId }).from(comments).where(and(eq(comments.id, commentId), commentsOn(target)));
  if (!comment) throw new InputError({ commentId: "proposals:comments.errors.goneNow" });
  if (comment.parentId) throw new InputError({ commentId: "proposals:comments.errors.wholeThread" });
  await db
    .update(comments)
    .set(resolved ? { resolvedAt: new Date(), resolvedBy: actor.id } : { resolvedAt: null, resolvedBy: null })
    .where(eq(comments.id, commentId));
}
