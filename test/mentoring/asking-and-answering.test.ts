// A mentee asks a suggested mentor; the mentor accepts or declines. Asking
// twice, asking a full mentor, and two accepts for the last place.
import { and, eq } from "drizzle-orm";
import { auditEvents, mentoringRequests, mentorships, notifications } from "../../db/schema";
import { acceptAsk } from "../../app/domain/mentoring/answer-mentoring-ask.server";
import { InputError } from "../../app/domain/input-error";
import { nestedMessageIn } from "../../app/domain/i18n/translators";
import { createOrg, createUser, sessionCookieFor } from "../support/factories";
import { mainText, postForm } from "../support/http-helpers";
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

const get = async (path: string, userId: string) => server.request(path, { headers: { Cookie: await sessionCookieFor(t.db, userId) } });
const notificationsOf = (userId: string) => t.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, "mentoring")));
const ask = async (requestId: string, menteeId: string, mentorId: string, message = "") =>
  postForm(server, `/mentoring/requests/${requestId}`, { intent: "ask", mentorId, message }, await sessionCookieFor(t.db, menteeId));

test("a mentee from another organisation asks, the mentor accepts, and the pair space is theirs alone", async () => {
  const { orgA, mentor, mentee } = await crossOrgSetting(t.db);
  await createOffer(t.db, mentor, { scope: "any_org", topics: ["Leading change", "Budgeting"] });
  const request = await createRequest(t.db, mentee, { scope: "any_org", topics: ["budgeting"] });

  const suggestions = mainText(await (await get(`/mentoring/requests/${request.id}`, mentee.id)).text());
  expect(suggestions).toContain(`Ask ${mentor.name}`);
  expect(suggestions).toContain("Budgeting (shared)");

  const asked = await ask(request.id, mentee.id, mentor.id, "I lead a team of twelve.");
  expect(asked.status).toBe(302);
  const [pending] = await t.db.select().from(mentorships).where(eq(mentorships.menteeId, mentee.id));
  expect(pending).toMatchObject({ mentorId: mentor.id, status: "asked", message: "I lead a team of twelve.", requestId: request.id });
  expect((await notificationsOf(mentor.id)).map((n) => n.title)).toEqual([`${mentee.name} asks you to be their mentor`]);
  // Before the answer there is no pair space, not even for the two of them.
  expect((await get(`/mentoring/${pending!.id}`, mentee.id)).status).toBe(404);

  const waiting = mainText(await (await get("/mentoring", mentor.id)).text());
  expect(waiting).toContain(mentee.name);
  expect(waiting).toContain("I lead a team of twelve.");

  const accepted = await postForm(server, "/mentoring", { intent: "accept", askId: pending!.id }, await sessionCookieFor(t.db, mentor.id));
  expect(accepted.status).toBe(302);
  expect(accepted.headers.get("location")).toBe(`/mentoring/${pending!.id}`);
  const [pair] = await t.db.select().from(mentorships).where(eq(mentorships.id, pending!.id));
  expect(pair!.status).toBe("active");
  expect((await t.db.select().from(mentoringRequests).where(eq(mentoringRequests.id, request.id)))[0]!.status).toBe("matched");
  expect((await notificationsOf(mentee.id)).map((n) => n.link)).toEqual([`/mentoring/${pair!.id}`]);
  const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, pair!.id), eq(auditEvents.action, "mentorship.started")));
  expect(audit).toMatchObject({ targetType: "mentorship", ownerOrgId: orgA.id, actorId: mentor.id });
  expect(nestedMessageIn("en", audit!.targetLabel)).toBe(`${mentor.name} mentoring ${mentee.name}`);

  for (const person of [mentor, mentee]) {
    const res = await get(`/mentoring/${pair!.id}`, person.id);
    expect(res.status).toBe(200);
    expect(mainText(await res.text())).toContain(`Private to ${mentor.name} and ${mentee.name}.`);
  }
  const outsiders = [
    await createUser(t.db, { orgId: orgA.id, roles: ["alumnus"] }),
    await createUser(t.db, { orgId: orgA.id, roles: ["org_admin", "moderator"] }),
    await createUser(t.db, { orgId: orgA.id, roles: ["platform_admin"] }),
  ];
  for (const outsider of outsiders) {
    const res = await get(`/mentoring/${pair!.id}`, outsider.id);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain(mentee.name);
    expect((await postForm(server, `/mentoring/${pair!.id}`, { intent: "add-goal", goal: "Sneak in" }, await sessionCookieFor(t.db, outsider.id))).status).toBe(404);
  }
  expect((await get("/mentoring/12345", mentor.id)).status).toBe(404);
  expect((await get("/mentoring/00000000-0000-4000-8000-000000000000", mentor.id)).status).toBe(404);
});

