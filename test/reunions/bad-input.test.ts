// Bad input when planning or changing a reunion: a 400 with a clear message
// next to the field, and what was typed kept.
import { reunions } from "../../db/schema";
import { rsvp } from "../../app/domain/reunions/rsvp.server";
import { sessionCookieFor } from "../support/factories";
import { decodeEntities, mainText, postForm } from "../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";
import { currentDate, daysFromNow, reunionSetting, scheduledReunion } from "./reunion-setting";

let t: TestDatabase;
let server: TestServer;
let setting: Awaited<ReturnType<typeof reunionSetting>>;
beforeAll(async () => {
  t = await createTestDatabase();
  server = await startTestServer(t.db);
  setting = await reunionSetting(t.db, { invitees: 2 });
});
afterAll(async () => {
  await server?.stop();
  await t?.drop();
});

const pollForm = (overrides: Record<string, string> = {}) => ({
  title: "Spring get-together",
  format: "classic",
  location: "The Harbour Room",
  onlineUrl: "",
  capacity: "",
  timeZone: "Europe/London",
  groupIds: setting.group.id,
  schedule: "poll",
  slot1Date: daysFromNow(10),
  slot1Start: "18:00",
  slot1End: "20:00",
  slot1Zone: "Europe/London",
  slot2Date: daysFromNow(12),
  slot2Start: "18:00",
  slot2End: "20:00",
  slot2Zone: "America/New_York",
  deadline: "",
  ...overrides,
});

async function expectRefused(fields: Record<string, string>, message: string, kept: string) {
  const before = (await t.db.select().from(reunions)).length;
  const res = await postForm(server, "/reunions/new", fields, await sessionCookieFor(t.db, setting.organiser.id));
  expect(res.status).toBe(400);
  const html = await res.text();
  expect(mainText(html)).toContain(message);
  expect(decodeEntities(html)).toContain(`value="${kept}"`);
  expect((await t.db.select().from(reunions)).length).toBe(before);
}

test("a slot that ends before it starts", async () => {
  await expectRefused(pollForm({ slot2Start: "20:00", slot2End: "19:00" }), "Option 2 ends before it starts.", "Spring get-together");
});

test("a slot in the past", async () => {
  await expectRefused(pollForm({ slot1Date: daysFromNow(-3) }), "Option 1 is in the past. Choose a date still to come.", daysFromNow(-3));
});

test("an unknown time zone", async () => {
  await expectRefused(pollForm({ slot2Zone: "Mars/Olympus_Mons" }), "We do not know this time zone.", daysFromNow(12));
  await expectRefused(pollForm({ timeZone: "Atlantis/Capital" }), "We do not know this time zone.", "Spring get-together");
});

test("a deadline after every slot, or already passed", async () => {
  await expectRefused(pollForm({ deadline: `${daysFromNow(13)}T09:00` }), "The deadline comes after every date offered.", `${daysFromNow(13)}T09:00`);
  await expectRefused(pollForm({ deadline: `${daysFromNow(-1)}T09:00` }), "This deadline has already passed.", `${daysFromNow(-1)}T09:00`);
});

test("no slot at all, and a link that is not a web link", async () => {
  await expectRefused(pollForm({ slot1Date: "", slot1Start: "", slot1End: "", slot2Date: "", slot2Start: "", slot2End: "" }), "Offer at least one date for people to choose from.", "Spring get-together");
  await expectRefused(pollForm({ onlineUrl: "javascript:alert(1)" }), "Enter a web link that starts with https:// or http://.", "javascript:alert(1)");
});

test("nobody invited", async () => {
  await expectRefused(pollForm({ groupIds: "" }), "Choose who is invited", "Spring get-together");
});

test("a capacity below the number already going", async () => {
  const id = await scheduledReunion(t.db, setting.organiser, setting.group.id);
  await rsvp(t.db, setting.guests[0]!, id, "going");
  await rsvp(t.db, setting.guests[1]!, id, "going");
  const res = await postForm(
    server,
    `/reunions/${id}/edit`,
    { intent: "change", location: "The Harbour Room", onlineUrl: "", capacity: "1", ...(await currentDate(t.db, id)) },
    await sessionCookieFor(t.db, setting.organiser.id),
  );
  expect(res.status).toBe(400);
  const html = await res.text();
  expect(mainText(html)).toContain("2 people are already going, so the capacity cannot be lower than 2.");
  expect(html).toContain('value="1"');
});
