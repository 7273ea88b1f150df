// A moderator's decision on an open proposal: accept it (a draft module
// starts from it), decline it with a reason, or merge it into another open
// proposal. Each decision locks the proposal row, so of two moderators
// deciding at once exactly one wins and the other is told who decided.
import { and, asc, eq, inArray, ne, or, sql } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { proposalSupports, proposals, users } from "../../../db/schema";
import type { Role } from "../../../db/roles";
import { momentValue, nestedMessage, type NestedValues } from "../i18n/nested-message";
import { recordAudit } from "../audit/record-audit.server";
import { ForbiddenError } from "../http-errors";
import { InputError } from "../input-error";
import { notify } from "../notifications/notify.server";
import { canBeCoauthor, canModerate, type Actor } from "../policy";
import { closeReviewItem } from "../review/review-items.server";
import type { CoCreationMode } from "./proposal-fields";
import { startDraftFromProposal } from "./start-draft-from-proposal.server";
import { isUuid } from "../uuid";
import { findVisibleProposal, proposalScope, proposalVisibleTo, type ProposalRow } from "./visible-proposals.server";
import { message } from "../i18n/message";

type Moderator = Actor & { timeZone: string };

async function proposalToDecide(db: Database, actor: Actor, proposalId: string) {
  const proposal = await findVisibleProposal(db, actor, proposalId);
  if (!canModerate(actor, proposalScope(proposal))) throw new ForbiddenError("proposals:page.errors.onlyModerators");
  return proposal;
}

/** Locks the proposal for the rest of the transaction and refuses if it was decided meanwhile. */
async function lockOpenProposal(tx: Database, actor: Moderator, proposalId: string): Promise<ProposalRow> {
  const [row] = await tx.select().from(proposals).where(eq(proposals.id, proposalId)).for("update");
  if (!row) throw new InputError({ form: "proposals:page.errors.gone" });
  if (row.status !== "open") throw new InputError({ form: await alreadyDecidedMessage(tx, row, actor.timeZone) }, 409);
  return row;
}

/**
 * "Mo Moderator already accepted this proposal on 3 Mar 2025, 14:05
 * (Europe/London). Your decision was not recorded.", as a message the page
 * writes in the reader's language (proposals:page.errors.alreadyDecided).
 */
export async function alreadyDecidedMessage(db: Database, row: ProposalRow, timeZone: string) {
  const [decider] = row.decidedBy ? await db.select({ name: users.name }).from(users).where(eq(users.id, row.decidedBy)) : [];
  const name = decider?.name ?? nestedMessage("proposals:page.errors.alreadyDecided.aModerator");
  const status = row.status as "accepted" | "declined" | "merged";
  const values: NestedValues = { name };
  if (status === "merged") {
    const [target] = row.mergedIntoId ? await db.select({ title: proposals.title }).from(proposals).where(eq(proposals.id, row.mergedIntoId)) : [];
    values.target = target?.title ?? nestedMessage("proposals:page.errors.alreadyDecided.anotherProposal");
  }
  if (row.decidedAt) values.at = momentValue(row.decidedAt, timeZone);
  return nestedMessage(`proposals:page.errors.alreadyDecided.${status}${row.decidedAt ? "" : "Undated"}`, values);
}

async function supporterIds(tx: Database, proposalId: string) {
  return (await tx.select({ userId: proposalSupports.userId }).from(proposalSupports).where(eq(proposalSupports.proposalId, proposalId))).map((r) => r.userId);
}

/** The record, the queue and the people who care: the same for every decision. */
async function afterDecision(
  tx: Database,
  actor: Actor,
  proposal: ProposalRow,
  decision: { action: "proposal.accepted" | "proposal.declined" | "proposal.merged"; reason: string | null; details: Record<string, unknown>; title: string; body: string; supporters: string[] },
) {
  await closeReviewItem(tx, { proposalId: proposal.id });
  await recordAudit(tx, {
    actorId: actor.id,
    action: decision.action,
    targetType: "proposal",
    targetId: proposal.id,
    targetLabel: proposal.title,
    ownerOrgId: proposalScope(proposal).ownerOrgId,
    reason: decision.reason,
    details: decision.details,
  });
  await notify(
    tx,
    [proposal.proposerId, ...decision.supporters],
    { kind: "proposal_decision", title: decision.title, body: decision.body, link: `/proposals/${proposal.id}` },
    { actorId: actor.id },
  );
}

/** People who can lead the draft: the proposer, supporters, people in the discussion and the organisation's thought leaders, if they may write it. */
export async function leadAuthorCandidates(db: Database, proposal: ProposalRow): Promise<{ id: string; name: string }[]> {
  const involved = sql`(
    ${users.id} = ${proposal.proposerId}
    or ${users.id} in (select ps.user_id from proposal_supports ps where ps.proposal_id = ${proposal.id})
    or ${users.id} in (select c.author_id from comments c where c.proposal_id = ${proposal.id})
    or (${users.orgId} = ${proposal.orgId} and exists (select 1 from user_roles ur where ur.user_id = ${users.id} and ur.role = 'thought_leader'))
  )`;
  const people = await db
    .select({
      id: users.id,
      name: users.name,
      orgId: users.orgId,
      roles: sql<Role[]>`coalesce((select array_agg(ur.role::text) from user_roles ur where ur.user_id = ${users.id}), '{}')`,
    })
    .from(users)
    .where(involved)
    .orderBy(asc(users.name))
    .limit(500);
  const draft = { status: "draft", visibility: proposal.visibility, ownerOrgId: proposalScope(proposal).ownerOrgId };
  const eligible = people.filter((p) => canBeCoauthor(p, draft)).map(({ id, name }) => ({ id, name }));
  // The proposer first: the usual lead.
  return [...eligible.filter((p) => p.id === proposal.proposerId), ...eligible.filter((p) => p.id !== proposal.proposerId)];
}