test("a declined mentee is told the reason and may ask someone else", async () => {
  const org = await createOrg(t.db);
  const mentor = await createUser(t.db, { orgId: org.id, roles: ["alumnus"] });
  const other = await createUser(t.db, { orgId: org.id, roles: ["alumnus"] });
  const mentee = await createUser(t.db, { orgId: org.id });
  await createOffer(t.db, mentor);
  await createOffer(t.db, other);
  const request = await createRequest(t.db, mentee);
  expect((await ask(request.id, mentee.id, mentor.id)).status).toBe(302);
  const [pending] = await t.db.select().from(mentorships).where(eq(mentorships.menteeId, mentee.id));

  const tooLong = await postForm(server, "/mentoring", { intent: "decline", askId: pending!.id, reason: "r".repeat(501) }, await sessionCookieFor(t.db, mentor.id));
  expect(tooLong.status).toBe(400);
  expect(mainText(await tooLong.text())).toContain("Keep the reason under 500 characters.");

  const declined = await postForm(server, "/mentoring", { intent: "decline", askId: pending!.id, reason: "My diary is full until spring." }, await sessionCookieFor(t.db, mentor.id));
  expect(declined.status).toBe(302);
  expect((await t.db.select().from(mentorships).where(eq(mentorships.id, pending!.id)))[0]).toMatchObject({ status: "declined", declineReason: "My diary is full until spring." });
  const [notice] = await notificationsOf(mentee.id);
  expect(notice!.body).toContain("My diary is full until spring.");
  expect(notice!.link).toBe(`/mentoring/requests/${request.id}`);

  // Answering again is a conflict that changes nothing.
  const again = await postForm(server, "/mentoring", { intent: "accept", askId: pending!.id }, await sessionCookieFor(t.db, mentor.id));
  expect(again.status).toBe(409);
  expect(mainText(await again.text())).toContain("This ask is already declined.");

  const page = mainText(await (await get(`/mentoring/requests/${request.id}`, mentee.id)).text());
  expect(page).toContain("Declined (My diary is full until spring.)");
  expect(page).toContain(`Ask ${other.name}`);
  expect((await ask(request.id, mentee.id, other.id)).status).toBe(302);
});

test("asking the same mentor twice while the ask is open is refused", async () => {
  const org = await createOrg(t.db);
  const mentor = await createUser(t.db, { orgId: org.id, roles: ["alumnus"] });
  const mentee = await createUser(t.db, { orgId: org.id });
  await createOffer(t.db, mentor, { capacity: 5 });
  const request = await createRequest(t.db, mentee);
  expect((await ask(request.id, mentee.id, mentor.id)).status).toBe(302);
  const twice = await ask(request.id, mentee.id, mentor.id, "Did you see my ask?");
  expect(twice.status).toBe(409);
  const html = await twice.text();
  expect(mainText(html)).toContain(`You have already asked ${mentor.name}.`);
  expect(html).toContain("Did you see my ask?");
  // Even from another request.
  const second = await createRequest(t.db, mentee, { goal: "Another goal for the same mentor." });
  expect((await ask(second.id, mentee.id, mentor.id)).status).toBe(409);
  expect(await t.db.select().from(mentorships).where(eq(mentorships.menteeId, mentee.id))).toHaveLength(1);
});

test("a mentor with no free place cannot be asked, and is not suggested", async () => {
  const org = await createOrg(t.db);
  const mentor = await createUser(t.db, { orgId: org.id, roles: ["alumnus"] });
  await createOffer(t.db, mentor, { capacity: 2 });
  await createPair(t.db, mentor, await createUser(t.db, { orgId: org.id }));
  // A waiting ask holds the second place.
  await createPair(t.db, mentor, await createUser(t.db, { orgId: org.id }), { status: "asked", decidedAt: null });
  const mentee = await createUser(t.db, { orgId: org.id });
  const request = await createRequest(t.db, mentee);
  expect(mainText(await (await get(`/mentoring/requests/${request.id}`, mentee.id)).text())).not.toContain(mentor.name);
  const res = await ask(request.id, mentee.id, mentor.id);
  expect(res.status).toBe(409);
  expect(mainText(await res.text())).toContain(`${mentor.name} has no free place at the moment.`);
  expect(await t.db.select().from(mentorships).where(eq(mentorships.menteeId, mentee.id))).toEqual([]);
});

