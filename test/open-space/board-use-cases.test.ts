// The open-space board over a real database: proposing sessions, marking
// interest, the organiser's rooms, slots and schedule, and moves by hand.
import { and, eq } from "drizzle-orm";
import { auditEvents, notifications, openSpaceInterest, openSpaceSessions, openSpaceTimeSlots } from "../../db/schema";
import { addRoom, addTimeSlot } from "../../app/domain/open-space/arrange-rooms-and-slots.server";
import { makeSchedule } from "../../app/domain/open-space/make-schedule.server";
import { setInterest } from "../../app/domain/open-space/mark-interest.server";
import { moveSession } from "../../app/domain/open-space/move-session.server";
import { proposeSession } from "../../app/domain/open-space/propose-session.server";
import { ForbiddenError, NotFoundError } from "../../app/domain/http-errors";
import { InputError } from "../../app/domain/input-error";
import { nestedMessageIn } from "../../app/domain/i18n/translators";
import { instantToLocal, localToInstant } from "../../app/domain/reunions/zoned-time";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { addRoomRow, addSessionRow, addSlotRow, openSpaceSetting, refusal, sessionRow } from "./open-space-setting";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const MINUTE = 60_000;
/** The refusal's field messages, as an English reader reads them. */
const messageOf = (error: unknown) => Object.fromEntries(Object.entries((error as InputError).fieldErrors).map(([field, text]) => [field, nestedMessageIn("en", text)]));

describe("proposing sessions and marking interest", () => {
  test("an invitee proposes a session they convene; it waits for a place", async () => {
    const { reunion, ana } = await openSpaceSetting(t.db);
    const id = await proposeSession(t.db, ana, reunion.id, { topic: "Saying no to the urgent", description: "How do you protect deep work?", convenerId: null });
    const row = await sessionRow(t.db, id);
    expect(row).toMatchObject({ topic: "Saying no to the urgent", convenerId: ana.id, roomId: null, timeSlotId: null, pinned: false });
  });

  test("naming another invitee as convener tells them; someone not invited cannot be named", async () => {
    const { reunion, ana, ben, notInvited } = await openSpaceSetting(t.db);
    const id = await proposeSession(t.db, ana, reunion.id, { topic: "Hiring in a downturn", description: "", convenerId: ben.id });
    expect((await sessionRow(t.db, id)).convenerId).toBe(ben.id);
    const told = await t.db.select().from(notifications).where(eq(notifications.userId, ben.id));
    expect(told.map((n) => n.title)).toEqual(["You are the convener of “Hiring in a downturn”"]);
    const error = await refusal(proposeSession(t.db, ana, reunion.id, { topic: "Another", description: "", convenerId: notInvited.id }));
    expect(messageOf(error)).toEqual({ convenerId: "The convener must be someone invited to this open space." });
  });

  test("people outside the reunion get a 404, and an admin who was not invited may look but not propose", async () => {
    const { reunion, outsider, notInvited, orgAdmin } = await openSpaceSetting(t.db);
    expect(await refusal(proposeSession(t.db, outsider, reunion.id, { topic: "X", description: "", convenerId: null }))).toBeInstanceOf(NotFoundError);
    expect(await refusal(proposeSession(t.db, notInvited, reunion.id, { topic: "X", description: "", convenerId: null }))).toBeInstanceOf(NotFoundError);
    const refused = await refusal(proposeSession(t.db, orgAdmin, reunion.id, { topic: "X", description: "", convenerId: null }));
    expect(refused).toBeInstanceOf(ForbiddenError);
    expect(nestedMessageIn("en", await (refused as ForbiddenError).text())).toBe("Only the people invited to this open space can propose sessions.");
    const session = await addSessionRow(t.db, reunion.id, { convenerId: null });
    const notInterested = await refusal(setInterest(t.db, orgAdmin, reunion.id, session.id, true));
    expect(notInterested).toBeInstanceOf(ForbiddenError);
    expect((notInterested as ForbiddenError).status).toBe(403);
  });

  test("a classic reunion has no board", async () => {
    const { reunion, ana } = await openSpaceSetting(t.db, { format: "classic" });
    expect(await refusal(proposeSession(t.db, ana, reunion.id, { topic: "X", description: "", convenerId: null }))).toBeInstanceOf(NotFoundError);
  });

  test("interest is one mark per person, however often it is pressed, and can be taken back", async () => {
    const { reunion, ana, ben } = await openSpaceSetting(t.db);
    const id = await proposeSession(t.db, ana, reunion.id, { topic: "Remote one-to-ones", description: "", convenerId: null });
    await setInterest(t.db, ben, reunion.id, id, true);
    await setInterest(t.db, ben, reunion.id, id, true);
    const marks = () => t.db.select().from(openSpaceInterest).where(eq(openSpaceInterest.sessionId, id));
    expect(await marks()).toHaveLength(1);
    await setInterest(t.db, ben, reunion.id, id, false);
    expect(await marks()).toHaveLength(0);
  });
});

