// The discussion on a proposal: anyone who can see it comments and replies;
// its proposer or a moderator marks threads resolved.
import type { Database } from "../../../db/database";
import { postComment } from "../comments/post-comment.server";
import { setThreadResolved } from "../comments/resolve-thread.server";
import { ForbiddenError } from "../http-errors";
import { canDiscussProposal, canResolveProposalThread, type Actor } from "../policy";
import { findVisibleProposal } from "./visible-proposals.server";

export const proposalThreadLink = (proposalId: string, rootId: string) => `/proposals/${proposalId}#comment-${rootId}`;

export async function commentOnProposal(db: Database, actor: Actor & { name: string }, proposalId: string, input: { parentId: string | null; body: string }) {
  const proposal = await findVisibleProposal(db, actor, proposalId);
  if (!canDiscussProposal(actor, proposal)) throw new ForbiddenError();
  return postComment(db, actor, { proposalId: proposal.id }, input, {
    linkToThread: (rootId) => proposalThreadLink(proposal.id, rootId),
    place: { key: "proposal", values: { title: proposal.title } },
  });
}

export async function resolveProposalThread(db: Database, actor: Actor, proposalId: string, commentId: string, resolved: boolean) {
  const proposal = await findVisibleProposal(db, actor, proposalId);
  if (!canResolveProposalThread(actor, proposal)) throw new ForbiddenError("proposals:page.errors.resolve");
  await setThreadResolved(db, actor, { proposalId: proposal.id }, commentId, resolved);
}
