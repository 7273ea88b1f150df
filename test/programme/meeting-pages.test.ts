// The cycle meeting's pages over HTTP: what each person is offered, bad
// input answered with a clear message and the input kept (never a 500),
// and the evaluation's "already answered".
import { eq } from "drizzle-orm";
import { meetingEvaluations, programmeModules } from "../../db/schema";
import { createPublishedModule, sessionCookieFor } from "../support/factories";
import { decodeEntities, postForm } from "../support/http-helpers";
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

const page = async (path: string, cookie: string) => {
  const res = await server.request(path, { headers: { Cookie: cookie } });
  // React separates text parts with empty comments; read the page as a person would.
  return { status: res.status, html: decodeEntities(await res.text()).replace(/<!-- -->/g, "") };
};

async function setting() {
  const s = await programmeSetting(t.db, { members: 4 });
  const [ran, fresh] = await Promise.all(["Listening well", "Feedback that lands"].map((title) => createPublishedModule(t.db, { authorId: s.admin.id, title })));
  await t.db.insert(programmeModules).values([ran!, fresh!].map((m) => ({ orgId: s.org.id, moduleId: m.id })));
  const plans = monthlyMeetings(6, 3).map((p, i) => ({ ...p, moduleId: i === 0 ? ran!.id : null }));
  const { meetings } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, meetings: plans });
  return { ...s, meetings, ran: ran!, fresh: fresh! };
}

test("a member votes on a coming meeting; a bad vote is answered with a message", async () => {
  const s = await setting();
  const member = s.people[0]!;
  const cookie = await sessionCookieFor(t.db, member.id);
  const path = `/programme/meetings/${s.meetings[3]!.id}`;
  const before = await page(path, cookie);
  expect(before.status).toBe(200);
  expect(before.html).toContain("Meeting 4 of 6");
  expect(before.html).toMatch(/Listening well<\/a><span class="muted"> · already run/);
  expect(before.html).toContain("Vote<span");

  const bad = await postForm(server, path, { intent: "vote", moduleId: "nonsense" }, cookie);
  expect(bad.status).toBe(400);
  expect(decodeEntities(await bad.text())).toContain("Choose one of the modules.");
  const ok = await postForm(server, path, { intent: "vote", moduleId: s.fresh.id }, cookie);
  expect(ok.status).toBe(302);
  expect(ok.headers.get("Location")).toBe(`${path}?saved=vote#module`);
  expect((await page(path, cookie)).html).toContain("your vote");

  const checkIn = await postForm(server, path, { intent: "check-in" }, cookie);
  expect(checkIn.status).toBe(400);
  expect(decodeEntities(await checkIn.text())).toContain("Check-in opens 15 minutes before");
});

test("the facilitator is offered the handover with the step-back reason; a missing host is a clear error", async () => {
  const s = await setting();
  const cookie = await sessionCookieFor(t.db, s.facilitator.id);
  const path = `/programme/meetings/${s.meetings[3]!.id}`;
  const view = await page(path, cookie);
  expect(view.html).toContain("Host of this meeting");
  expect(view.html).toContain("Attendance at the last two meetings was below three in four.");
  expect(view.html).toContain(`${s.facilitator.name}</strong> (Facilitator)`);
  const bad = await postForm(server, path, { intent: "hand-over", hostId: "" }, cookie);
  expect(bad.status).toBe(400);
  expect(decodeEntities(await bad.text())).toContain("Choose who hosts this meeting.");
  const handed = await postForm(server, path, { intent: "hand-over", hostId: s.people[1]!.id }, cookie);
  expect(handed.status).toBe(302);
  expect((await page(path, cookie)).html).toContain(`${s.people[1]!.name}</strong> (member host)`);
});