describe("rooms and time slots", () => {
  test("the organiser adds rooms and slots typed in the reunion's time zone", async () => {
    const { reunion, organiser } = await openSpaceSetting(t.db);
    await addRoom(t.db, organiser, reunion.id, { name: "Library", capacity: 12 });
    const start = instantToLocal(new Date(reunion.startsAt!.getTime() + 60 * MINUTE), "Europe/Paris");
    const end = instantToLocal(new Date(reunion.startsAt!.getTime() + 105 * MINUTE), "Europe/Paris");
    const slotId = await addTimeSlot(t.db, organiser, reunion.id, { date: start.date, startTime: start.time, endTime: end.time });
    const [slot] = await t.db.select().from(openSpaceTimeSlots).where(eq(openSpaceTimeSlots.id, slotId));
    expect(slot!.startsAt.getTime()).toBe(reunion.startsAt!.getTime() + 60 * MINUTE);
    const audited = await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, reunion.id));
    expect(audited.map((a) => a.action).sort()).toEqual(["reunion.room_added", "reunion.time_slot_added"]);
  });

  test("slots that end before they start, fall outside the event or overlap another get a clear message", async () => {
    // At 10:00 in Paris two days ahead, so every slot below falls on the event's own day whenever the test runs.
    const day = instantToLocal(new Date(Date.now() + 48 * 60 * MINUTE), "Europe/Paris").date;
    const { reunion, organiser } = await openSpaceSetting(t.db, { startsAt: localToInstant({ date: day, time: "10:00" }, "Europe/Paris") });
    const at = (minutes: number) => instantToLocal(new Date(reunion.startsAt!.getTime() + minutes * MINUTE), "Europe/Paris");
    const slot = (from: number, to: number) => addTimeSlot(t.db, organiser, reunion.id, { date: at(from).date, startTime: at(from).time, endTime: at(to).time });
    expect(messageOf(await refusal(slot(60, 30)))).toEqual({ endTime: "The time slot ends before it starts. Make the end time later than the start time." });
    expect(messageOf(await refusal(slot(-120, -60))).startTime).toMatch(/^The time slot must be within the open space, from /);
    await slot(60, 120);
    expect(messageOf(await refusal(slot(90, 150))).startTime).toMatch(/^This overlaps the time slot starting .*\. Time slots cannot overlap\.$/);
  });

  test("only the organiser and the organisation's admins arrange the board", async () => {
    const { reunion, ana, orgAdmin } = await openSpaceSetting(t.db);
    expect(await refusal(addRoom(t.db, ana, reunion.id, { name: "Hall", capacity: 40 }))).toBeInstanceOf(ForbiddenError);
    await addRoom(t.db, orgAdmin, reunion.id, { name: "Hall", capacity: 40 });
  });
});

