// Proposing a module idea: it opens for discussion and support, and waits in
// the moderators' queue.
import type { Database } from "../../../db/database";
import { proposals } from "../../../db/schema";
import { recordAudit } from "../audit/record-audit.server";
import { ForbiddenError } from "../http-errors";
import { canPropose, type Actor } from "../policy";
import { breakoutTheProposerTookPartIn } from "../open-space/proposal-origin.server";
import { openReviewItem } from "../review/review-items.server";
import { proposalScope } from "./visible-proposals.server";
import { WHO_MAY_PROPOSE, type ProposalInput } from "./proposal-fields";

export async function createProposal(db: Database, actor: Actor, input: ProposalInput): Promise<string> {
  if (!canPropose(actor)) throw new ForbiddenError(WHO_MAY_PROPOSE);
  // An insight from a break-out is proposed only by someone who took part in that reunion.
  const origin = input.originSessionId ? await breakoutTheProposerTookPartIn(db, actor, input.originSessionId) : null;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(proposals)
      .values({
        proposerId: actor.id,
        orgId: actor.orgId,
        visibility: input.visibility,
        title: input.title,
        challenge: input.challenge,
        mindset: input.mindset,
        draftQuestions: input.questions,
        suggestedMode: input.suggestedMode,
        originSessionId: origin?.sessionId ?? null,
      })
      .returning({ id: proposals.id });
    const id = row!.id;
    const { ownerOrgId } = proposalScope({ visibility: input.visibility, orgId: actor.orgId });
    await openReviewItem(tx, { kind: "proposal", proposalId: id, title: input.title, mindset: input.mindset, ownerOrgId });
    await recordAudit(tx, { actorId: actor.id, action: "proposal.created", targetType: "proposal", targetId: id, targetLabel: input.title, ownerOrgId });
    return id;
  });
}
