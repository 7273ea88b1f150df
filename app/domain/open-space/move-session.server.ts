// The organiser's override: a session moved by hand stays there (pinned)
// when the schedule is made again. Moving onto a taken room swaps the two.
import { and, eq } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { openSpaceRooms, openSpaceSessions, openSpaceTimeSlots } from "../../../db/schema";
import { message } from "../i18n/message";
import { InputError } from "../input-error";
import type { Actor } from "../policy";
import type { MoveSessionInput } from "./open-space-fields";
import { changeBoard, findOpenSpaceToRun } from "./run-open-space.server";
import { isSlotLocked } from "./slot-lock";

const LOCKED = "reunions:board.errors.slotLocked";

export async function moveSession(db: Database, actor: Actor, reunionId: string, input: MoveSessionInput, now = new Date()) {
  const reunion = await findOpenSpaceToRun(db, actor, reunionId);
  await changeBoard(db, actor, reunion, { action: "reunion.session_moved", details: { ...input } }, async (tx) => {
    const inThisReunion = eq(openSpaceSessions.reunionId, reunion.id);
    const [session] = await tx.select().from(openSpaceSessions).where(and(eq(openSpaceSessions.id, input.sessionId), inThisReunion));
    if (!session) throw new InputError({ form: "reunions:board.errors.sessionGone" });
    const [room] = await tx.select().from(openSpaceRooms).where(and(eq(openSpaceRooms.id, input.roomId), eq(openSpaceRooms.reunionId, reunion.id)));
    if (!room) throw new InputError({ roomId: "reunions:board.errors.roomGone" });
    const slots = await tx.select().from(openSpaceTimeSlots).where(eq(openSpaceTimeSlots.reunionId, reunion.id));
    const target = slots.find((s) => s.id === input.slotId);
    if (!target) throw new InputError({ slotId: "reunions:board.errors.slotGone" });
    const from = slots.find((s) => s.id === session.timeSlotId && session.roomId);
    if (isSlotLocked(target.startsAt, now) || (from && isSlotLocked(from.startsAt, now))) throw new InputError({ slotId: LOCKED });
    if (session.roomId === room.id && session.timeSlotId === target.id) {
      await tx.update(openSpaceSessions).set({ pinned: true }).where(eq(openSpaceSessions.id, session.id));
      return;
    }

    const sameSlot = await tx.select().from(openSpaceSessions).where(and(inThisReunion, eq(openSpaceSessions.timeSlotId, target.id)));
    const occupant = sameSlot.find((s) => s.roomId === room.id);
    if (occupant && !from)
      throw new InputError({ roomId: message("reunions:board.errors.roomTaken", { topic: occupant.topic, room: room.name }) });
    const convenesThere = (who: string | null, ignoring: string[]) => who !== null && sameSlot.some((s) => s.convenerId === who && s.roomId && !ignoring.includes(s.id));
    if (convenesThere(session.convenerId, [session.id, occupant?.id ?? ""]))
      throw new InputError({ slotId: "reunions:board.errors.convenerBusy" });
    if (occupant && from && occupant.convenerId !== null && from.id !== target.id) {
      // The swapped session lands in the moved one's old slot: its convener must be free there.
      const oldSlot = await tx.select().from(openSpaceSessions).where(and(inThisReunion, eq(openSpaceSessions.timeSlotId, from.id)));
      if (oldSlot.some((s) => s.convenerId === occupant.convenerId && s.roomId && s.id !== session.id && s.id !== occupant.id))
        throw new InputError({ slotId: message("reunions:board.errors.swapConvenerBusy", { topic: occupant.topic }) });
    }

    if (occupant) {
      // Clear the cell first, then swap, so no moment has two sessions in one room.
      await tx.update(openSpaceSessions).set({ roomId: null, timeSlotId: null }).where(eq(openSpaceSessions.id, occupant.id));
      await tx.update(openSpaceSessions).set({ roomId: room.id, timeSlotId: target.id, pinned: true }).where(eq(openSpaceSessions.id, session.id));
      await tx.update(openSpaceSessions).set({ roomId: session.roomId, timeSlotId: session.timeSlotId, pinned: true }).where(eq(openSpaceSessions.id, occupant.id));
    } else {
      await tx.update(openSpaceSessions).set({ roomId: room.id, timeSlotId: target.id, pinned: true }).where(eq(openSpaceSessions.id, session.id));
    }
  });
}
