// Loading proposals scoped to what a person may see: a proposal private to
// another organisation does not exist for them (404), as in canSeeProposal.
import { eq, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { proposals } from "../../../db/schema";
import { NotFoundError } from "../http-errors";
import { isPlatformAdmin, type Actor } from "../policy";
import { isUuid } from "../uuid";



/** The SQL twin of canSeeProposal, for lists. */
export function proposalVisibleTo(actor: Actor): SQL {
  if (isPlatformAdmin(actor)) return sql`true`;
  return or(eq(proposals.visibility, "public"), eq(proposals.orgId, actor.orgId))!;
}

/** Who moderates a proposal: any moderator when it is public, else its organisation's. */
export const proposalScope = (proposal: { visibility: string; orgId: string }) => ({
  ownerOrgId: proposal.visibility === "public" ? null : proposal.orgId,
});

export type ProposalRow = typeof proposals.$inferSelect;

export const proposalNotFound = () => new NotFoundError("proposals:page.errors.notFound");

export async function findVisibleProposal(db: Database, actor: Actor, id: string): Promise<ProposalRow> {
  if (!isUuid(id)) throw proposalNotFound();
  const [row] = await db.select().from(proposals).where(sql`${proposals.id} = ${id} and ${proposalVisibleTo(actor)}`);
  if (!row) throw proposalNotFound();
  return row;
}
