// Members vote for a coming meeting's module from the organisation's
// programme subset (one vote each, changeable), modules already run are
// marked, and the facilitator or host confirms; then voting closes.
import { nestedMessageIn } from "../../app/domain/i18n/translators";
import { and, eq } from "drizzle-orm";
import { cycleMeetings, meetingModuleVotes, notifications, programmeModules, reunions } from "../../db/schema";
import { ForbiddenError } from "~/domain/http-errors";
import { InputError } from "~/domain/input-error";
import { findCycleMeeting } from "~/domain/programme/load-programme-group.server";
import { confirmModule, moduleCandidates, myModuleVote, voteForModule } from "~/domain/programme/meetings/module-vote.server";
import { createPublishedModule } from "../support/factories";
import { createCycle, monthlyMeetings, programmeSetting } from "../support/programme-factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);

async function setting() {
  const s = await programmeSetting(t.db, { members: 4 });
  const [ran, fresh, outside] = await Promise.all(["Listening", "Feedback", "Not ours"].map((title) => createPublishedModule(t.db, { authorId: s.admin.id, title })));
  await t.db.insert(programmeModules).values([ran!, fresh!].map((m) => ({ orgId: s.org.id, moduleId: m.id })));
  // Two meetings held (the first ran "Listening"), four to come; the fourth hosted by a member.
  const plans = monthlyMeetings(6, 2).map((p, i) => ({ ...p, moduleId: i === 0 ? ran!.id : null, hostId: i === 3 ? s.people[1]!.id : undefined }));
  const { meetings } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, meetings: plans });
  return { ...s, meetings, ran: ran!, fresh: fresh!, outside: outside! };
}

test("candidates are the organisation's programme modules, the ones already run marked, with their votes", async () => {
  const s = await setting();
  const [member, other] = s.people;
  await voteForModule(t.db, member!, s.meetings[2]!.id, s.fresh.id);
  await voteForModule(t.db, other!, s.meetings[2]!.id, s.fresh.id);
  // A vote can change until confirmed: one vote each.
  await voteForModule(t.db, member!, s.meetings[2]!.id, s.ran.id);
  const candidates = await moduleCandidates(t.db, await findCycleMeeting(t.db, member!, s.meetings[2]!.id));
  expect(candidates.map((c) => [c.title, c.alreadyRun, c.votes])).toEqual([
    ["Feedback", false, 1],
    ["Listening", true, 1],
  ]);
  expect(await myModuleVote(t.db, s.meetings[2]!.id, member!.id)).toBe(s.ran.id);
  expect(await t.db.select().from(meetingModuleVotes).where(eq(meetingModuleVotes.reunionId, s.meetings[2]!.id))).toHaveLength(2);

  // Outside the programme subset, by the facilitator (not a member), on a meeting already held: refused.
  const notOurs = await refusal(voteForModule(t.db, member!, s.meetings[2]!.id, s.outside.id));
  expect(nestedMessageIn("en", (notOurs as InputError).fieldErrors.moduleId!)).toMatch(/programme modules/);
  expect(await refusal(voteForModule(t.db, s.facilitator, s.meetings[2]!.id, s.fresh.id))).toBeInstanceOf(ForbiddenError);
  const past = await refusal(voteForModule(t.db, member!, s.meetings[1]!.id, s.fresh.id));
  expect(nestedMessageIn("en", (past as InputError).fieldErrors.moduleId!)).toMatch(/already started/);
  // Another organisation: the meeting does not exist for them.
  expect((await refusal(voteForModule(t.db, s.outsider, s.meetings[2]!.id, s.fresh.id))) as Response).toHaveProperty("status", 404);
});

test("the facilitator confirms, the members hear of it, and voting closes", async () => {
  const s = await setting();
  const meeting = s.meetings[2]!;
  const member = s.people[0]!;
  expect(await refusal(confirmModule(t.db, member, meeting.id, s.fresh.id))).toBeInstanceOf(ForbiddenError);
  await confirmModule(t.db, s.facilitator, meeting.id, s.fresh.id);
  const [row] = await t.db.select({ moduleId: reunions.moduleId, by: cycleMeetings.moduleConfirmedBy, at: cycleMeetings.moduleConfirmedAt }).from(reunions).innerJoin(cycleMeetings, eq(cycleMeetings.reunionId, reunions.id)).where(eq(reunions.id, meeting.id));
  expect(row).toMatchObject({ moduleId: s.fresh.id, by: s.facilitator.id });
  expect(row!.at).toBeInstanceOf(Date);
  const told = await t.db.select().from(notifications).where(and(eq(notifications.kind, "programme"), eq(notifications.link, `/programme/meetings/${meeting.id}`)));
  expect(told.map((n) => n.userId).sort()).toEqual(s.people.map((p) => p.id).sort());
  expect(told[0]!.title).toMatch(/Feedback/);

  const closed = await refusal(voteForModule(t.db, member, meeting.id, s.ran.id));
  expect(closed).toBeInstanceOf(InputError);
  expect(nestedMessageIn("en", (closed as InputError).fieldErrors.moduleId!)).toMatch(/confirmed, so voting is closed/);
  expect((closed as InputError).status).toBe(409);
});

test("a member host confirms the meeting they host only", async () => {
  const s = await setting();
  const host = s.people[1]!;
  await confirmModule(t.db, host, s.meetings[3]!.id, s.ran.id);
  expect((await t.db.select().from(reunions).where(eq(reunions.id, s.meetings[3]!.id)))[0]!.moduleId).toBe(s.ran.id);
  expect(await refusal(confirmModule(t.db, host, s.meetings[4]!.id, s.ran.id))).toBeInstanceOf(ForbiddenError);
  const past = await refusal(confirmModule(t.db, s.facilitator, s.meetings[1]!.id, s.ran.id));
  expect(nestedMessageIn("en", (past as InputError).fieldErrors.moduleId!)).toMatch(/already started/);
});
