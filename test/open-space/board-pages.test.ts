// The open-space board over HTTP: who sees it, the forms that work without
// JavaScript, and the version stamp the page polls to stay live.
import { eq } from "drizzle-orm";
import { openSpaceSessions } from "../../db/schema";
import { sessionCookieFor } from "../support/factories";
import { mainText, postForm } from "../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";
import { addRoomRow, addSessionRow, addSlotRow, openSpaceSetting, sessionRow } from "./open-space-setting";

let t: TestDatabase;
let server: TestServer;
beforeAll(async () => {
  t = await createTestDatabase();
  server = await startTestServer(t.db);
});
afterAll(async () => {
  await server?.stop();
  await t?.drop();
});

const get = async (path: string, userId?: string) => server.request(path, { headers: userId ? { Cookie: await sessionCookieFor(t.db, userId) } : {} });

test("an invitee sees the board; an outsider, someone not invited, and anyone on a classic reunion get a 404", async () => {
  const { reunion, ana, ben, outsider, notInvited } = await openSpaceSetting(t.db);
  const hall = await addRoomRow(t.db, reunion.id, "Hall", 40);
  const slot = await addSlotRow(t.db, reunion.id, new Date(reunion.startsAt!.getTime() + 3_600_000));
  await addSessionRow(t.db, reunion.id, { convenerId: ben.id, topic: "Feedback that lands", interested: [ana.id, ben.id], roomId: hall.id, slotId: slot.id });
  const path = `/reunions/${reunion.id}/open-space`;

  const page = await get(path, ana.id);
  expect(page.status).toBe(200);
  const text = mainText(await page.text());
  expect(text).toContain("Feedback that lands");
  expect(text).toContain(`Convened by ${ben.name}`);
  expect(text).toContain("2 people interested, including you");
  expect(text).toContain("Propose a session");
  expect(text).not.toContain("Make the schedule");

  expect((await get(path, outsider.id)).status).toBe(404);
  expect((await get(path, notInvited.id)).status).toBe(404);
  expect((await get(`${path}/version`, outsider.id)).status).toBe(404);
  const anonymous = await get(path);
  expect(anonymous.status).toBe(302);
  expect(anonymous.headers.get("location")).toMatch(/^\/login\?redirectTo=/);

  const classic = await openSpaceSetting(t.db, { format: "classic" });
  expect((await get(`/reunions/${classic.reunion.id}/open-space`, classic.ana.id)).status).toBe(404);
  expect((await get(`/reunions/${classic.reunion.id}/open-space`, classic.organiser.id)).status).toBe(404);
});

test("proposing a session and marking interest work as plain forms, and change the version the board polls", async () => {
  const { reunion, ana, ben } = await openSpaceSetting(t.db);
  const path = `/reunions/${reunion.id}/open-space`;
  const version = async () => {
    const res = await get(`${path}/version`, ben.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    return ((await res.json()) as { version: string }).version;
  };
  const before = await version();
  expect(await version()).toBe(before);

  const anaCookie = await sessionCookieFor(t.db, ana.id);
  const proposed = await postForm(server, path, { intent: "propose", topic: "Leading through a merger", description: "What we learned the hard way", convenerId: "" }, anaCookie);
  expect(proposed.status).toBe(302);
  const [session] = await t.db.select().from(openSpaceSessions).where(eq(openSpaceSessions.reunionId, reunion.id));
  expect(session).toMatchObject({ topic: "Leading through a merger", convenerId: ana.id });
  const afterProposal = await version();
  expect(afterProposal).not.toBe(before);

  const benCookie = await sessionCookieFor(t.db, ben.id);
  expect((await postForm(server, path, { intent: "interested", sessionId: session!.id }, benCookie)).status).toBe(302);
  expect(await version()).not.toBe(afterProposal);
  const board = mainText(await (await server.request(path, { headers: { Cookie: benCookie } })).text());
  expect(board).toContain("Sessions without a place yet (1)");
  expect(board).toContain("1 person interested, including you");
});

test("a proposal without a topic comes back with the message next to the field and the description kept", async () => {
  const { reunion, ana } = await openSpaceSetting(t.db);
  const res = await postForm(server, `/reunions/${reunion.id}/open-space`, { intent: "propose", topic: " ", description: "Kept as typed" }, await sessionCookieFor(t.db, ana.id));
  expect(res.status).toBe(400);
  const html = await res.text();
  expect(mainText(html)).toContain("Give the session a topic.");
  expect(html).toContain('value="Kept as typed"');
});

test("the organiser arranges the board and moves a session with the plain Move form", async () => {
  const { reunion, organiser, ana } = await openSpaceSetting(t.db);
  const path = `/reunions/${reunion.id}/open-space`;
  const cookie = await sessionCookieFor(t.db, organiser.id);
  expect((await postForm(server, path, { intent: "add-room", name: "Hall", capacity: "0" }, cookie)).status).toBe(400);
  expect((await postForm(server, path, { intent: "add-room", name: "Hall", capacity: "30" }, cookie)).status).toBe(302);
  expect((await postForm(server, path, { intent: "add-room", name: "Nook", capacity: "6" }, cookie)).status).toBe(302);
  const first = await addSlotRow(t.db, reunion.id, new Date(reunion.startsAt!.getTime() + 3_600_000));
  await addSlotRow(t.db, reunion.id, new Date(reunion.startsAt!.getTime() + 2 * 3_600_000));
  const session = await addSessionRow(t.db, reunion.id, { convenerId: ana.id, interested: [ana.id] });

  expect((await postForm(server, path, { intent: "make-schedule" }, cookie)).status).toBe(302);
  const scheduled = await sessionRow(t.db, session.id);
  expect(scheduled.timeSlotId).not.toBeNull();

  const page = mainText(await (await server.request(path, { headers: { Cookie: cookie } })).text());
  expect(page).toContain("Make the schedule");
  expect(page).toContain("Move this session");
  const rooms = await t.db.query.openSpaceRooms.findMany({ where: (r, { eq: is }) => is(r.reunionId, reunion.id) });
  const nook = rooms.find((r) => r.name === "Nook")!;
  expect((await postForm(server, path, { intent: "move", sessionId: session.id, roomId: nook.id, slotId: first.id }, cookie)).status).toBe(302);
  expect(await sessionRow(t.db, session.id)).toMatchObject({ roomId: nook.id, timeSlotId: first.id, pinned: true });

  // A participant posting the organiser's form is refused.
  const res = await postForm(server, path, { intent: "make-schedule" }, await sessionCookieFor(t.db, ana.id));
  expect(res.status).toBe(403);
});
