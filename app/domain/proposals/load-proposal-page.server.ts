// Everything the proposal page shows to this person: the idea, its support,
// the discussion, the decision (or the moderator's decision form), and the
// module it became.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { proposalSupports, proposals, users } from "../../../db/schema";
import { listCommentThreads } from "../comments/list-comment-threads.server";
import { canDiscussProposal, canJoinAsCoauthor, canModerate, canReadModule, canResolveProposalThread, canSupportProposal, type Actor } from "../policy";
import { proposalOrigin } from "../open-space/proposal-origin.server";
import { leadAuthorCandidates, mergeTargets } from "./decide-proposal.server";
import { moduleOfProposal } from "./join-as-coauthor.server";
import { findVisibleProposal, proposalScope, proposalVisibleTo } from "./visible-proposals.server";

async function nameOf(db: Database, userId: string | null) {
  if (!userId) return null;
  const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return row?.name ?? null;
}

export async function loadProposalPage(db: Database, actor: Actor, proposalId: string) {
  const proposal = await findVisibleProposal(db, actor, proposalId);
  const open = proposal.status === "open";
  const deciding = open && canModerate(actor, proposalScope(proposal));

  const [proposerName, deciderName, [support], mergedInto, mergedHere, module, threads, decision] = await Promise.all([
    nameOf(db, proposal.proposerId),
    nameOf(db, proposal.decidedBy),
    db
      .select({
        count: sql<number>`count(*)::int`,
        mine: sql<boolean>`coalesce(bool_or(${proposalSupports.userId} = ${actor.id}), false)`,
      })
      .from(proposalSupports)
      .where(eq(proposalSupports.proposalId, proposal.id)),
    proposal.mergedIntoId
      ? db
          .select({ id: proposals.id, title: proposals.title })
          .from(proposals)
          .where(and(eq(proposals.id, proposal.mergedIntoId), proposalVisibleTo(actor)))
          .then((rows) => rows[0] ?? null)
      : null,
    db
      .select({ id: proposals.id, title: proposals.title })
      .from(proposals)
      .where(and(eq(proposals.mergedIntoId, proposal.id), proposalVisibleTo(actor)))
      .orderBy(asc(proposals.title)),
    moduleOfProposal(db, actor, proposal.moduleId),
    listCommentThreads(db, { proposalId: proposal.id }),
    deciding ? Promise.all([leadAuthorCandidates(db, proposal), mergeTargets(db, actor, proposal)]) : null,
  ]);

  const origin = await proposalOrigin(db, actor, proposal.originSessionId);

  return {
    origin,
    proposal: {
      id: proposal.id,
      title: proposal.title,
      challenge: proposal.challenge,
      mindset: proposal.mindset,
      draftQuestions: proposal.draftQuestions,
      suggestedMode: proposal.suggestedMode,
      visibility: proposal.visibility,
      status: proposal.status,
      createdAt: proposal.createdAt.toISOString(),
      proposerId: proposal.proposerId,
      // Null or the erased account's name: the page names a former member in the reader's words.
      proposerName,
      decidedAt: proposal.decidedAt?.toISOString() ?? null,
      deciderName,
      decisionReason: proposal.decisionReason,
      mergedInto,
      mergedHere,
    },
    support: { count: support?.count ?? 0, mine: support?.mine ?? false },
    threads,
    module: module
      ? {
          slug: module.slug,
          title: module.title,
          status: module.status,
          coCreationMode: module.coCreationMode,
          authorRole: module.authorRole,
          readable: canReadModule(actor, module),
        }
      : null,
    can: {
      support: open && canSupportProposal(actor, proposal),
      comment: canDiscussProposal(actor, proposal),
      resolve: canResolveProposalThread(actor, proposal),
      decide: deciding,
      join: module ? canJoinAsCoauthor(actor, module) : false,
    },
    decision: decision ? { leadCandidates: decision[0], mergeTargets: decision[1] } : null,
  };
}
