// Everything the board shows, for one person: the grid of time slots and
// rooms, the sessions waiting for a place, what they may do, and the
// version stamp the page polls to stay live.
import { createHash } from "node:crypto";
import { asc, count, eq, inArray } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { openSpaceInterest, openSpaceRooms, openSpaceSessions, openSpaceTimeSlots, users } from "../../../db/schema";
import { canRunReunion, canTakePartInReunion, type Actor } from "../policy";
import { findOpenSpace, type OpenSpaceReunion } from "./find-open-space.server";
import { possibleConveners } from "./propose-session.server";
import { isSlotLocked } from "./slot-lock";

export async function loadOpenSpaceBoard(db: Database, actor: Actor, reunionId: string, now = new Date()) {
  const reunion = await findOpenSpace(db, actor, reunionId);
  const state = await readBoard(db, reunion.id, now);
  const interest = state.sessions.length
    ? await db.select().from(openSpaceInterest).where(inArray(openSpaceInterest.sessionId, state.sessions.map((s) => s.id)))
    : [];
  const canRun = canRunReunion(actor, reunion);
  const canTakePart = canTakePartInReunion(actor, reunion);
  const sessions = state.sessions.map((s) => ({
    ...s,
    interestCount: interest.filter((i) => i.sessionId === s.id).length,
    mine: interest.some((i) => i.sessionId === s.id && i.userId === actor.id),
  }));
  const placed = (s: (typeof sessions)[number]) => !!s.roomId && !!s.timeSlotId;
  return {
    reunion: { id: reunion.id, title: reunion.title, timeZone: reunion.timeZone, startsAt: reunion.startsAt, endsAt: reunion.endsAt, status: reunion.status },
    rooms: state.rooms,
    slots: state.slots,
    sessions: sessions.filter(placed),
    unscheduled: sessions.filter((s) => !placed(s)).sort((a, b) => b.interestCount - a.interestCount || a.topic.localeCompare(b.topic)),
    conveners: canTakePart ? await possibleConveners(db, reunion) : [],
    can: { run: canRun, takePart: canTakePart },
    version: state.version,
  };
}

/** The board's version stamp alone: cheap enough to poll every few seconds. */
export async function openSpaceBoardVersion(db: Database, actor: Actor, reunionId: string, now = new Date()) {
  const reunion = await findOpenSpace(db, actor, reunionId);
  return (await readBoard(db, reunion.id, now)).version;
}

async function readBoard(db: Database, reunionId: OpenSpaceReunion["id"], now: Date) {
  const [rooms, slotRows, sessions, interestCounts] = await Promise.all([
    db.select().from(openSpaceRooms).where(eq(openSpaceRooms.reunionId, reunionId)).orderBy(asc(openSpaceRooms.name), asc(openSpaceRooms.id)),
    db.select().from(openSpaceTimeSlots).where(eq(openSpaceTimeSlots.reunionId, reunionId)).orderBy(asc(openSpaceTimeSlots.startsAt)),
    db
      .select({
        id: openSpaceSessions.id,
        topic: openSpaceSessions.topic,
        description: openSpaceSessions.description,
        convenerId: openSpaceSessions.convenerId,
        convenerName: users.name,
        roomId: openSpaceSessions.roomId,
        timeSlotId: openSpaceSessions.timeSlotId,
        pinned: openSpaceSessions.pinned,
      })
      .from(openSpaceSessions)
      .leftJoin(users, eq(users.id, openSpaceSessions.convenerId))
      .where(eq(openSpaceSessions.reunionId, reunionId))
      .orderBy(asc(openSpaceSessions.createdAt), asc(openSpaceSessions.id)),
    db
      .select({ sessionId: openSpaceInterest.sessionId, n: count() })
      .from(openSpaceInterest)
      .innerJoin(openSpaceSessions, eq(openSpaceSessions.id, openSpaceInterest.sessionId))
      .where(eq(openSpaceSessions.reunionId, reunionId))
      .groupBy(openSpaceInterest.sessionId),
  ]);
  // Rooms sorted by size on the board too, biggest first, as the schedule fills them.
  rooms.sort((a, b) => b.capacity - a.capacity || a.name.localeCompare(b.name));
  const slots = slotRows.map((s) => ({ id: s.id, startsAt: s.startsAt, endsAt: s.endsAt, locked: isSlotLocked(s.startsAt, now) }));
  // Everything another viewer could see change, including a slot locking as time passes.
  const stamp = JSON.stringify([
    rooms.map((r) => [r.id, r.name, r.capacity]),
    slots.map((s) => [s.id, s.startsAt.getTime(), s.endsAt.getTime(), s.locked]),
    sessions.map((s) => [s.id, s.topic, s.convenerId, s.roomId, s.timeSlotId, s.pinned]),
    interestCounts.map((i) => [i.sessionId, i.n]).sort(),
  ]);
  return { rooms, slots, sessions, version: createHash("sha1").update(stamp).digest("base64url").slice(0, 16) };
}
