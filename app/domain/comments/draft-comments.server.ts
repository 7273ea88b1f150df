// Comments on the pages of a module's working draft. Whoever may open the
// draft (to edit or to watch) reads them; only its co-authors write, reply
// and resolve. Everyone else gets the draft's 404. A new thread goes on a
// page the draft has now; a reply goes on its thread's page.
import type { Database } from "../../../db/database";
import { ForbiddenError } from "../http-errors";
import { InputError } from "../input-error";
import { draftPageIds, findDraftBySlug, type DraftModule, type DraftReader } from "../modules/module-draft.server";
import type { Actor } from "../policy";
import { listCommentThreads, type CommentThread } from "./list-comment-threads.server";
import { postComment } from "./post-comment.server";
import { setThreadResolved } from "./resolve-thread.server";

const draftLink = (slug: string, rootId: string) => `/modules/${slug}/edit#comment-${rootId}`;

/** The draft, when this person may comment on it: a 404 without access, a 403 when they may only watch. */
export async function draftToCommentOn(db: Database, actor: Actor, slug: string): Promise<DraftModule> {
  const draft = await findDraftBySlug(db, actor, slug);
  if (draft.access !== "edit") throw new ForbiddenError("modules:draftComments.errors.onlyAuthors");
  return draft;
}

/** Every thread on the draft, by page id. */
export async function listDraftComments(db: Database, actor: Actor, slug: string) {
  const draft = await findDraftBySlug(db, actor, slug);
  const threads = await listCommentThreads(db, { moduleId: draft.id });
  const byPage: Record<string, CommentThread[]> = {};
  for (const thread of threads) {
    const page = thread.pageId ?? "";
    (byPage[page] ??= []).push(thread);
  }
  return { canComment: draft.access === "edit", threadsByPage: byPage };
}

export async function commentOnDraftPage(
  db: Database,
  drafts: DraftReader,
  actor: Actor & { name: string },
  slug: string,
  input: { pageId: string; parentId: string | null; body: string },
) {
  const draft = await draftToCommentOn(db, actor, slug);
  // A page id comes from the form: it must name a page of this draft (a reply takes its thread's page instead).
  if (!input.parentId && !(await draftPageIds(drafts, draft.id)).has(input.pageId)) {
    throw new InputError({ pageId: "modules:draftComments.errors.pageGoneKept" });
  }
  return postComment(db, actor, { moduleId: draft.id, pageId: input.pageId }, input, {
    linkToThread: (rootId) => draftLink(draft.slug, rootId),
    place: { key: "draft", values: { title: draft.title } },
  });
}

/** Any co-author may mark a thread on the draft resolved, or open it again. */
export async function resolveDraftThread(db: Database, actor: Actor, slug: string, commentId: string, resolved: boolean) {
  const draft = await draftToCommentOn(db, actor, slug);
  await setThreadResolved(db, actor, { moduleId: draft.id }, commentId, resolved);
}
