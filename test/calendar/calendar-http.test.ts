// Calendars over HTTP: a reunion's .ics download for the people it concerns,
// and each person's private feed, fetched without a session as calendar
// apps do, holding only the reunions they are going to.
import { eq } from "drizzle-orm";
import { createOrg, createUser, sessionCookieFor } from "../support/factories";
import { decodeEntities, mainText, postForm } from "../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";
import { expectValidCalendar } from "./parse-ics";
import { answer, insertReunion, invitePeople, type ReunionOverrides } from "./reunion-rows";

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

type Person = Awaited<ReturnType<typeof createUser>>;
const DAY = 86_400_000;

async function get(path: string, person?: Person) {
  return server.request(path, person ? { headers: { Cookie: await sessionCookieFor(t.db, person.id) } } : {});
}

const uidOf = (reunionId: string) => `reunion-${reunionId}@${new URL(server.services.config.publicOrigin).hostname}`;

/** An organisation with an organiser, an invited participant and an uninvited colleague. */
async function reunionWithInvitee(values: ReunionOverrides = {}) {
  const org = await createOrg(t.db);
  const organiser = await createUser(t.db, { orgId: org.id, roles: ["alumnus"] });
  const invitee = await createUser(t.db, { orgId: org.id, roles: ["participant"] });
  const colleague = await createUser(t.db, { orgId: org.id, roles: ["participant"] });
  const reunion = await insertReunion(t.db, { orgId: org.id, organiserId: organiser.id, title: "Lessons learned: spring, 2026!", ...values });
  await invitePeople(t.db, reunion.id, [invitee.id]);
  return { org, organiser, invitee, colleague, reunion };
}