describe("the schedule and moves by hand", () => {
  async function boardWithRoomsAndSlots() {
    const setting = await openSpaceSetting(t.db);
    const { reunion } = setting;
    const hall = await addRoomRow(t.db, reunion.id, "Hall", 40);
    const nook = await addRoomRow(t.db, reunion.id, "Nook", 8);
    const first = await addSlotRow(t.db, reunion.id, new Date(reunion.startsAt!.getTime() + 60 * MINUTE));
    const second = await addSlotRow(t.db, reunion.id, new Date(reunion.startsAt!.getTime() + 120 * MINUTE));
    return { ...setting, hall, nook, first, second };
  }

  test("making the schedule gives the most wanted session the biggest room and leaves pinned sessions alone", async () => {
    const { reunion, organiser, ana, ben, cleo, hall, nook, first, second } = await boardWithRoomsAndSlots();
    const popular = await addSessionRow(t.db, reunion.id, { convenerId: ana.id, interested: [ana.id, ben.id, cleo.id] });
    const quiet = await addSessionRow(t.db, reunion.id, { convenerId: ben.id, interested: [cleo.id] });
    const pinned = await addSessionRow(t.db, reunion.id, { convenerId: cleo.id, interested: [ana.id, ben.id, cleo.id, organiser.id], roomId: nook.id, slotId: second.id, pinned: true });
    const result = await makeSchedule(t.db, organiser, reunion.id);
    expect(result).toEqual({ placed: 2, kept: 1, unscheduled: 0 });
    expect(await sessionRow(t.db, pinned.id)).toMatchObject({ roomId: nook.id, timeSlotId: second.id, pinned: true });
    const placedPopular = await sessionRow(t.db, popular.id);
    expect(placedPopular.roomId).toBe(hall.id);
    expect(placedPopular.pinned).toBe(false);
    // Ana wants the pinned session too, so hers goes to the other slot.
    expect(placedPopular.timeSlotId).toBe(first.id);
    expect((await sessionRow(t.db, quiet.id)).timeSlotId).not.toBeNull();

    // Made again, the schedule still leaves the pinned session where it is.
    await makeSchedule(t.db, organiser, reunion.id);
    expect(await sessionRow(t.db, pinned.id)).toMatchObject({ roomId: nook.id, timeSlotId: second.id });
  });

  test("a move pins the session; onto a taken room the two swap", async () => {
    const { reunion, organiser, ana, ben, hall, nook, first, second } = await boardWithRoomsAndSlots();
    const a = await addSessionRow(t.db, reunion.id, { convenerId: ana.id, roomId: hall.id, slotId: first.id });
    const b = await addSessionRow(t.db, reunion.id, { convenerId: ben.id, roomId: nook.id, slotId: second.id });
    await moveSession(t.db, organiser, reunion.id, { sessionId: a.id, roomId: nook.id, slotId: second.id });
    expect(await sessionRow(t.db, a.id)).toMatchObject({ roomId: nook.id, timeSlotId: second.id, pinned: true });
    expect(await sessionRow(t.db, b.id)).toMatchObject({ roomId: hall.id, timeSlotId: first.id, pinned: true });
    const moved = await t.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, reunion.id), eq(auditEvents.action, "reunion.session_moved")));
    expect(moved).toHaveLength(1);
  });

  test("a move that gives a convener two sessions at once is refused", async () => {
    const { reunion, organiser, ana, hall, nook, first, second } = await boardWithRoomsAndSlots();
    await addSessionRow(t.db, reunion.id, { convenerId: ana.id, roomId: hall.id, slotId: first.id });
    const other = await addSessionRow(t.db, reunion.id, { convenerId: ana.id, roomId: hall.id, slotId: second.id });
    const error = await refusal(moveSession(t.db, organiser, reunion.id, { sessionId: other.id, roomId: nook.id, slotId: first.id }));
    expect(messageOf(error)).toEqual({ slotId: "The convener of this session already runs another session in that time slot." });
    expect(await sessionRow(t.db, other.id)).toMatchObject({ roomId: hall.id, timeSlotId: second.id, pinned: false });
  });

  test("an unscheduled session cannot push another out of its room", async () => {
    const { reunion, organiser, ana, ben, hall, first } = await boardWithRoomsAndSlots();
    const placed = await addSessionRow(t.db, reunion.id, { convenerId: ana.id, roomId: hall.id, slotId: first.id });
    const waiting = await addSessionRow(t.db, reunion.id, { convenerId: ben.id });
    const error = await refusal(moveSession(t.db, organiser, reunion.id, { sessionId: waiting.id, roomId: hall.id, slotId: first.id }));
    expect(messageOf(error).roomId).toMatch(/is already in Hall at that time\. Move it elsewhere first, or choose a free room\.$/);
    expect((await sessionRow(t.db, placed.id)).roomId).toBe(hall.id);
  });

  test("a slot starting within ten minutes is locked: nothing moves in or out, and the schedule leaves it as it is", async () => {
    const { reunion, organiser, ana, ben, cleo, hall, nook, second } = await boardWithRoomsAndSlots();
    const soon = await addSlotRow(t.db, reunion.id, new Date(Date.now() + 5 * MINUTE));
    const inLocked = await addSessionRow(t.db, reunion.id, { convenerId: ana.id, roomId: nook.id, slotId: soon.id });
    const waiting = await addSessionRow(t.db, reunion.id, { convenerId: ben.id, interested: [ana.id, ben.id, cleo.id] });
    const locked = "This time slot is about to start or under way, so its sessions can no longer change.";
    expect(messageOf(await refusal(moveSession(t.db, organiser, reunion.id, { sessionId: waiting.id, roomId: hall.id, slotId: soon.id })))).toEqual({ slotId: locked });
    expect(messageOf(await refusal(moveSession(t.db, organiser, reunion.id, { sessionId: inLocked.id, roomId: hall.id, slotId: second.id })))).toEqual({ slotId: locked });

    await makeSchedule(t.db, organiser, reunion.id);
    expect(await sessionRow(t.db, inLocked.id)).toMatchObject({ roomId: nook.id, timeSlotId: soon.id });
    const placed = await sessionRow(t.db, waiting.id);
    expect(placed.timeSlotId).not.toBe(soon.id);
    expect(placed.timeSlotId).not.toBeNull();
    const inSoon = await t.db.select().from(openSpaceSessions).where(eq(openSpaceSessions.timeSlotId, soon.id));
    expect(inSoon.map((s) => s.id)).toEqual([inLocked.id]);
  });

  test("a participant cannot make the schedule or move sessions", async () => {
    const { reunion, ana, hall, first } = await boardWithRoomsAndSlots();
    const s = await addSessionRow(t.db, reunion.id, { convenerId: ana.id });
    expect(await refusal(makeSchedule(t.db, ana, reunion.id))).toBeInstanceOf(ForbiddenError);
    expect(await refusal(moveSession(t.db, ana, reunion.id, { sessionId: s.id, roomId: hall.id, slotId: first.id }))).toBeInstanceOf(ForbiddenError);
  });
});
