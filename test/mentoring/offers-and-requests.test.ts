// Offering mentoring and asking for a mentor: bad input gets a clear message
// next to the field with the input kept, and changes nothing; the
// cross-organisation rules hold.
import { eq } from "drizzle-orm";
import { mentorOffers, mentoringRequests } from "../../db/schema";
import { createOrg, createUser, sessionCookieFor } from "../support/factories";
import { decodeEntities, mainText, postForm } from "../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";
import { createOffer, createPair, createRequest, crossOrgSetting } from "./mentoring-setting";

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

const offerForm = (overrides: Record<string, string> = {}) => ({
  intent: "save",
  topics: "Leading change, Difficult conversations",
  capacity: "2",
  format: "Monthly video call, 45 minutes",
  scope: "own_org",
  ...overrides,
});

async function expectRefused(res: Response, status: number, message: string, kept: string) {
  expect(res.status).toBe(status);
  const html = await res.text();
  expect(mainText(html)).toContain(message);
  expect(decodeEntities(html)).toContain(kept);
}

test("an alumna offers mentoring and sees it on her mentoring page", async () => {
  const org = await createOrg(t.db);
  const alumna = await createUser(t.db, { orgId: org.id, roles: ["alumnus"] });
  const cookie = await sessionCookieFor(t.db, alumna.id);
  const res = await postForm(server, "/mentoring/offer", offerForm({ topics: "Leading change, leading CHANGE , Budgeting" }), cookie);
  expect(res.status).toBe(302);
  const [offer] = await t.db.select().from(mentorOffers).where(eq(mentorOffers.userId, alumna.id));
  expect(offer).toMatchObject({ topics: ["Leading change", "Budgeting"], capacity: 2, format: "Monthly video call, 45 minutes", scope: "own_org", active: true });
  const page = mainText(await (await server.request("/mentoring", { headers: { Cookie: cookie } })).text());
  expect(page).toContain("Open to new mentees.");
  expect(page).toContain("Budgeting");

  expect((await postForm(server, "/mentoring/offer", { intent: "pause" }, cookie)).status).toBe(302);
  expect((await t.db.select().from(mentorOffers).where(eq(mentorOffers.userId, alumna.id)))[0]!.active).toBe(false);
  expect((await postForm(server, "/mentoring/offer", { intent: "resume" }, cookie)).status).toBe(302);
  expect((await t.db.select().from(mentorOffers).where(eq(mentorOffers.userId, alumna.id)))[0]!.active).toBe(true);
});

test("bad offers are refused with the input kept, and nothing is stored", async () => {
  const org = await createOrg(t.db);
  const alumna = await createUser(t.db, { orgId: org.id, roles: ["alumnus"] });
  const cookie = await sessionCookieFor(t.db, alumna.id);
  const post = (fields: Record<string, string>) => postForm(server, "/mentoring/offer", offerForm(fields), cookie);
  await expectRefused(await post({ topics: " , ", format: "Walks by the river" }), 400, "Name at least one topic", 'value="Walks by the river"');
  await expectRefused(await post({ topics: Array.from({ length: 13 }, (_, i) => `Topic ${i}`).join(", ") }), 400, "Name at most 12 topics. You named 13.", "Topic 12");
  await expectRefused(await post({ topics: `Fine, ${"x".repeat(41)}` }), 400, "is longer than 40 characters", "x".repeat(41));
  await expectRefused(await post({ capacity: "11" }), 400, "You can take at most 10 mentees.", 'value="11"');
  await expectRefused(await post({ capacity: "0" }), 400, "Enter how many mentees you can take, from 1 to 10.", 'value="0"');
  await expectRefused(await post({ capacity: "two" }), 400, "Enter how many mentees you can take, from 1 to 10.", 'value="two"');
  await expectRefused(await post({ format: "" }), 400, "Say how you would meet", "Leading change, Difficult conversations");
  await expectRefused(await post({ format: "y".repeat(201) }), 400, "Keep the format under 200 characters.", "y".repeat(201));
  expect(await t.db.select().from(mentorOffers).where(eq(mentorOffers.userId, alumna.id))).toEqual([]);
});

