// Privacy: a reunion exists only for its organiser, its audience and the
// organisation's admins; everyone else gets a 404 on every route. Only the
// organiser runs it; attendance is kept.
import { and, eq } from "drizzle-orm";
import { auditEvents, reunionRsvps } from "../../db/schema";
import { createUser, sessionCookieFor } from "../support/factories";
import { mainText, postForm } from "../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";
import { reunionSetting, scheduledReunion } from "./reunion-setting";

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

const get = async (path: string, userId: string) => server.request(path, { headers: { Cookie: await sessionCookieFor(t.db, userId) } });

test("people outside the audience get a 404 on every reunion route, and it is not in their list", async () => {
  const { organiser, colleague, outsider, group } = await reunionSetting(t.db);
  const id = await scheduledReunion(t.db, organiser, group.id, { title: "A private circle" });
  for (const person of [colleague, outsider]) {
    for (const path of [`/reunions/${id}`, `/reunions/${id}/edit`, `/reunions/${id}/attendance`]) {
      expect((await get(path, person.id)).status, `${person.name} GET ${path}`).toBe(404);
      expect((await postForm(server, path, { intent: "rsvp", answer: "going" }, await sessionCookieFor(t.db, person.id))).status, `${person.name} POST ${path}`).toBe(404);
    }
    expect(mainText(await (await get("/reunions", person.id)).text())).not.toContain("A private circle");
  }
  expect((await get("/reunions/not-an-id", organiser.id)).status).toBe(404);
});

test("an invited alumnus sees and answers, but only the organiser and the org admin change it or check people in", async () => {
  const { org, organiser, guests, group } = await reunionSetting(t.db);
  const admin = await createUser(t.db, { orgId: org.id, roles: ["org_admin"] });
  const id = await scheduledReunion(t.db, organiser, group.id, { title: "Cohort seven returns" });
  const guest = guests[0]!;
  expect(mainText(await (await get("/reunions", guest.id)).text())).toContain("Cohort seven returns");
  expect((await get(`/reunions/${id}`, guest.id)).status).toBe(200);
  expect((await postForm(server, `/reunions/${id}`, { intent: "rsvp", answer: "going" }, await sessionCookieFor(t.db, guest.id))).status).toBe(302);
  expect((await get(`/reunions/${id}/edit`, guest.id)).status).toBe(403);
  expect((await get(`/reunions/${id}/attendance`, guest.id)).status).toBe(403);
  expect((await postForm(server, `/reunions/${id}`, { intent: "finalise", slotId: guest.id }, await sessionCookieFor(t.db, guest.id))).status).toBe(403);
  expect((await get(`/reunions/${id}/edit`, admin.id)).status).toBe(200);
  expect((await get(`/reunions/${id}/attendance`, admin.id)).status).toBe(200);
  // The admin oversees but is not invited, so does not answer.
  expect((await postForm(server, `/reunions/${id}`, { intent: "rsvp", answer: "going" }, await sessionCookieFor(t.db, admin.id))).status).toBe(403);
});

test("the organiser checks people in on the day; the time is kept and audited, and can be undone", async () => {
  const { organiser, guests, group } = await reunionSetting(t.db, { invitees: 2 });
  const id = await scheduledReunion(t.db, organiser, group.id);
  const cookie = await sessionCookieFor(t.db, organiser.id);
  const [came, walkIn] = guests as [typeof organiser, typeof organiser];
  await postForm(server, `/reunions/${id}`, { intent: "rsvp", answer: "going" }, await sessionCookieFor(t.db, came.id));
  expect((await postForm(server, `/reunions/${id}/attendance`, { intent: "check-in", userId: came.id }, cookie)).status).toBe(302);
  expect((await postForm(server, `/reunions/${id}/attendance`, { intent: "check-in", userId: walkIn.id }, cookie)).status).toBe(302);
  const rows = await t.db.select().from(reunionRsvps).where(eq(reunionRsvps.reunionId, id));
  expect(rows.every((r) => r.checkedInAt instanceof Date)).toBe(true);
  expect(rows).toHaveLength(2);
  expect(mainText(await (await get(`/reunions/${id}/attendance`, organiser.id)).text())).toContain("2 of 3 invited people checked in.");

  expect((await postForm(server, `/reunions/${id}/attendance`, { intent: "undo-check-in", userId: walkIn.id }, cookie)).status).toBe(302);
  const [undone] = await t.db.select().from(reunionRsvps).where(and(eq(reunionRsvps.reunionId, id), eq(reunionRsvps.userId, walkIn.id)));
  expect(undone!.checkedInAt).toBeNull();
  const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, id));
  expect(audit.map((a) => a.action).filter((a) => a.includes("check"))).toEqual(["reunion.checked_in", "reunion.checked_in", "reunion.check_in_undone"]);

  // Someone not invited cannot be checked in.
  expect((await postForm(server, `/reunions/${id}/attendance`, { intent: "check-in", userId: organiser.orgId }, cookie)).status).toBe(400);
});

test("the header links to reunions, and /reunions offers planning to those who may", async () => {
  const { organiser, colleague } = await reunionSetting(t.db, { invitees: 0 });
  const html = await (await get("/reunions", organiser.id)).text();
  expect(html).toContain('href="/reunions"');
  expect(mainText(html)).toContain("Plan a reunion");
  expect(mainText(await (await get("/reunions", colleague.id)).text())).not.toContain("Plan a reunion");
  expect(mainText(await (await get("/reunions/new", colleague.id)).text())).toContain("Alumni, facilitators and organisation admins can plan reunions.");
  expect((await postForm(server, "/reunions/new", { title: "x" }, await sessionCookieFor(t.db, colleague.id))).status).toBe(403);
});