test("a mentee withdraws an ask, which frees the place", async () => {
  const org = await createOrg(t.db);
  const mentor = await createUser(t.db, { orgId: org.id, roles: ["alumnus"] });
  await createOffer(t.db, mentor, { capacity: 1 });
  const [first, second] = [await createUser(t.db, { orgId: org.id }), await createUser(t.db, { orgId: org.id })];
  const firstRequest = await createRequest(t.db, first!);
  const secondRequest = await createRequest(t.db, second!);
  expect((await ask(firstRequest.id, first!.id, mentor.id)).status).toBe(302);
  expect((await ask(secondRequest.id, second!.id, mentor.id)).status).toBe(409);
  const [pending] = await t.db.select().from(mentorships).where(eq(mentorships.menteeId, first!.id));
  // Only the mentee withdraws their ask.
  expect((await postForm(server, "/mentoring", { intent: "withdraw", askId: pending!.id }, await sessionCookieFor(t.db, second!.id))).status).toBe(404);
  expect((await postForm(server, "/mentoring", { intent: "withdraw", askId: pending!.id }, await sessionCookieFor(t.db, first!.id))).status).toBe(302);
  expect((await ask(secondRequest.id, second!.id, mentor.id)).status).toBe(302);
});

test("two accepts at once for the last place: exactly one pair starts", async () => {
  for (let round = 0; round < 4; round++) {
    const org = await createOrg(t.db);
    const mentor = await createUser(t.db, { orgId: org.id, roles: ["alumnus"] });
    // Two asks wait while the capacity is 1 (it was lowered after they came in).
    await createOffer(t.db, mentor, { capacity: 1 });
    const asks = [];
    for (let i = 0; i < 2; i++) asks.push(await createPair(t.db, mentor, await createUser(t.db, { orgId: org.id }), { status: "asked", decidedAt: null }));
    const results = await Promise.allSettled(asks.map((a) => acceptAsk(t.db, mentor, a.id)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === "rejected")!;
    expect(refused.reason).toBeInstanceOf(InputError);
    expect((refused.reason as InputError).status).toBe(409);
    expect(nestedMessageIn("en", (refused.reason as InputError).fieldErrors.form!)).toBe("You have no free place: you mentor 1 person and offer 1 place. Raise your capacity on your offer, or decline this ask.");
    const rows = await t.db.select().from(mentorships).where(eq(mentorships.mentorId, mentor.id));
    expect(rows.filter((r) => r.status === "active")).toHaveLength(1);
    expect(rows.filter((r) => r.status === "asked")).toHaveLength(1);
  }
});

test("when a mentor accepts, the mentee's other asks for the same request are withdrawn", async () => {
  const org = await createOrg(t.db);
  const [a, b] = [await createUser(t.db, { orgId: org.id, roles: ["alumnus"] }), await createUser(t.db, { orgId: org.id, roles: ["alumnus"] })];
  await createOffer(t.db, a!);
  await createOffer(t.db, b!);
  const mentee = await createUser(t.db, { orgId: org.id });
  const request = await createRequest(t.db, mentee);
  await ask(request.id, mentee.id, a!.id);
  await ask(request.id, mentee.id, b!.id);
  const [toA] = await t.db.select().from(mentorships).where(eq(mentorships.mentorId, a!.id));
  expect((await postForm(server, "/mentoring", { intent: "accept", askId: toA!.id }, await sessionCookieFor(t.db, a!.id))).status).toBe(302);
  const [toB] = await t.db.select().from(mentorships).where(eq(mentorships.mentorId, b!.id));
  expect(toB!.status).toBe("withdrawn");
  const late = await postForm(server, "/mentoring", { intent: "accept", askId: toB!.id }, await sessionCookieFor(t.db, b!.id));
  expect(late.status).toBe(409);
  expect(mainText(await late.text())).toContain("This ask was withdrawn.");
  const asking = await ask(request.id, mentee.id, b!.id);
  expect(asking.status).toBe(409);
  expect(mainText(await asking.text())).toContain("This request already has a mentor.");
});
