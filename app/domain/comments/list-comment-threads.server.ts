// The threads on a proposal, a draft or in a group's discussion, oldest
// first, each with its replies.
// A hidden comment keeps its place in the thread but not its text.
import { aliasedTable, asc, eq } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { comments, users } from "../../../db/schema";
import { commentsOn, type CommentPlace } from "./post-comment.server";

export type CommentView = {
  id: string;
  parentId: string | null;
  authorId: string | null;
  /** As stored: null when the author's row is gone, the erased account's name when erased; the page names them. */
  authorName: string | null;
  /** Null when a moderator hid it. */
  body: string | null;
  hidden: boolean;
  createdAt: string;
};

export type CommentThread = CommentView & {
  pageId: string | null;
  resolvedAt: string | null;
  resolvedByName: string | null;
  replies: CommentView[];
};

const resolver = aliasedTable(users, "resolver");

export async function listCommentThreads(db: Database, target: CommentPlace): Promise<CommentThread[]> {
  const rows = await db
    .select({
      id: comments.id,
      parentId: comments.parentId,
      pageId: comments.pageId,
      authorId: comments.authorId,
      authorName: users.name,
      body: comments.body,
      hiddenAt: comments.hiddenAt,
      resolvedAt: comments.resolvedAt,
      resolvedByName: resolver.name,
      createdAt: comments.createdAt,
    })
    .from(comments)
    .leftJoin(users, eq(users.id, comments.authorId))
    .leftJoin(resolver, eq(resolver.id, comments.resolvedBy))
    .where(commentsOn(target))
    .orderBy(asc(comments.createdAt), asc(comments.id));

  const byId = new Map(rows.map((r) => [r.id, r]));
  const rootOf = (id: string) => {
    let row = byId.get(id)!;
    for (let depth = 0; row.parentId && byId.has(row.parentId) && depth < 50; depth++) row = byId.get(row.parentId)!;
    return row.id;
  };
  const view = (r: (typeof rows)[number]): CommentView => ({
    id: r.id,
    parentId: r.parentId,
    authorId: r.authorId,
    authorName: r.authorName,
    body: r.hiddenAt ? null : r.body,
    hidden: r.hiddenAt !== null,
    createdAt: r.createdAt.toISOString(),
  });

  const threads = new Map<string, CommentThread>();
  for (const r of rows) {
    const rootId = rootOf(r.id);
    if (rootId === r.id) {
      threads.set(r.id, { ...view(r), pageId: r.pageId, resolvedAt: r.resolvedAt?.toISOString() ?? null, resolvedByName: r.resolvedAt ? r.resolvedByName : null, replies: [] });
    } else {
      threads.get(rootId)?.replies.push(view(r));
    }
  }
  return [...threads.values()];
}