export async function acceptProposal(db: Database, actor: Moderator, proposalId: string, input: { mode: CoCreationMode; leadId: string | null; reason: string }) {
  const proposal = await proposalToDecide(db, actor, proposalId);
  return db.transaction(async (tx) => {
    const row = await lockOpenProposal(tx, actor, proposal.id);
    const leadId = input.leadId ?? row.proposerId;
    const candidates = await leadAuthorCandidates(tx, row);
    if (!leadId || !candidates.some((c) => c.id === leadId)) {
      throw new InputError({ leadId: "proposals:page.errors.lead" });
    }
    const module = await startDraftFromProposal(tx, row, { mode: input.mode, leadId });
    const now = new Date();
    await tx
      .update(proposals)
      .set({ status: "accepted", decidedBy: actor.id, decidedAt: now, decisionReason: input.reason || null, moduleId: module.id })
      .where(eq(proposals.id, row.id));
    await afterDecision(tx, actor, row, {
      action: "proposal.accepted",
      reason: input.reason || null,
      details: { moduleId: module.id, moduleSlug: module.slug, coCreationMode: input.mode, leadId },
      title: message("notifications:texts.proposalAccepted", { proposal: row.title }),
      body: input.reason || "notifications:texts.proposalAcceptedBody",
      supporters: await supporterIds(tx, row.id),
    });
    return module;
  });
}

export async function declineProposal(db: Database, actor: Moderator, proposalId: string, input: { reason: string }) {
  const proposal = await proposalToDecide(db, actor, proposalId);
  if (!input.reason) throw new InputError({ reason: "proposals:page.errors.declineReason" });
  await db.transaction(async (tx) => {
    const row = await lockOpenProposal(tx, actor, proposal.id);
    await tx.update(proposals).set({ status: "declined", decidedBy: actor.id, decidedAt: new Date(), decisionReason: input.reason }).where(eq(proposals.id, row.id));
    await afterDecision(tx, actor, row, {
      action: "proposal.declined",
      reason: input.reason,
      details: {},
      title: message("notifications:texts.proposalDeclined", { proposal: row.title }),
      body: input.reason,
      supporters: await supporterIds(tx, row.id),
    });
  });
}

/** Open proposals this one may merge into: visible to everyone who sees this one. */
export async function mergeTargets(db: Database, actor: Actor, proposal: ProposalRow, onlyId?: string) {
  return db
    .select({ id: proposals.id, title: proposals.title })
    .from(proposals)
    .where(and(proposalVisibleTo(actor), eq(proposals.status, "open"), ne(proposals.id, proposal.id), sameAudience(proposal), onlyId ? eq(proposals.id, onlyId) : undefined))
    .orderBy(asc(proposals.title))
    .limit(500);
}

/** A public proposal merges only into a public one; a private one also into its organisation's. */
function sameAudience(proposal: ProposalRow) {
  return proposal.visibility === "public" ? eq(proposals.visibility, "public") : or(eq(proposals.visibility, "public"), eq(proposals.orgId, proposal.orgId))!;
}

export async function mergeProposal(db: Database, actor: Moderator, proposalId: string, input: { targetId: string; reason: string }) {
  const proposal = await proposalToDecide(db, actor, proposalId);
  const notATarget = new InputError({ targetId: "proposals:page.errors.mergeTarget" });
  if (input.targetId === proposal.id || !isUuid(input.targetId)) throw notATarget;
  return db.transaction(async (tx) => {
    // Both rows, locked in a fixed order so two crossing merges cannot deadlock.
    const locked = await tx
      .select()
      .from(proposals)
      .where(inArray(proposals.id, [proposal.id, input.targetId]))
      .orderBy(asc(proposals.id))
      .for("update");
    const row = locked.find((r) => r.id === proposal.id);
    const target = locked.find((r) => r.id === input.targetId);
    if (!row) throw new InputError({ form: "proposals:page.errors.gone" });
    if (row.status !== "open") throw new InputError({ form: await alreadyDecidedMessage(tx, row, actor.timeZone) }, 409);
    const allowed = target ? (await mergeTargets(tx, actor, row, target.id)).length === 1 : false;
    if (!target || !allowed) throw notATarget;

    const supporters = await supporterIds(tx, row.id);
    // The target's proposer already backs it; everyone else's vote moves over once.
    const moving = supporters.filter((id) => id !== target.proposerId);
    if (moving.length) await tx.insert(proposalSupports).values(moving.map((userId) => ({ proposalId: target.id, userId }))).onConflictDoNothing();
    await tx.delete(proposalSupports).where(eq(proposalSupports.proposalId, row.id));
    await tx
      .update(proposals)
      .set({ status: "merged", mergedIntoId: target.id, decidedBy: actor.id, decidedAt: new Date(), decisionReason: input.reason || null })
      .where(eq(proposals.id, row.id));
    await afterDecision(tx, actor, row, {
      action: "proposal.merged",
      reason: input.reason || null,
      details: { mergedIntoId: target.id, mergedIntoTitle: target.title, supportsMoved: moving.length },
      title: message("notifications:texts.proposalMerged", { proposal: row.title, target: target.title }),
      body: input.reason || message("notifications:texts.proposalMergedBody", { target: target.title }),
      supporters,
    });
    return { targetId: target.id };
  });
}
