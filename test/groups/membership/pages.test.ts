// The group's page and its members page over HTTP: who gets a 404, the
// action that fits each viewer, and the forms' answers.
import { eq } from "drizzle-orm";
import { organisations } from "../../../db/schema";
import { askToJoin } from "../../../app/domain/groups/membership/ask-to-join.server";
import { inviteToGroup } from "../../../app/domain/groups/membership/invite-to-group.server";
import { voteOnJoinRequest } from "../../../app/domain/groups/membership/vote-on-join-request.server";
import { sessionCookieFor } from "../../support/factories";
import { mainText, postForm } from "../../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../../support/test-database";
import { startTestServer, type TestServer } from "../../support/test-server";
import { membershipSetting, requestsOf, roleIn, type Person } from "./membership-setting";

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

const get = async (path: string, who: Person) => server.request(path, { headers: { Cookie: await sessionCookieFor(t.db, who.id) } });
const post = async (path: string, who: Person, fields: Record<string, string>) => postForm(server, path, fields, await sessionCookieFor(t.db, who.id));
const page = async (path: string, who: Person) => mainText(await (await get(path, who)).text());

test("a group someone may not see is a 404 on its page, and anonymous visitors are sent to sign in", async () => {
  const { group, outsider, alumna } = await membershipSetting(t.db);
  expect((await get(`/groups/${group.id}`, outsider)).status).toBe(404);
  expect((await post(`/groups/${group.id}`, outsider, { intent: "join" })).status).toBe(404);
  expect((await get("/groups/not-a-uuid", alumna)).status).toBe(404);
  const anonymous = await server.request(`/groups/${group.id}`);
  expect(anonymous.status).toBe(302);
  expect(anonymous.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent(`/groups/${group.id}`)}`);
});

test("the members page is a 404 for non-members, even those who may see the group", async () => {
  const { group, alumna, outsider } = await membershipSetting(t.db);
  expect((await get(`/groups/${group.id}`, alumna)).status).toBe(200);
  for (const who of [alumna, outsider]) {
    expect((await get(`/groups/${group.id}/members`, who)).status).toBe(404);
    expect((await post(`/groups/${group.id}/members`, who, { intent: "invite", email: who.email })).status).toBe(404);
  }
});

test("the group's page tells what the group is; members get the group space's tabs and can leave", async () => {
  const { group, orgA, convener, members, alumna } = await membershipSetting(t.db, { group: { charter: "We meet monthly to compare pump overhauls.", sizeCap: 8 } });
  const outside = await page(`/groups/${group.id}`, alumna);
  expect(outside).toContain(group.name);
  expect(outside).toContain("Asset maintenance");
  expect(outside).toContain("We meet monthly to compare pump overhauls.");
  expect(outside).toContain("On request: the conveners decide on each request.");
  expect(outside).toContain(`Only people of ${orgA.name}`);
  expect(outside).toContain("3 of 8");
  expect(outside).not.toContain("Leave group");
  expect(await (await get(`/groups/${group.id}`, alumna)).text()).not.toContain('aria-label="Group"');

  const html = await (await get(`/groups/${group.id}`, members[0]!)).text();
  expect(html).toContain('aria-label="Group"');
  for (const tab of ["members", "meetings", "discussion"]) expect(html).toContain(`href="/groups/${group.id}/${tab}"`);
  expect(html).not.toContain(`href="/groups/${group.id}/settings"`);
  expect(mainText(html)).toContain("Leave group");
  expect(await (await get(`/groups/${group.id}`, convener)).text()).toContain(`href="/groups/${group.id}/settings"`);

  const left = await post(`/groups/${group.id}`, members[0]!, { intent: "leave" });
  expect(left.status).toBe(302);
  expect(await roleIn(t.db, group.id, members[0]!.id)).toBeNull();
});

test("asking to join from the page: the request shows with its date; asking again answers 409 with the message", async () => {
  const { group, alumna } = await membershipSetting(t.db);
  expect(await page(`/groups/${group.id}`, alumna)).toContain("Ask to join");
  expect((await post(`/groups/${group.id}`, alumna, { intent: "ask", message: "I look after the compressors." })).status).toBe(302);
  const asked = await page(`/groups/${group.id}`, alumna);
  expect(asked).toMatch(/You asked on \d{1,2} \w{3} \d{4}\./);
  expect(asked).toContain("Withdraw request");
  const again = await post(`/groups/${group.id}`, alumna, { intent: "ask", message: "Please?" });
  expect(again.status).toBe(409);
  expect(mainText(await again.text())).toContain("You have already asked to join; the group has not decided yet.");
  expect(await requestsOf(t.db, group.id, alumna.id)).toHaveLength(1);
  expect((await post(`/groups/${group.id}`, alumna, { intent: "ask", message: "x".repeat(1001) })).status).toBe(400);
  expect((await post(`/groups/${group.id}`, alumna, { intent: "fly" })).status).toBe(400);
});

test("an open group offers Join; a full one says so, and joining it answers 409 and changes nothing", async () => {
  const open = await membershipSetting(t.db, { group: { joinPolicy: "open" } });
  expect(await (await get(`/groups/${open.group.id}`, open.alumna)).text()).toMatch(/>Join<\/button>/);
  expect((await post(`/groups/${open.group.id}`, open.alumna, { intent: "join" })).status).toBe(302);
  expect(await roleIn(t.db, open.group.id, open.alumna.id)).toBe("member");

  const full = await membershipSetting(t.db, { group: { joinPolicy: "open", sizeCap: 3 } });
  const fullHtml = await (await get(`/groups/${full.group.id}`, full.alumna)).text();
  expect(mainText(fullHtml)).toContain("This group is full (3 of 3).");
  expect(fullHtml).not.toMatch(/>Join<\/button>/);
  const refused = await post(`/groups/${full.group.id}`, full.alumna, { intent: "join" });
  expect(refused.status).toBe(409);
  expect(mainText(await refused.text())).toContain("This group is full (3 of 3).");
  expect(await roleIn(t.db, full.group.id, full.alumna.id)).toBeNull();
});

test("an invited person sees the invitation and accepts it on the group's page", async () => {
  const { group, members, alumna } = await membershipSetting(t.db, { group: { joinPolicy: "invite" } });
  expect(await page(`/groups/${group.id}`, alumna)).toContain("This group admits people by invitation only.");
  await inviteToGroup(t.db, members[0]!, group.id, { email: alumna.email });
  const invited = await page(`/groups/${group.id}`, alumna);
  expect(invited).toContain(`${members[0]!.name} invited you on`);
  expect(invited).toContain("Accept invitation");
  expect((await post(`/groups/${group.id}`, alumna, { intent: "accept-invitation" })).status).toBe(302);
  expect(await roleIn(t.db, group.id, alumna.id)).toBe("member");
});

test("joining across organisations when the person's organisation forbids it shows the reason", async () => {
  const { group, orgB, outsider } = await membershipSetting(t.db, { group: { joinPolicy: "open", crossOrg: true } });
  expect(await (await get(`/groups/${group.id}`, outsider)).text()).toMatch(/>Join<\/button>/);
  await t.db.update(organisations).set({ crossOrgConnections: false }).where(eq(organisations.id, orgB.id));
  const refused = await post(`/groups/${group.id}`, outsider, { intent: "join" });
  expect(refused.status).toBe(403);
  expect(mainText(await refused.text())).toContain("Your organisation does not allow joining groups of other organisations.");
  expect(await roleIn(t.db, group.id, outsider.id)).toBeNull();
});

test("the members page lists members and requests; a convener accepts, and an invitation's bad input is kept with its message", async () => {
  const { group, orgA, convener, members, alumna, alumnus } = await membershipSetting(t.db);
  await askToJoin(t.db, alumna, group.id, "I would like to learn about vibration analysis.");
  const text = await page(`/groups/${group.id}/members`, convener);
  for (const m of [convener, ...members]) expect(text).toContain(m.name);
  expect(text).toContain(orgA.name);
  expect(text).toContain("Requests to join");
  expect(text).toContain("I would like to learn about vibration analysis.");
  expect(text).toContain("Suggested members");
  const [request] = await requestsOf(t.db, group.id, alumna.id);
  // A member sees the request but not the conveners' buttons.
  expect(await (await get(`/groups/${group.id}/members`, members[0]!)).text()).not.toContain(`aria-label="Accept ${alumna.name}"`);
  expect((await post(`/groups/${group.id}/members`, members[0]!, { intent: "decide", requestId: request!.id, decision: "accept" })).status).toBe(403);
  expect((await post(`/groups/${group.id}/members`, convener, { intent: "decide", requestId: request!.id, decision: "accept" })).status).toBe(302);
  expect(await roleIn(t.db, group.id, alumna.id)).toBe("member");

  const bad = await post(`/groups/${group.id}/members`, members[0]!, { intent: "invite", email: "not an address" });
  expect(bad.status).toBe(400);
  const badHtml = await bad.text();
  expect(mainText(badHtml)).toContain("Enter an email address like name@example.com.");
  expect(badHtml).toContain('value="not an address"');
  const unknown = await post(`/groups/${group.id}/members`, members[0]!, { intent: "invite", email: "nobody@example.test" });
  expect(unknown.status).toBe(400);
  expect(mainText(await unknown.text())).toContain(`We found no alumnus of ${orgA.name} with that address.`);
  expect((await post(`/groups/${group.id}/members`, members[0]!, { intent: "invite", email: alumnus.email })).status).toBe(302);
  expect(await page(`/groups/${group.id}/members`, convener)).toContain(`${alumnus.name} (${orgA.name}), invited by ${members[0]!.name}`);
});

test("in a voting group the members page shows the votes so far and the member's own vote", async () => {
  const { group, convener, members, alumna } = await membershipSetting(t.db, { group: { joinDecision: "vote" } });
  await askToJoin(t.db, alumna, group.id, "");
  const [request] = await requestsOf(t.db, group.id, alumna.id);
  await voteOnJoinRequest(t.db, convener, group.id, request!.id, "yes");
  const text = await page(`/groups/${group.id}/members`, convener);
  expect(text).toContain("Votes so far: 1 yes, 0 no. 2 of 3 members must vote.");
  expect(text).toContain("Your vote: yes.");
  expect((await post(`/groups/${group.id}/members`, members[0]!, { intent: "vote", requestId: request!.id, vote: "yes" })).status).toBe(302);
  expect(await roleIn(t.db, group.id, alumna.id)).toBe("member");
});

test("conveners remove, ban and pass on the role from the members page; members may not", async () => {
  const { group, convener, members } = await membershipSetting(t.db);
  expect((await post(`/groups/${group.id}/members`, members[0]!, { intent: "remove", userId: members[1]!.id })).status).toBe(403);
  expect((await post(`/groups/${group.id}/members`, convener, { intent: "set-role", userId: members[0]!.id, role: "mentor" })).status).toBe(302);
  expect(await roleIn(t.db, group.id, members[0]!.id)).toBe("mentor");
  expect((await post(`/groups/${group.id}/members`, convener, { intent: "ban", userId: members[1]!.id })).status).toBe(302);
  expect(await roleIn(t.db, group.id, members[1]!.id)).toBeNull();
  expect((await post(`/groups/${group.id}/members`, convener, { intent: "pass-on", userId: members[0]!.id })).status).toBe(302);
  expect(await roleIn(t.db, group.id, members[0]!.id)).toBe("convener");
  expect((await post(`/groups/${group.id}/members`, convener, { intent: "remove", userId: "not-an-id" })).status).toBe(400);
});

test("while a group gathers interest, its page offers “I'm interested” and then a way to withdraw it", async () => {
  // The organisation wants 10 interested people before a group starts, so one more keeps it gathering.
  const { group, alumna } = await membershipSetting(t.db, { group: { status: "gathering" }, orgA: { groupFoundingMinPeople: 10 } });
  expect(await (await get(`/groups/${group.id}`, alumna)).text()).toMatch(/>I(&#x27;|')m interested<\/button>/);
  expect((await post(`/groups/${group.id}`, alumna, { intent: "interest" })).status).toBe(302);
  const after = await page(`/groups/${group.id}`, alumna);
  expect(after).toContain("You are interested.");
  expect(after).toContain("Withdraw interest");
  expect(await roleIn(t.db, group.id, alumna.id)).toBeNull();
});
