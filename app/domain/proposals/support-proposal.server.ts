// Backing a proposal: one vote per person, which they may take back while
// the proposal is open.
import { and, eq } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { proposalSupports, proposals } from "../../../db/schema";
import { ForbiddenError } from "../http-errors";
import { InputError } from "../input-error";
import { canSupportProposal, type Actor } from "../policy";
import { findVisibleProposal } from "./visible-proposals.server";

export async function setSupport(db: Database, actor: Actor, proposalId: string, support: boolean) {
  const proposal = await findVisibleProposal(db, actor, proposalId);
  if (!canSupportProposal(actor, proposal)) throw new ForbiddenError("proposals:page.errors.ownProposal");
  await db.transaction(async (tx) => {
    // A share lock, so a decision or a merge taken at this moment sees this vote or refuses it.
    const [row] = await tx.select({ status: proposals.status }).from(proposals).where(eq(proposals.id, proposal.id)).for("share");
    if (row?.status !== "open") throw new InputError({ form: "proposals:page.errors.supportDecided" }, 409);
    if (support) {
      await tx.insert(proposalSupports).values({ proposalId: proposal.id, userId: actor.id }).onConflictDoNothing();
    } else {
      await tx.delete(proposalSupports).where(and(eq(proposalSupports.proposalId, proposal.id), eq(proposalSupports.userId, actor.id)));
    }
  });
}