test("the capacity cannot drop below the mentees already being mentored", async () => {
  const org = await createOrg(t.db);
  const alumna = await createUser(t.db, { orgId: org.id, roles: ["alumnus"] });
  await createOffer(t.db, alumna, { capacity: 3 });
  for (let i = 0; i < 2; i++) await createPair(t.db, alumna, await createUser(t.db, { orgId: org.id }));
  const cookie = await sessionCookieFor(t.db, alumna.id);
  await expectRefused(await postForm(server, "/mentoring/offer", offerForm({ capacity: "1" }), cookie), 400, "You mentor 2 people now, so your capacity cannot be lower than 2.", 'value="1"');
  expect((await t.db.select().from(mentorOffers).where(eq(mentorOffers.userId, alumna.id)))[0]!.capacity).toBe(3);
  expect((await postForm(server, "/mentoring/offer", offerForm({ capacity: "2" }), cookie)).status).toBe(302);
  expect((await t.db.select().from(mentorOffers).where(eq(mentorOffers.userId, alumna.id)))[0]!.capacity).toBe(2);
});

test("only alumni offer mentoring: others get a 403 page that says why", async () => {
  const org = await createOrg(t.db);
  const participant = await createUser(t.db, { orgId: org.id, roles: ["participant", "org_admin"] });
  const cookie = await sessionCookieFor(t.db, participant.id);
  const page = await server.request("/mentoring/offer", { headers: { Cookie: cookie } });
  expect(page.status).toBe(403);
  expect(mainText(await page.text())).toContain("Mentoring is offered by alumni");
  expect((await postForm(server, "/mentoring/offer", offerForm(), cookie)).status).toBe(403);
  expect(await t.db.select().from(mentorOffers).where(eq(mentorOffers.userId, participant.id))).toEqual([]);
  // Anyone may still ask for a mentor.
  expect((await server.request("/mentoring/requests/new", { headers: { Cookie: cookie } })).status).toBe(200);
});

test("a request leads to its page; bad requests are refused with the input kept", async () => {
  const org = await createOrg(t.db);
  const person = await createUser(t.db, { orgId: org.id, roles: ["participant"] });
  const cookie = await sessionCookieFor(t.db, person.id);
  const post = (fields: Record<string, string>) =>
    postForm(server, "/mentoring/requests/new", { goal: "Prepare for my first budget round.", topics: "Budgeting", scope: "own_org", ...fields }, cookie);
  await expectRefused(await post({ goal: "Help me" }), 400, "Describe what you want to work on in at least 10 characters.", "Help me");
  await expectRefused(await post({ goal: "z".repeat(1001) }), 400, "Keep your goal under 1000 characters.", "z".repeat(1001));
  await expectRefused(await post({ topics: "" }), 400, "Name at least one topic", "Prepare for my first budget round.");
  await expectRefused(await post({ scope: "everyone" }), 400, "Choose where your mentor may come from.", "Prepare for my first budget round.");
  expect(await t.db.select().from(mentoringRequests).where(eq(mentoringRequests.menteeId, person.id))).toEqual([]);

  const res = await post({});
  expect(res.status).toBe(302);
  const [stored] = await t.db.select().from(mentoringRequests).where(eq(mentoringRequests.menteeId, person.id));
  expect(res.headers.get("location")).toBe(`/mentoring/requests/${stored!.id}`);
  const page = await server.request(`/mentoring/requests/${stored!.id}`, { headers: { Cookie: cookie } });
  expect(page.status).toBe(200);
  expect(mainText(await page.text())).toContain("Prepare for my first budget round.");
});

