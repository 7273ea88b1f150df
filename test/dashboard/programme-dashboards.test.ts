// The home page of a participant and of a facilitator: the programme's work
// of the day (next meeting, vote to cast, evaluation to give, goal to write,
// continue vote open; groups at risk, evaluations waiting), each a link into
// the programme pages, and where the person stands said once.
import { eq } from "drizzle-orm";
import { cycleGoals, cycles, meetingEvaluationReceipts, takeaways } from "../../db/schema";
import { createPublishedModule, createUser, sessionCookieFor } from "../support/factories";
import { mainText } from "../support/http-helpers";
import { createCycle, monthlyMeetings, programmeSetting, recordAttendanceRows } from "../support/programme-factories";
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

async function home(userId: string) {
  const res = await server.request("/", { headers: { Cookie: await sessionCookieFor(t.db, userId) } });
  expect(res.status).toBe(200);
  const html = await res.text();
  return { html, text: mainText(html) };
}

const link = (html: string, href: string, text: string) => html.includes(`href="${href.replace(/&/g, "&amp;")}"`) && mainText(html).includes(text);

async function cycleTwoMeetingsIn() {
  const s = await programmeSetting(t.db);
  const author = await createUser(t.db, { orgId: s.org.id, roles: ["thought_leader"] });
  const module = await createPublishedModule(t.db, { authorId: author.id, title: "Saying no well" });
  const { cycle, meetings } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, meetings: monthlyMeetings(6, 2).map((m) => ({ ...m, moduleId: module.id })) });
  for (const m of meetings.slice(0, 2)) await recordAttendanceRows(t.db, m.id, Object.fromEntries(s.people.map((p) => [p.id, "present"])), s.facilitator.id);
  return { ...s, module, cycle, meetings };
}

test("a participant's card lists the next meeting, the module vote, the evaluations to give, the goal to write and take-aways to follow up, each linked", async () => {
  const s = await cycleTwoMeetingsIn();
  const me = s.people[0]!;
  await t.db.insert(meetingEvaluationReceipts).values({ reunionId: s.meetings[0]!.id, userId: me.id });
  await t.db.insert(takeaways).values({ userId: me.id, moduleId: s.module.id, meetingId: s.meetings[1]!.id, text: "Say no to one meeting" });
  const { html, text } = await home(me.id);
  expect(text).toContain("You are in cycle 1, meeting 3 of 6 next.");
  expect(text).not.toContain("You are in a cycle now.");
  expect(link(html, `/programme/meetings/${s.meetings[2]!.id}`, `${s.group.name}: meeting 3 of 6`)).toBe(true);
  expect(text).toContain("Vote for the module of meeting 3");
  expect(link(html, `/programme/meetings/${s.meetings[1]!.id}/evaluate`, "Give your one-minute evaluation of meeting 2")).toBe(true);
  expect(text).not.toContain("evaluation of meeting 1");
  expect(link(html, `/groups/${s.group.id}/cycle#goals`, "Write your goal for cycle 1")).toBe(true);
  expect(link(html, "/programme#takeaways", "Did you try it? 1 take-away from your last meeting")).toBe(true);
  expect(html).toContain('href="/programme"');

  await t.db.insert(cycleGoals).values({ cycleId: s.cycle.id, userId: me.id, text: "Protect my mornings" });
  expect((await home(me.id)).text).not.toContain("Write your goal");
});

test("when the last meeting is over, a participant is asked to vote on continuing", async () => {
  const s = await cycleTwoMeetingsIn();
  await t.db.update(cycles).set({ state: "evaluating", voteOpenedAt: new Date(), voteClosesAt: new Date(Date.now() + 7 * 86_400_000) }).where(eq(cycles.id, s.cycle.id));
  const { html } = await home(s.people[1]!.id);
  expect(link(html, `/groups/${s.group.id}/cycle#vote`, "Vote: should your group continue for another cycle?")).toBe(true);
});

test("a facilitator's card shows the next meeting across their groups, groups at risk and evaluations still to come in, in place of the old static text", async () => {
  const s = await cycleTwoMeetingsIn();
  // Meeting 2 collapses: only two of six came.
  const { meetings } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, number: 2, meetings: monthlyMeetings(6, 2) });
  await recordAttendanceRows(t.db, meetings[0]!.id, Object.fromEntries(s.people.map((p) => [p.id, "present"])), s.facilitator.id);
  await recordAttendanceRows(t.db, meetings[1]!.id, Object.fromEntries(s.people.map((p, i) => [p.id, i < 2 ? "present" : "absent"])), s.facilitator.id);
  const { html, text } = await home(s.facilitator.id);
  expect(text).not.toContain("Schedule your groups' meetings.");
  expect(link(html, `/programme/meetings/${meetings[2]!.id}`, `${s.group.name}: meeting 3`)).toBe(true);
  expect(text).toContain("1 group at risk");
  expect(text).toContain("8 evaluations still to come in");
});

test("a participant and a facilitator without a group are told so", async () => {
  const s = await programmeSetting(t.db, { members: 0 });
  const loner = await createUser(t.db, { orgId: s.org.id, roles: ["participant", "facilitator"] });
  const { text } = await home(loner.id);
  expect(text).toContain("You are not in a programme group yet.");
  expect(text).toContain("You do not facilitate a group yet.");
  expect(text).toContain("You are in a cycle now.");
});
