// Handing a cycle meeting to a member host (from the cohort's handover
// meeting on), and the suggestion to step back, judged on the cycle's
// earlier meetings by group-health.ts.
import { and, asc, eq, lt, ne } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { cycleMeetings, reunions } from "../../../../db/schema";
import { recordAudit } from "../../audit/record-audit.server";
import { ForbiddenError } from "../../http-errors";
import { InputError } from "../../input-error";
import { notify } from "../../notifications/notify.server";
import { isGroupFacilitator, type Actor } from "../../policy";
import { stepBackSuggestion } from "../group-health";
import { findCycleMeeting, type CycleMeeting } from "../load-programme-group.server";
import { meetingFigures, meetingHealth } from "./meeting-figures.server";
import { listCycleMembers, meetingPath } from "./meeting-people.server";
import { message } from "../../i18n/message";

/** Whether the facilitator might step back at this meeting, from the cycle's meetings held before it. */
export async function stepBackFor(db: Database, found: Pick<CycleMeeting, "meeting" | "cycleMeeting" | "group">, now = new Date()) {
  const held = await db
    .select({ reunionId: cycleMeetings.reunionId, number: cycleMeetings.number })
    .from(cycleMeetings)
    .innerJoin(reunions, eq(reunions.id, cycleMeetings.reunionId))
    .where(
      and(
        eq(cycleMeetings.cycleId, found.cycleMeeting.cycleId),
        lt(cycleMeetings.number, found.cycleMeeting.number),
        ne(reunions.status, "cancelled"),
        lt(reunions.endsAt, now),
      ),
    )
    .orderBy(asc(cycleMeetings.number));
  const [figures, members] = await Promise.all([meetingFigures(db, held.map((h) => h.reunionId)), listCycleMembers(db, found.group.id)]);
  const health = meetingHealth(
    held.map((h, i) => ({ number: h.number, figures: figures[i]! })),
    members.length,
  );
  return stepBackSuggestion(health, found.cycleMeeting.number, found.group.cohort.handoverFromMeeting);
}

/** The facilitator hands the meeting to a member, or takes it back (hostId = their own id). */
export async function handOverMeeting(db: Database, actor: Actor, reunionId: string, hostId: string, now = new Date()) {
  const found = await findCycleMeeting(db, actor, reunionId);
  if (!isGroupFacilitator(actor, found.group.access)) throw new ForbiddenError("programme:meeting.errors.onlyFacilitatorHandsOver");
  const { meeting, cycleMeeting, group } = found;
  if (meeting.status === "cancelled") throw new InputError({ hostId: "programme:meeting.errors.cancelled" }, 409);
  if (meeting.endsAt && meeting.endsAt <= now) throw new InputError({ hostId: "programme:meeting.errors.alreadyHeld" }, 409);
  const takingBack = hostId === actor.id;
  if (!takingBack && cycleMeeting.number < group.cohort.handoverFromMeeting) {
    throw new InputError({ hostId: message("programme:meeting.errors.hostFrom", { from: group.cohort.handoverFromMeeting, number: cycleMeeting.number }) });
  }
  const members = await listCycleMembers(db, group.id);
  const host = members.find((m) => m.id === hostId);
  if (!takingBack && !host) throw new InputError({ hostId: "programme:meeting.errors.chooseMemberHost" });
  if (cycleMeeting.hostId === hostId) return;
  await db.transaction(async (tx) => {
    await tx.update(cycleMeetings).set({ hostId }).where(eq(cycleMeetings.reunionId, meeting.id));
    await recordAudit(tx, {
      actorId: actor.id,
      action: "cycle.meeting_handed_over",
      targetType: "cycle",
      targetId: found.cycle.id,
      targetLabel: meeting.title,
      ownerOrgId: group.orgId,
      details: { reunionId: meeting.id, number: cycleMeeting.number, from: cycleMeeting.hostId, to: hostId },
      at: now,
    });
    if (host) {
      await notify(tx, [host.id], {
        kind: "programme",
        title: message("notifications:texts.host", { meeting: cycleMeeting.number, group: group.name }),
        body: "notifications:texts.hostBody",
        link: meetingPath(meeting.id),
      });
    }
  });
}
