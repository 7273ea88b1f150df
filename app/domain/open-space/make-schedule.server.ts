// "Make the schedule": runs the automatic schedule over the board and stores
// it. Sessions the organiser placed by hand, and those in slots about to
// start, stay where they are.
import { asc, eq, inArray } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { openSpaceInterest, openSpaceRooms, openSpaceSessions, openSpaceTimeSlots } from "../../../db/schema";
import { InputError } from "../input-error";
import type { Actor } from "../policy";
import { changeBoard, findOpenSpaceToRun } from "./run-open-space.server";
import { scheduleSessions } from "./schedule-sessions";
import { isSlotLocked } from "./slot-lock";

export async function makeSchedule(db: Database, actor: Actor, reunionId: string, now = new Date()) {
  const reunion = await findOpenSpaceToRun(db, actor, reunionId);
  return changeBoard(db, actor, reunion, { action: "reunion.schedule_made" }, async (tx) => {
    const rooms = await tx.select({ id: openSpaceRooms.id, capacity: openSpaceRooms.capacity }).from(openSpaceRooms).where(eq(openSpaceRooms.reunionId, reunion.id));
    const slots = (await tx.select().from(openSpaceTimeSlots).where(eq(openSpaceTimeSlots.reunionId, reunion.id)).orderBy(asc(openSpaceTimeSlots.startsAt))).map((s) => ({
      id: s.id,
      locked: isSlotLocked(s.startsAt, now),
    }));
    if (rooms.length === 0 || slots.length === 0) throw new InputError({ form: "reunions:board.errors.scheduleNeedsRoomsAndSlots" });
    const sessions = await tx.select().from(openSpaceSessions).where(eq(openSpaceSessions.reunionId, reunion.id));
    const interest = sessions.length
      ? await tx.select().from(openSpaceInterest).where(inArray(openSpaceInterest.sessionId, sessions.map((s) => s.id)))
      : [];
    const lockedSlots = new Set(slots.filter((s) => s.locked).map((s) => s.id));
    const input = sessions.map((s) => {
      const placed = s.roomId && s.timeSlotId ? { roomId: s.roomId, slotId: s.timeSlotId } : null;
      return {
        id: s.id,
        convenerId: s.convenerId,
        interestedUserIds: interest.filter((i) => i.sessionId === s.id).map((i) => i.userId),
        pinned: placed && (s.pinned || lockedSlots.has(placed.slotId)) ? placed : null,
      };
    });
    const schedule = scheduleSessions(input, rooms, slots);
    let placedCount = 0;
    for (const s of input) {
      if (s.pinned) continue;
      const place = schedule.get(s.id) ?? null;
      if (place) placedCount++;
      await tx
        .update(openSpaceSessions)
        .set({ roomId: place?.roomId ?? null, timeSlotId: place?.slotId ?? null })
        .where(eq(openSpaceSessions.id, s.id));
    }
    return { placed: placedCount, kept: input.filter((s) => s.pinned).length, unscheduled: input.filter((s) => !schedule.get(s.id)).length };
  });
}