test("the evaluation: bad input kept with messages, one answer, then “already answered”", async () => {
  const s = await setting();
  const member = s.people[0]!;
  await recordAttendanceRows(t.db, s.meetings[2]!.id, { [member.id]: "present" }, s.facilitator.id);
  const cookie = await sessionCookieFor(t.db, member.id);
  const path = `/programme/meetings/${s.meetings[2]!.id}/evaluate`;
  expect((await page(path, cookie)).html).toContain("How useful was the meeting for you?");

  const bad = await postForm(server, path, { usefulness: "9", safety: "", willTry: "maybe", comment: "Kept comment" }, cookie);
  expect(bad.status).toBe(400);
  const badHtml = decodeEntities(await bad.text());
  expect(badHtml).toContain("Choose how useful the meeting was, from 1 to 5.");
  expect(badHtml).toContain("Choose how safe it felt to speak openly, from 1 to 5.");
  expect(badHtml).toContain("Choose whether you will try a take-away.");
  expect(badHtml).toContain("Kept comment");
  expect(await t.db.select().from(meetingEvaluations).where(eq(meetingEvaluations.reunionId, s.meetings[2]!.id))).toHaveLength(0);

  const ok = await postForm(server, path, { usefulness: "4", safety: "5", willTry: "yes", comment: "" }, cookie);
  expect(ok.status).toBe(302);
  const again = await postForm(server, path, { usefulness: "1", safety: "1", willTry: "not_yet" }, cookie);
  expect(again.status).toBe(409);
  expect(decodeEntities(await again.text())).toContain("You have already answered");
  expect((await page(path, cookie)).html).toContain("You have already answered");
  expect(await t.db.select().from(meetingEvaluations).where(eq(meetingEvaluations.reunionId, s.meetings[2]!.id))).toHaveLength(1);

  // Not recorded present: told why.
  const absentCookie = await sessionCookieFor(t.db, s.people[1]!.id);
  expect((await page(path, absentCookie)).html).toContain("Only members recorded present");
});

test("the facilitator records attendance on the page; wrap-up errors are clear", async () => {
  const s = await setting();
  const cookie = await sessionCookieFor(t.db, s.facilitator.id);
  const held = s.meetings[2]!;
  const path = `/programme/meetings/${held.id}`;
  const view = await page(path, cookie);
  expect(view.html).toContain("Save attendance");
  expect(view.html).toContain("Wrap-up");
  const fields = Object.fromEntries(s.people.map((p, i) => [`status.${p.id}`, i === 0 ? "absent" : "present"]));
  expect((await postForm(server, path, { intent: "attendance", ...fields }, cookie)).status).toBe(302);
  const wrong = await postForm(server, path, { intent: "attendance", [`status.${s.people[0]!.id}`]: "sleeping" }, cookie);
  expect(wrong.status).toBe(400);
  expect(decodeEntities(await wrong.text())).toContain("Choose present, excused or absent.");
  const recap = await postForm(server, path, { intent: "recap", recap: "   " }, cookie);
  expect(recap.status).toBe(400);
  expect(decodeEntities(await recap.text())).toContain("Write a short recap first.");
  expect((await postForm(server, path, { intent: "confirm-attendance" }, cookie)).status).toBe(302);
  expect((await page(path, cookie)).html).toContain("75% of 4 recorded members present.");
});

test("who came is sent only to those who run the meeting: a member's page data holds nobody's attendance but their own", async () => {
  const s = await setting();
  const [amy, ben] = s.people;
  await recordAttendanceRows(t.db, s.meetings[0]!.id, { [amy!.id]: "present", [ben!.id]: "absent" });
  const data = async (userId: string, path: string, route: string) => {
    const res = await server.request(`${path}${path.includes("?") ? "&" : "?"}_data=${encodeURIComponent(route)}`, { headers: { Cookie: await sessionCookieFor(t.db, userId) } });
    expect(res.status).toBe(200);
    return (await res.json()) as { members?: { id: string; status: string | null }[]; meeting?: { members: { id: string; status: string | null }[] } | null; myAttendance?: string | null };
  };
  const meetingPath = `/programme/meetings/${s.meetings[0]!.id}`;
  const asMember = await data(amy!.id, meetingPath, "routes/programme_.meetings.$meetingId");
  expect(asMember.members!.map((m) => m.status)).toEqual(asMember.members!.map(() => null));
  expect(asMember.myAttendance).toBe("present");
  const asFacilitator = await data(s.facilitator.id, meetingPath, "routes/programme_.meetings.$meetingId");
  expect(asFacilitator.members!.find((m) => m.id === ben!.id)!.status).toBe("absent");

  const sessionPath = `/modules/${s.ran.slug}/session?meeting=${s.meetings[0]!.id}`;
  const inSession = await data(ben!.id, sessionPath, "routes/modules.$slug.session");
  expect(inSession.meeting!.members.map((m) => m.status)).toEqual(inSession.meeting!.members.map(() => null));
});
