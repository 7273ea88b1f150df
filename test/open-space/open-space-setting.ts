// Shared set-up for the open-space tests: an open-space reunion of
// organisation A inserted directly (the creation flow is tested elsewhere),
// its invitees, and an outsider from organisation B.
import { eq } from "drizzle-orm";
import type { Database } from "../../db/database";
import type { Role } from "../../db/roles";
import { openSpaceInterest, openSpaceRooms, openSpaceSessions, openSpaceTimeSlots, reunionAudience, reunions } from "../../db/schema";
import { createOrg, createUser, uniqueWord } from "../support/factories";

export type Person = Awaited<ReturnType<typeof createUser>>;

const HOUR = 3_600_000;

export async function person(db: Database, orgId: string, roles: Role[] = ["alumnus"], name = `Person ${uniqueWord()}`) {
  return createUser(db, { orgId, roles, name });
}

/** An open space two days from now, 09:00–17:00 in Paris, with three named invitees. */
export async function openSpaceSetting(db: Database, { format = "open_space" as "open_space" | "classic", startsInMs = 48 * HOUR, startsAt: fixedStart = null as Date | null } = {}) {
  const orgA = await createOrg(db);
  const orgB = await createOrg(db);
  const organiser = await person(db, orgA.id, ["alumnus"], `Olivia ${uniqueWord()}`);
  const ana = await person(db, orgA.id, ["alumnus"], `Ana ${uniqueWord()}`);
  const ben = await person(db, orgA.id, ["alumnus"], `Ben ${uniqueWord()}`);
  const cleo = await person(db, orgA.id, ["participant"], `Cleo ${uniqueWord()}`);
  const notInvited = await person(db, orgA.id, ["alumnus"], `Nina ${uniqueWord()}`);
  const orgAdmin = await person(db, orgA.id, ["org_admin"], `Adam ${uniqueWord()}`);
  const outsider = await person(db, orgB.id, ["alumnus", "org_admin"], `Otto ${uniqueWord()}`);
  const startsAt = fixedStart ?? new Date(Math.ceil((Date.now() + startsInMs) / HOUR) * HOUR);
  const [reunion] = await db
    .insert(reunions)
    .values({
      orgId: orgA.id,
      organiserId: organiser.id,
      title: `Lessons learned ${uniqueWord()}`,
      format,
      status: "scheduled",
      location: "The old mill",
      timeZone: "Europe/Paris",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 8 * HOUR),
    })
    .returning();
  await db.insert(reunionAudience).values([ana, ben, cleo].map((p) => ({ reunionId: reunion!.id, kind: "person" as const, userId: p.id })));
  return { orgA, orgB, organiser, ana, ben, cleo, notInvited, orgAdmin, outsider, reunion: reunion! };
}

/** Rooms and slots inserted directly; a slot starting within ten minutes is locked. */
export async function addRoomRow(db: Database, reunionId: string, name: string, capacity: number) {
  const [room] = await db.insert(openSpaceRooms).values({ reunionId, name, capacity }).returning();
  return room!;
}

export async function addSlotRow(db: Database, reunionId: string, startsAt: Date, minutes = 45) {
  const [slot] = await db
    .insert(openSpaceTimeSlots)
    .values({ reunionId, startsAt, endsAt: new Date(startsAt.getTime() + minutes * 60_000) })
    .returning();
  return slot!;
}

export async function addSessionRow(
  db: Database,
  reunionId: string,
  {
    convenerId,
    topic = `Topic ${uniqueWord()}`,
    interested = [],
    roomId = null,
    slotId = null,
    pinned = false,
  }: { convenerId: string | null; topic?: string; interested?: string[]; roomId?: string | null; slotId?: string | null; pinned?: boolean },
) {
  const [session] = await db.insert(openSpaceSessions).values({ reunionId, topic, convenerId, roomId, timeSlotId: slotId, pinned }).returning();
  if (interested.length) await db.insert(openSpaceInterest).values(interested.map((userId) => ({ sessionId: session!.id, userId })));
  return session!;
}

export async function sessionRow(db: Database, id: string) {
  const [row] = await db.select().from(openSpaceSessions).where(eq(openSpaceSessions.id, id));
  return row!;
}

/** The error a use-case threw, failing the test when it did not throw. */
export async function refusal(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("it was allowed");
}
