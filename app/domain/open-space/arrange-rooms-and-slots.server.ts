// The organiser's frame for the schedule: rooms, each with a capacity, and
// time slots inside the event, typed in the reunion's time zone.
import { and, eq } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { openSpaceRooms, openSpaceSessions, openSpaceTimeSlots } from "../../../db/schema";
import { momentValue, nestedMessage } from "../i18n/nested-message";
import { message } from "../i18n/message";
import { InputError } from "../input-error";
import type { Actor } from "../policy";
import { isValidLocalDate, isValidLocalTime, localToInstant } from "../reunions/zoned-time";
import type { AddRoomInput, AddTimeSlotInput } from "./open-space-fields";
import { changeBoard, findOpenSpaceToRun } from "./run-open-space.server";
import { isSlotLocked } from "./slot-lock";

export async function addRoom(db: Database, actor: Actor, reunionId: string, input: AddRoomInput) {
  const reunion = await findOpenSpaceToRun(db, actor, reunionId);
  return changeBoard(db, actor, reunion, { action: "reunion.room_added", details: { name: input.name, capacity: input.capacity } }, async (tx) => {
    const [room] = await tx.insert(openSpaceRooms).values({ reunionId: reunion.id, name: input.name, capacity: input.capacity }).returning({ id: openSpaceRooms.id });
    return room!.id;
  });
}

export async function addTimeSlot(db: Database, actor: Actor, reunionId: string, input: AddTimeSlotInput, now = new Date()) {
  const reunion = await findOpenSpaceToRun(db, actor, reunionId);
  const zone = reunion.timeZone;
  if (!reunion.startsAt || !reunion.endsAt) throw new InputError({ date: "reunions:board.errors.slotNeedsDate" });
  if (!isValidLocalDate(input.date)) throw new InputError({ date: "reunions:board.errors.slotDate" });
  if (!isValidLocalTime(input.startTime) || !isValidLocalTime(input.endTime)) throw new InputError({ startTime: "reunions:board.errors.slotTimes" });
  const startsAt = localToInstant({ date: input.date, time: input.startTime }, zone);
  const endsAt = localToInstant({ date: input.date, time: input.endTime }, zone);
  if (endsAt.getTime() <= startsAt.getTime()) throw new InputError({ endTime: "reunions:board.errors.slotEndsBeforeStart" });
  if (startsAt.getTime() < now.getTime()) throw new InputError({ startTime: "reunions:board.errors.slotInPast" });
  if (startsAt.getTime() < reunion.startsAt.getTime() || endsAt.getTime() > reunion.endsAt.getTime())
    throw new InputError({
      startTime: nestedMessage("reunions:board.errors.slotOutside", { from: momentValue(reunion.startsAt, zone), to: momentValue(reunion.endsAt, zone) }),
    });

  return changeBoard(db, actor, reunion, { action: "reunion.time_slot_added", details: { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() } }, async (tx) => {
    // Overlapping slots would let one convener be in two rooms at once.
    const existing = await tx.select().from(openSpaceTimeSlots).where(eq(openSpaceTimeSlots.reunionId, reunion.id));
    const clash = existing.find((s) => s.startsAt.getTime() < endsAt.getTime() && startsAt.getTime() < s.endsAt.getTime());
    if (clash) throw new InputError({ startTime: nestedMessage("reunions:board.errors.slotOverlaps", { start: momentValue(clash.startsAt, zone) }) });
    const [slot] = await tx.insert(openSpaceTimeSlots).values({ reunionId: reunion.id, startsAt, endsAt }).returning({ id: openSpaceTimeSlots.id });
    return slot!.id;
  });
}

/** Taking a room away sends its sessions back to the unscheduled list, unless one is about to start. */
export async function removeRoom(db: Database, actor: Actor, reunionId: string, roomId: string, now = new Date()) {
  const reunion = await findOpenSpaceToRun(db, actor, reunionId);
  await changeBoard(db, actor, reunion, { action: "reunion.room_removed", details: { roomId } }, async (tx) => {
    const [room] = await tx.select().from(openSpaceRooms).where(and(eq(openSpaceRooms.id, roomId), eq(openSpaceRooms.reunionId, reunion.id)));
    if (!room) throw new InputError({ form: "reunions:board.errors.roomGone" });
    const inRoom = await tx
      .select({ startsAt: openSpaceTimeSlots.startsAt })
      .from(openSpaceSessions)
      .innerJoin(openSpaceTimeSlots, eq(openSpaceTimeSlots.id, openSpaceSessions.timeSlotId))
      .where(eq(openSpaceSessions.roomId, room.id));
    if (inRoom.some((s) => isSlotLocked(s.startsAt, now))) throw new InputError({ form: message("reunions:board.errors.roomInUse", { room: room.name }) });
    await tx.update(openSpaceSessions).set({ roomId: null, timeSlotId: null, pinned: false }).where(eq(openSpaceSessions.roomId, room.id));
    await tx.delete(openSpaceRooms).where(eq(openSpaceRooms.id, room.id));
  });
}

export async function removeTimeSlot(db: Database, actor: Actor, reunionId: string, slotId: string, now = new Date()) {
  const reunion = await findOpenSpaceToRun(db, actor, reunionId);
  await changeBoard(db, actor, reunion, { action: "reunion.time_slot_removed", details: { slotId } }, async (tx) => {
    const [slot] = await tx.select().from(openSpaceTimeSlots).where(and(eq(openSpaceTimeSlots.id, slotId), eq(openSpaceTimeSlots.reunionId, reunion.id)));
    if (!slot) throw new InputError({ form: "reunions:board.errors.slotGone" });
    if (isSlotLocked(slot.startsAt, now)) throw new InputError({ form: "reunions:board.errors.slotInUse" });
    await tx.update(openSpaceSessions).set({ roomId: null, timeSlotId: null, pinned: false }).where(eq(openSpaceSessions.timeSlotId, slot.id));
    await tx.delete(openSpaceTimeSlots).where(eq(openSpaceTimeSlots.id, slot.id));
  });
}
