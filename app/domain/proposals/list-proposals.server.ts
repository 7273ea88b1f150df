// The proposal list: what this person may see, filtered by status and
// mindset, sorted by support, by date or by mindset.
import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { proposals, users } from "../../../db/schema";
import type { Actor } from "../policy";
import type { ProposalListParams } from "./proposal-list-params";
import { proposalVisibleTo } from "./visible-proposals.server";
import { PROPOSAL_LIST_LIMIT } from "./proposal-list-params";


const supportCount = sql<number>`(select count(*)::int from proposal_supports ps where ps.proposal_id = ${proposals.id})`;

export async function listProposals(db: Database, actor: Actor, params: ProposalListParams) {
  const where: SQL[] = [proposalVisibleTo(actor)];
  if (params.status !== "all") where.push(eq(proposals.status, params.status));
  if (params.mindset) where.push(eq(proposals.mindset, params.mindset));
  const order =
    params.sort === "newest"
      ? [desc(proposals.createdAt), desc(proposals.id)]
      : params.sort === "mindset"
        ? [asc(proposals.mindset), desc(supportCount), desc(proposals.createdAt), desc(proposals.id)]
        : [desc(supportCount), desc(proposals.createdAt), desc(proposals.id)];
  const rows = await db
    .select({
      id: proposals.id,
      title: proposals.title,
      challenge: proposals.challenge,
      mindset: proposals.mindset,
      status: proposals.status,
      visibility: proposals.visibility,
      createdAt: proposals.createdAt,
      proposerName: users.name,
      supportCount,
      commentCount: sql<number>`(select count(*)::int from comments c where c.proposal_id = ${proposals.id})`,
      supportedByMe: sql<boolean>`exists (select 1 from proposal_supports ps where ps.proposal_id = ${proposals.id} and ps.user_id = ${actor.id})`,
    })
    .from(proposals)
    .leftJoin(users, eq(users.id, proposals.proposerId))
    .where(and(...where))
    .orderBy(...order)
    .limit(PROPOSAL_LIST_LIMIT + 1);
  return { items: rows.slice(0, PROPOSAL_LIST_LIMIT), more: rows.length > PROPOSAL_LIST_LIMIT };
}
