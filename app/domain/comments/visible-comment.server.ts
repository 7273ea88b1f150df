// The one rule for "may this person see this comment": whoever may see the
// proposal, the draft or the group discussion it is in. Reports and anything
// else that loads a single comment by id start here; anyone else gets a 404.
import { eq } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { comments, groups, modules, proposals } from "../../../db/schema";
import { findGroupSpace } from "../groups/load-group.server";
import { NotFoundError } from "../http-errors";
import { message } from "../i18n/message";
import { canModerate, canSeeProposal, draftAccess, type Actor } from "../policy";
import { moderationScope, moduleWithRole } from "../review/review-scope.server";
import { isUuid } from "../uuid";

export type VisibleComment = {
  comment: typeof comments.$inferSelect;
  /** What the comment is on, in a sentence ("A comment on the proposal “…”"), as stored in review items and the audit log. */
  label: string;
  /** The same as a catalogue message, for pages in the reader's language. */
  labelMessage: string;
  link: string;
  moduleId: string | null;
  mindset: (typeof modules.$inferSelect)["mindset"] | null;
  /** Whose moderators handle it: null for public content, else that organisation. */
  ownerOrgId: string | null;
};

const notFound = () => new NotFoundError("proposals:comments.errors.notFound");

/**
 * The comment as this person may see it. `forModerator`: a moderator
 * handling a report also sees a group's discussion when the group belongs to
 * their organisation, though they are not a member.
 */
export async function findVisibleComment(db: Database, actor: Actor, commentId: string, { forModerator = false } = {}): Promise<VisibleComment> {
  if (!isUuid(commentId)) throw notFound();
  const [comment] = await db.select().from(comments).where(eq(comments.id, commentId));
  if (!comment) throw notFound();

  if (comment.proposalId) {
    const [proposal] = await db.select().from(proposals).where(eq(proposals.id, comment.proposalId));
    if (!proposal || !canSeeProposal(actor, proposal)) throw notFound();
    return {
      comment,
      label: `A comment on the proposal “${proposal.title}”`,
      labelMessage: message("review:report.onProposal", { title: proposal.title }),
      link: `/proposals/${proposal.id}#comment-${comment.id}`,
      moduleId: null,
      mindset: proposal.mindset,
      ownerOrgId: proposal.visibility === "public" ? null : proposal.orgId,
    };
  }

  if (comment.groupId) {
    const group = await groupForComment(db, actor, comment.groupId, forModerator);
    return {
      comment,
      label: `A comment in the discussion of the group “${group.name}”`,
      labelMessage: message("review:report.inGroup", { group: group.name }),
      link: `/groups/${group.id}/discussion#comment-${comment.id}`,
      moduleId: null,
      mindset: null,
      ownerOrgId: group.orgId,
    };
  }

  const [module] = comment.moduleId ? await db.select(moduleWithRole(actor.id)).from(modules).where(eq(modules.id, comment.moduleId)) : [];
  if (!module || draftAccess(actor, module) === "none") throw notFound();
  return {
    comment,
    label: `A comment on the draft of “${module.title}”`,
    labelMessage: message("review:report.onDraft", { title: module.title }),
    link: `/modules/${module.slug}/edit`,
    moduleId: module.id,
    mindset: module.mindset,
    ownerOrgId: moderationScope(module),
  };
}

/** Members see their group's discussion; a moderator of the group's organisation only to handle a report. */
async function groupForComment(db: Database, actor: Actor, groupId: string, forModerator: boolean) {
  const member = await findGroupSpace(db, actor, groupId).catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
  if (member) return member;
  const [group] = forModerator ? await db.select({ id: groups.id, name: groups.name, orgId: groups.orgId }).from(groups).where(eq(groups.id, groupId)) : [];
  if (!group || !canModerate(actor, { ownerOrgId: group.orgId })) throw notFound();
  return group;
}
