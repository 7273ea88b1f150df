// Choosing the module of a cycle meeting: members propose and vote from the
// organisation's programme subset (one vote each, changeable until it is
// confirmed); the facilitator or the meeting's host confirms one.
import { and, asc, eq, isNotNull, lt, ne, sql } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { cycleMeetings, cycles, meetingModuleVotes, modules, programmeModules, reunions } from "../../../../db/schema";
import { recordAudit } from "../../audit/record-audit.server";
import { ForbiddenError } from "../../http-errors";
import { InputError } from "../../input-error";
import { notify } from "../../notifications/notify.server";
import { canRunCycleMeeting, isCycleMember, type Actor } from "../../policy";
import { findCycleMeeting, type CycleMeeting } from "../load-programme-group.server";
import { listCycleMembers, meetingPath } from "./meeting-people.server";
import { message } from "../../i18n/message";

export type ModuleCandidate = { id: string; slug: string; title: string; alreadyRun: boolean; votes: number };

/** The organisation's programme modules (published), each marked when the group ran it at an earlier meeting, with its votes. */
export async function moduleCandidates(db: Database, found: Pick<CycleMeeting, "meeting" | "group">): Promise<ModuleCandidate[]> {
  const { meeting, group } = found;
  const [choices, ran, votes] = await Promise.all([
    db
      .select({ id: modules.id, slug: modules.slug, title: modules.title })
      .from(programmeModules)
      .innerJoin(modules, eq(modules.id, programmeModules.moduleId))
      .where(and(eq(programmeModules.orgId, group.orgId), eq(modules.status, "published")))
      .orderBy(asc(modules.title)),
    // Earlier meetings of this group's cycles that took place with a module.
    db
      .selectDistinct({ moduleId: reunions.moduleId })
      .from(reunions)
      .innerJoin(cycleMeetings, eq(cycleMeetings.reunionId, reunions.id))
      .innerJoin(cycles, eq(cycles.id, cycleMeetings.cycleId))
      .where(
        and(
          eq(cycles.groupId, group.id),
          ne(reunions.id, meeting.id),
          ne(reunions.status, "cancelled"),
          isNotNull(reunions.moduleId),
          meeting.startsAt ? lt(reunions.startsAt, meeting.startsAt) : sql`false`,
        ),
      ),
    db
      .select({ moduleId: meetingModuleVotes.moduleId, votes: sql<number>`count(*)::int` })
      .from(meetingModuleVotes)
      .where(eq(meetingModuleVotes.reunionId, meeting.id))
      .groupBy(meetingModuleVotes.moduleId),
  ]);
  const ranIds = new Set(ran.map((r) => r.moduleId));
  const voteCount = new Map(votes.map((v) => [v.moduleId, v.votes]));
  return choices.map((m) => ({ ...m, alreadyRun: ranIds.has(m.id), votes: voteCount.get(m.id) ?? 0 }));
}

async function candidateOrRefuse(db: Database, found: CycleMeeting, moduleId: string) {
  const candidates = await moduleCandidates(db, found);
  const chosen = candidates.find((m) => m.id === moduleId);
  if (!chosen) throw new InputError({ moduleId: "programme:meeting.errors.moduleFromList" });
  return chosen;
}

function refuseIfClosed(found: CycleMeeting, now: Date, field: string) {
  const { meeting } = found;
  if (meeting.status === "cancelled") throw new InputError({ [field]: "programme:meeting.errors.cancelled" }, 409);
  if (meeting.startsAt && meeting.startsAt <= now) throw new InputError({ [field]: "programme:meeting.errors.moduleStarted" }, 409);
}

/** A member's vote (or proposal) for the module; voting again changes the vote. */
export async function voteForModule(db: Database, actor: Actor, reunionId: string, moduleId: string, now = new Date()) {
  const found = await findCycleMeeting(db, actor, reunionId);
  if (!isCycleMember(actor, found.group.access)) throw new ForbiddenError("programme:meeting.errors.onlyMembersVote");
  refuseIfClosed(found, now, "moduleId");
  await candidateOrRefuse(db, found, moduleId);
  await db.transaction(async (tx) => {
    // Read under the lock confirmModule takes, so no vote lands after the confirmation.
    const [current] = await tx.select({ confirmedAt: cycleMeetings.moduleConfirmedAt }).from(cycleMeetings).where(eq(cycleMeetings.reunionId, found.meeting.id)).for("share");
    if (current?.confirmedAt) throw new InputError({ moduleId: "programme:meeting.errors.votingClosed" }, 409);
    await tx
      .insert(meetingModuleVotes)
      .values({ reunionId: found.meeting.id, userId: actor.id, moduleId, createdAt: now })
      .onConflictDoUpdate({ target: [meetingModuleVotes.reunionId, meetingModuleVotes.userId], set: { moduleId, createdAt: now } });
  });
}

/** The facilitator or host confirms the module: the meeting runs it, and the members hear which. */
export async function confirmModule(db: Database, actor: Actor, reunionId: string, moduleId: string, now = new Date()) {
  const found = await findCycleMeeting(db, actor, reunionId);
  if (!canRunCycleMeeting(actor, found.group.access, found.cycleMeeting)) throw new ForbiddenError("programme:meeting.errors.onlyRunnersConfirm");
  refuseIfClosed(found, now, "moduleId");
  const chosen = await candidateOrRefuse(db, found, moduleId);
  await db.transaction(async (tx) => {
    // Two confirmations at once: the second waits for the first and overwrites it, each audited.
    await tx.select({ id: cycleMeetings.reunionId }).from(cycleMeetings).where(eq(cycleMeetings.reunionId, found.meeting.id)).for("update");
    await tx.update(reunions).set({ moduleId: chosen.id, updatedAt: now }).where(eq(reunions.id, found.meeting.id));
    await tx.update(cycleMeetings).set({ moduleConfirmedBy: actor.id, moduleConfirmedAt: now }).where(eq(cycleMeetings.reunionId, found.meeting.id));
    await recordAudit(tx, {
      actorId: actor.id,
      action: "cycle.module_confirmed",
      targetType: "cycle",
      targetId: found.cycle.id,
      targetLabel: found.meeting.title,
      ownerOrgId: found.group.orgId,
      details: { reunionId: found.meeting.id, number: found.cycleMeeting.number, moduleId: chosen.id, module: chosen.title },
      at: now,
    });
    const members = await listCycleMembers(tx, found.group.id);
    await notify(
      tx,
      members.map((m) => m.id),
      { kind: "programme", title: message("notifications:texts.moduleChosen", { meeting: found.cycleMeeting.number, module: chosen.title }), body: message("notifications:texts.moduleChosenBody", { group: found.group.name }), link: meetingPath(found.meeting.id) },
      { actorId: actor.id },
    );
  });
}

/** The viewer's own vote, if any. */
export async function myModuleVote(db: Database, reunionId: string, userId: string) {
  const [row] = await db
    .select({ moduleId: meetingModuleVotes.moduleId })
    .from(meetingModuleVotes)
    .where(and(eq(meetingModuleVotes.reunionId, reunionId), eq(meetingModuleVotes.userId, userId)));
  return row?.moduleId ?? null;
}
