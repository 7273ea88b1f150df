// Session mode opened from a cycle meeting (?meeting=): for its facilitator
// or host, "who is here" lists the group's members and ticking records the
// meeting's attendance; take-aways written there carry the meeting. Without
// ?meeting it works as before; a stranger to the meeting gets a 404.
import { and, eq } from "drizzle-orm";
import { meetingAttendance, takeaways } from "../../db/schema";
import { createPublishedModule, createUser, sessionCookieFor } from "../support/factories";
import { decodeEntities, postForm } from "../support/http-helpers";
import { createCycle, programmeSetting, recordAttendanceRows } from "../support/programme-factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";

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

const MINUTE = 60_000;

async function setting() {
  const s = await programmeSetting(t.db, { members: 3 });
  const module = await createPublishedModule(t.db, { authorId: s.admin.id });
  const { meetings } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, meetings: [{ startsAt: new Date(Date.now() - 10 * MINUTE), moduleId: module.id }] });
  return { ...s, module, meeting: meetings[0]! };
}

test("the facilitator's who-is-here lists the members; ticking records attendance and the pages follow those present", async () => {
  const s = await setting();
  const [a, b, c] = s.people;
  await recordAttendanceRows(t.db, s.meeting.id, { [c!.id]: "excused" }, s.facilitator.id);
  const cookie = await sessionCookieFor(t.db, s.facilitator.id);
  const path = `/modules/${s.module.slug}/session?meeting=${s.meeting.id}`;
  const page = await server.request(path, { headers: { Cookie: cookie } });
  expect(page.status).toBe(200);
  const html = decodeEntities(await page.text());
  for (const p of s.people) expect(html).toContain(p.name);
  expect(html).not.toContain(`value="${s.facilitator.id}"`);
  expect(html).toContain("Record who is here");

  const res = await postForm(server, path, { intent: "who-is-here", present: [a!.id, b!.id] }, cookie);
  expect(res.status).toBe(302);
  const next = new URL(res.headers.get("Location")!, server.url);
  expect(next.searchParams.get("page")).toBe("1");
  expect(next.searchParams.get("meeting")).toBe(s.meeting.id);
  expect(next.searchParams.get("names")!.split("\n").sort()).toEqual([a!.name, b!.name].sort());
  const rows = await t.db.select().from(meetingAttendance).where(eq(meetingAttendance.reunionId, s.meeting.id));
  expect(Object.fromEntries(rows.map((r) => [r.userId, r.status]))).toEqual({ [a!.id]: "present", [b!.id]: "present", [c!.id]: "excused" });

  // Someone who is not a member, ticked by a crafted form: refused, nothing changes.
  const stranger = await createUser(t.db, { orgId: s.org.id });
  const refused = await postForm(server, path, { intent: "who-is-here", present: [a!.id, stranger.id] }, cookie);
  expect(refused.status).toBe(400);
  expect(decodeEntities(await refused.text())).toMatch(/members only/);
  expect(await t.db.select().from(meetingAttendance).where(eq(meetingAttendance.reunionId, s.meeting.id))).toHaveLength(3);
});

test("take-aways written in session mode from a meeting carry it; without ?meeting they do not", async () => {
  const s = await setting();
  const member = s.people[0]!;
  const cookie = await sessionCookieFor(t.db, member.id);
  const end = `/modules/${s.module.slug}/session?page=7&meeting=${s.meeting.id}`;
  // A member sees the ordinary who-is-here (the facilitator records attendance).
  const setup = decodeEntities(await (await server.request(`/modules/${s.module.slug}/session?meeting=${s.meeting.id}`, { headers: { Cookie: cookie } })).text());
  expect(setup).not.toContain("Record who is here");
  expect((await postForm(server, end, { text: "Ask one more question" }, cookie)).status).toBe(302);
  expect((await postForm(server, `/modules/${s.module.slug}/session?page=7`, { text: "Outside the programme" }, cookie)).status).toBe(302);
  const mine = await t.db.select({ text: takeaways.text, meetingId: takeaways.meetingId }).from(takeaways).where(eq(takeaways.userId, member.id));
  expect(Object.fromEntries(mine.map((m) => [m.text, m.meetingId]))).toEqual({ "Ask one more question": s.meeting.id, "Outside the programme": null });
});

test("a stranger to the meeting gets a 404, and writes nothing", async () => {
  const s = await setting();
  for (const who of [s.admin, s.outsider, await createUser(t.db, { orgId: s.org.id })]) {
    const cookie = await sessionCookieFor(t.db, who.id);
    const path = `/modules/${s.module.slug}/session?page=7&meeting=${s.meeting.id}`;
    expect((await server.request(path, { headers: { Cookie: cookie } })).status).toBe(404);
    expect((await postForm(server, path, { text: "Sneaky" }, cookie)).status).toBe(404);
    expect((await postForm(server, path, { intent: "who-is-here", present: s.people[0]!.id }, cookie)).status).toBe(404);
  }
  expect(await t.db.select().from(takeaways).where(and(eq(takeaways.meetingId, s.meeting.id)))).toHaveLength(0);
  expect(await t.db.select().from(meetingAttendance).where(eq(meetingAttendance.reunionId, s.meeting.id))).toHaveLength(0);
});