test("a request is its mentee's alone: anyone else, admins included, gets a 404", async () => {
  const org = await createOrg(t.db);
  const mentee = await createUser(t.db, { orgId: org.id });
  const request = await createRequest(t.db, mentee, { goal: "A goal nobody else may read." });
  for (const roles of [["alumnus"], ["org_admin"], ["platform_admin"]] as const) {
    const other = await createUser(t.db, { orgId: org.id, roles: [...roles] });
    const cookie = await sessionCookieFor(t.db, other.id);
    const res = await server.request(`/mentoring/requests/${request.id}`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("A goal nobody else may read.");
    expect((await postForm(server, `/mentoring/requests/${request.id}`, { intent: "close" }, cookie)).status).toBe(404);
  }
  const cookie = await sessionCookieFor(t.db, mentee.id);
  expect((await server.request("/mentoring/requests/not-an-id", { headers: { Cookie: cookie } })).status).toBe(404);
});

test("“any organisation” is refused when the person's organisation forbids connections across organisations", async () => {
  const closed = await createOrg(t.db, { crossOrgConnections: false });
  const alumna = await createUser(t.db, { orgId: closed.id, roles: ["alumnus"] });
  const cookie = await sessionCookieFor(t.db, alumna.id);
  await expectRefused(
    await postForm(server, "/mentoring/offer", offerForm({ scope: "any_org", format: "Coffee once a month" }), cookie),
    400,
    "Your organisation does not allow connections with other organisations",
    'value="Coffee once a month"',
  );
  expect(await t.db.select().from(mentorOffers).where(eq(mentorOffers.userId, alumna.id))).toEqual([]);
  await expectRefused(
    await postForm(server, "/mentoring/requests/new", { goal: "Learn to delegate better.", topics: "Delegation", scope: "any_org" }, cookie),
    400,
    "Your organisation does not allow connections with other organisations",
    "Learn to delegate better.",
  );
  expect(await t.db.select().from(mentoringRequests).where(eq(mentoringRequests.menteeId, alumna.id))).toEqual([]);

  const open = await createOrg(t.db, { crossOrgConnections: true });
  const other = await createUser(t.db, { orgId: open.id, roles: ["alumnus"] });
  expect((await postForm(server, "/mentoring/offer", offerForm({ scope: "any_org" }), await sessionCookieFor(t.db, other.id))).status).toBe(302);
});

describe("mentors of another organisation are suggested only when both organisations allow it", () => {
  const suggested = async ({ aAllows, bAllows }: { aAllows: boolean; bAllows: boolean }) => {
    const { mentor, mentee } = await crossOrgSetting(t.db, { aAllows, bAllows });
    await createOffer(t.db, mentor, { scope: "any_org", topics: ["Leading change"] });
    const request = await createRequest(t.db, mentee, { scope: "any_org" });
    const cookie = await sessionCookieFor(t.db, mentee.id);
    const page = mainText(await (await server.request(`/mentoring/requests/${request.id}`, { headers: { Cookie: cookie } })).text());
    const ask = await postForm(server, `/mentoring/requests/${request.id}`, { intent: "ask", mentorId: mentor.id, message: "" }, cookie);
    return { listed: page.includes(mentor.name), askStatus: ask.status, askText: mainText(await ask.text()) };
  };

  test("both allow: suggested and may be asked", async () => {
    const r = await suggested({ aAllows: true, bAllows: true });
    expect(r.listed).toBe(true);
    expect(r.askStatus).toBe(302);
  });

  test("the mentor's organisation forbids it: not suggested, and asking is refused", async () => {
    const r = await suggested({ aAllows: false, bAllows: true });
    expect(r.listed).toBe(false);
    expect(r.askStatus).toBe(400);
    expect(r.askText).toContain("That mentor is not among the suggestions for this request.");
  });

  test("the mentee's organisation forbids it: not suggested, and asking is refused", async () => {
    const r = await suggested({ aAllows: true, bAllows: false });
    expect(r.listed).toBe(false);
    expect(r.askStatus).toBe(400);
  });

  test("a mentor who keeps to their own organisation is not suggested across organisations", async () => {
    const { mentor, mentee } = await crossOrgSetting(t.db);
    await createOffer(t.db, mentor, { scope: "own_org" });
    const request = await createRequest(t.db, mentee, { scope: "any_org" });
    const page = mainText(await (await server.request(`/mentoring/requests/${request.id}`, { headers: { Cookie: await sessionCookieFor(t.db, mentee.id) } })).text());
    expect(page).toContain("Suggested mentors");
    expect(page).not.toContain(mentor.name);
  });
});