/** Makes (or resets) the person's feed address on the calendar page and returns it. */
async function issueFeedAddress(person: Person, intent: "create" | "reset") {
  const res = await postForm(server, "/calendar", { intent }, await sessionCookieFor(t.db, person.id));
  expect(res.status).toBe(200);
  const html = decodeEntities(await res.text());
  const url = /https?:\/\/[^"\s<]+\/calendar\/[a-z2-7]{32}\.ics/.exec(html)?.[0];
  expect(url).toBeDefined();
  return new URL(url!).pathname;
}

describe("a reunion's .ics download", () => {
  test("an invitee downloads it as a calendar file named after the reunion", async () => {
    const { reunion, invitee } = await reunionWithInvitee();
    const res = await get(`/reunions/${reunion.id}.ics`, invitee);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="lessons-learned-spring-2026.ics"');
    const [event] = expectValidCalendar(await res.text());
    expect(event!.uid).toBe(uidOf(reunion.id));
    expect(event!.start.getTime()).toBe(reunion.startsAt!.getTime());
  });

  test("someone not invited gets a 404, inside the organisation or outside it", async () => {
    const { reunion, colleague } = await reunionWithInvitee();
    const otherOrg = await createOrg(t.db);
    const otherAdmin = await createUser(t.db, { orgId: otherOrg.id, roles: ["org_admin", "alumnus"] });
    expect((await get(`/reunions/${reunion.id}.ics`, colleague)).status).toBe(404);
    expect((await get(`/reunions/${reunion.id}.ics`, otherAdmin)).status).toBe(404);
    expect((await get(`/reunions/not-a-reunion.ics`, colleague)).status).toBe(404);
  });

  test("an anonymous visitor is sent to sign in", async () => {
    const { reunion } = await reunionWithInvitee();
    const res = await get(`/reunions/${reunion.id}.ics`);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
  });

  test("a reunion still looking for a date answers 404 with a plain message", async () => {
    const { reunion, invitee } = await reunionWithInvitee({ status: "polling", startsAt: null, endsAt: null });
    const res = await get(`/reunions/${reunion.id}.ics`, invitee);
    expect(res.status).toBe(404);
    expect(await res.text()).toMatch(/no date yet/);
  });
});

describe("the private calendar feed", () => {
  test("the calendar page asks a signed-in person to make their address, and sends others to sign in", async () => {
    const org = await createOrg(t.db);
    const person = await createUser(t.db, { orgId: org.id });
    const page = await get("/calendar", person);
    expect(page.status).toBe(200);
    expect(mainText(await page.text())).toContain("Make my calendar address");
    expect((await get("/calendar")).status).toBe(302);
    const empty = await postForm(server, "/calendar", {}, await sessionCookieFor(t.db, person.id));
    expect(empty.status).toBe(400);
  });

  test("the feed holds the reunions the person is going to, not the maybes or the waitlisted", async () => {
    const org = await createOrg(t.db);
    const organiser = await createUser(t.db, { orgId: org.id, roles: ["alumnus"] });
    const person = await createUser(t.db, { orgId: org.id, roles: ["participant"] });
    const soon = Date.now() + 3 * DAY;
    const reunionAt = async (title: string, startsAt: number, extra: ReunionOverrides = {}) => {
      const r = await insertReunion(t.db, { orgId: org.id, organiserId: organiser.id, title, startsAt: new Date(startsAt), endsAt: new Date(startsAt + 2 * 3_600_000), ...extra });
      await invitePeople(t.db, r.id, [person.id]);
      return r;
    };
    const going = await reunionAt("Going", soon);
    const lastWeek = await reunionAt("Went last week", Date.now() - 7 * DAY);
    const cancelled = await reunionAt("Called off", soon, { status: "cancelled", sequence: 3 });
    const maybe = await reunionAt("Maybe", soon);
    const waitlisted = await reunionAt("Waiting for a seat", soon);
    const longAgo = await reunionAt("Long ago", Date.now() - 60 * DAY);
    const notGoing = await reunionAt("Not going", soon);
    const polling = await reunionAt("Still polling", soon, { status: "polling", startsAt: null, endsAt: null });
    // Answered "going" once, but no longer invited (the audience changed).
    const uninvited = await insertReunion(t.db, { orgId: org.id, organiserId: organiser.id, title: "No longer invited", startsAt: new Date(soon), endsAt: new Date(soon + 3_600_000) });
    for (const r of [going, lastWeek, cancelled, longAgo, polling, uninvited]) await answer(t.db, r.id, person.id, "going");
    await answer(t.db, maybe.id, person.id, "maybe");
    await answer(t.db, notGoing.id, person.id, "not_going");
    await answer(t.db, waitlisted.id, person.id, "going", new Date());

    const feedPath = await issueFeedAddress(person, "create");
    // Calendar apps have no session: the address alone opens it.
    const res = await server.request(feedPath);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const events = expectValidCalendar(await res.text());
    expect(events.map((e) => e.summary).sort()).toEqual(["Reunion: Called off", "Reunion: Going", "Reunion: Went last week"]);
    expect(events.find((e) => e.summary === "Reunion: Going")!.uid).toBe(uidOf(going.id));
    const calledOff = events.find((e) => e.summary === "Reunion: Called off")!;
    expect(calledOff.status).toBe("CANCELLED");
    expect(calledOff.sequence).toBe(3);
  });

  test("resetting the address makes the old one stop working at once", async () => {
    const { reunion, invitee } = await reunionWithInvitee();
    await answer(t.db, reunion.id, invitee.id, "going");
    const oldPath = await issueFeedAddress(invitee, "create");
    expect((await server.request(oldPath)).status).toBe(200);

    const page = mainText(await (await get("/calendar", invitee)).text());
    expect(page).toContain("Reset the address");
    const newPath = await issueFeedAddress(invitee, "reset");
    expect(newPath).not.toBe(oldPath);
    expect((await server.request(oldPath)).status).toBe(404);
    const fresh = await server.request(newPath);
    expect(fresh.status).toBe(200);
    expect(expectValidCalendar(await fresh.text()).map((e) => e.uid)).toEqual([uidOf(reunion.id)]);
  });

  test("an unknown or malformed address is a 404", async () => {
    expect((await server.request(`/calendar/${"a".repeat(32)}.ics`)).status).toBe(404);
    expect((await server.request("/calendar/not-a-token.ics")).status).toBe(404);
  });

  test("only the hash of the address's token is stored", async () => {
    const org = await createOrg(t.db);
    const person = await createUser(t.db, { orgId: org.id });
    const path = await issueFeedAddress(person, "create");
    const token = /\/calendar\/([a-z2-7]{32})\.ics/.exec(path)![1]!;
    const rows = await t.db.query.calendarFeeds.findMany({ where: (f) => eq(f.userId, person.id) });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).not.toContain(token);
    expect(rows[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });
});
