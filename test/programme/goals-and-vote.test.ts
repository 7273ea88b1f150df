// Goals and the continue vote on the cycle page: a goal is private unless
// shared, progress is rated 1–5 from the last meeting on, and a vote is
// refused once the window has closed or the vote is decided.
import { and, eq } from "drizzle-orm";
import { cycleGoals, cycles, cycleVotes } from "../../db/schema";
import { castContinueVote } from "~/domain/programme/cycles/cast-continue-vote.server";
import { rateGoalSchema } from "~/domain/programme/cycles/cycle-fields";
import { rateGoal, rateGroupGoal, writeGoal, writeGroupGoal } from "~/domain/programme/cycles/cycle-goals.server";
import { loadCyclePage } from "~/domain/programme/cycles/load-cycle-page.server";
import { InputError } from "~/domain/input-error";
import { createCycle, monthlyMeetings, programmeSetting } from "../support/programme-factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { messageIn } from "../../app/domain/i18n/translators";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const DAY = 86_400_000;
const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);
// The refusal as an English reader is told it (the domain answers with catalogue keys).
const formError = (error: unknown) => (error instanceof InputError ? messageIn("en", error.fieldErrors.form!) : `not an InputError: ${String(error)}`);

test("a goal is private unless shared with the group", async () => {
  const s = await programmeSetting(t.db, { members: 3 });
  await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, state: "running", meetings: monthlyMeetings(6, 2) });
  const [ann, bob, cat] = s.people as [(typeof s.people)[0], (typeof s.people)[0], (typeof s.people)[0]];
  await writeGoal(t.db, ann, s.group.id, { text: "Delegate the weekly report", shared: false });
  await writeGoal(t.db, bob, s.group.id, { text: "Say no to one meeting a week", shared: true });

  const forCat = await loadCyclePage(t.db, cat, s.group.id);
  expect(forCat.goals?.shared).toEqual([{ name: bob.name, text: "Say no to one meeting a week" }]);
  expect(JSON.stringify(forCat)).not.toContain("Delegate the weekly report");
  const forFacilitator = await loadCyclePage(t.db, s.facilitator, s.group.id);
  expect(JSON.stringify(forFacilitator)).not.toContain("Delegate the weekly report");
  const forAnn = await loadCyclePage(t.db, ann, s.group.id);
  expect(forAnn.goals?.mine).toMatchObject({ text: "Delegate the weekly report", shared: false });

  // Changing one's mind: sharing later, one goal per person.
  await writeGoal(t.db, ann, s.group.id, { text: "Delegate the weekly report", shared: true });
  expect((await loadCyclePage(t.db, cat, s.group.id)).goals?.shared.map((g) => g.name).sort()).toEqual([ann.name, bob.name].sort());
  const rows = await t.db.select().from(cycleGoals).where(eq(cycleGoals.userId, ann.id));
  expect(rows).toHaveLength(1);

  // The facilitator does not set a member's goal, and members do not set the group's.
  expect(await refusal(writeGoal(t.db, s.facilitator, s.group.id, { text: "x", shared: false }))).toBeInstanceOf(Response);
  expect(await refusal(writeGroupGoal(t.db, ann, s.group.id, { groupGoal: "x", concerns: "" }))).toBeInstanceOf(Response);
  await writeGroupGoal(t.db, s.facilitator, s.group.id, { groupGoal: "Speak openly about setbacks", concerns: "Two members rarely speak." });
  expect((await loadCyclePage(t.db, ann, s.group.id)).cycle).toMatchObject({ groupGoal: "Speak openly about setbacks", concerns: null });
});

test("progress is rated 1 to 5, from the last meeting on", async () => {
  expect(rateGoalSchema.safeParse({ intent: "rate-goal", progress: "0" }).success).toBe(false);
  expect(rateGoalSchema.safeParse({ intent: "rate-goal", progress: "6" }).success).toBe(false);
  expect(rateGoalSchema.safeParse({ intent: "rate-goal", progress: "2.5" }).success).toBe(false);
  expect(rateGoalSchema.safeParse({ intent: "rate-goal", progress: "five" }).success).toBe(false);
  expect(rateGoalSchema.safeParse({ intent: "rate-goal", progress: "5" })).toMatchObject({ success: true, data: { progress: 5, whatHelped: "" } });

  const s = await programmeSetting(t.db, { members: 3 });
  const now = new Date();
  const { cycle } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, state: "running", meetings: monthlyMeetings(6, 5, now) });
  const ann = s.people[0]!;
  await writeGoal(t.db, ann, s.group.id, { text: "Give feedback within a day", shared: false });
  expect(formError(await refusal(rateGoal(t.db, ann, s.group.id, { progress: 4, whatHelped: "" }, now)))).toMatch(/from the cycle's last meeting on/);
  expect((await loadCyclePage(t.db, ann, s.group.id, { now })).may.rateGoal).toBe(false);

  const atLast = new Date(now.getTime() + 40 * DAY);
  expect((await loadCyclePage(t.db, ann, s.group.id, { now: atLast })).may.rateGoal).toBe(true);
  await rateGoal(t.db, ann, s.group.id, { progress: 4, whatHelped: "The group asked about it every month." }, atLast);
  const [goal] = await t.db.select().from(cycleGoals).where(and(eq(cycleGoals.cycleId, cycle.id), eq(cycleGoals.userId, ann.id)));
  expect(goal).toMatchObject({ progress: 4, whatHelped: "The group asked about it every month." });
  // Without a goal there is nothing to rate.
  expect(formError(await refusal(rateGoal(t.db, s.people[1]!, s.group.id, { progress: 3, whatHelped: "" }, atLast)))).toMatch(/did not set a goal/);

  expect(formError(await refusal(rateGroupGoal(t.db, s.facilitator, s.group.id, { rating: 3, note: "" }, atLast)))).toMatch(/Write the group's goal/);
  await writeGroupGoal(t.db, s.facilitator, s.group.id, { groupGoal: "Everyone brings a real case", concerns: "" });
  await rateGroupGoal(t.db, s.facilitator, s.group.id, { rating: 5, note: "All did." }, atLast);
  expect((await t.db.select().from(cycles).where(eq(cycles.id, cycle.id)))[0]).toMatchObject({ groupGoalRating: 5, groupGoalNote: "All did." });
  // The database refuses a rating out of range, whatever the caller.
  expect(await refusal(t.db.update(cycleGoals).set({ progress: 6 }).where(eq(cycleGoals.userId, ann.id)))).toBeInstanceOf(Error);

  // Once the meetings are over, goals are no longer set.
  await t.db.update(cycles).set({ state: "evaluating", voteOpenedAt: atLast, voteClosesAt: new Date(atLast.getTime() + 14 * DAY) }).where(eq(cycles.id, cycle.id));
  expect(formError(await refusal(writeGoal(t.db, s.people[1]!, s.group.id, { text: "Late", shared: false })))).toMatch(/set while the cycle is planned or running/);
});

test("members vote until the window closes, may change their vote, and the last vote decides", async () => {
  const s = await programmeSetting(t.db, { members: 3 });
  const now = new Date();
  const closes = new Date(now.getTime() + 14 * DAY);
  const { cycle } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, state: "evaluating", meetings: monthlyMeetings(6, 6, now), voteOpenedAt: now, voteClosesAt: closes });
  const [ann, bob, cat] = s.people as [(typeof s.people)[0], (typeof s.people)[0], (typeof s.people)[0]];

  await castContinueVote(t.db, ann, s.group.id, "stop", now);
  await castContinueVote(t.db, ann, s.group.id, "continue", now);
  await castContinueVote(t.db, bob, s.group.id, "continue", now);
  const votes = await t.db.select().from(cycleVotes).where(eq(cycleVotes.cycleId, cycle.id));
  expect(votes.map((v) => v.vote)).toEqual(["continue", "continue"]);
  const open = await loadCyclePage(t.db, cat, s.group.id, { now });
  expect(open.vote).toMatchObject({ open: true, cast: 2, members: 3, mine: null, decided: null });
  expect(open.may.vote).toBe(true);

  // The facilitator does not vote.
  expect(await refusal(castContinueVote(t.db, s.facilitator, s.group.id, "continue", now))).toBeInstanceOf(Response);
  // After the window: a clear refusal, nothing changed.
  const late = new Date(closes.getTime() + 60_000);
  expect(formError(await refusal(castContinueVote(t.db, cat, s.group.id, "stop", late)))).toMatch(/The vote closed/);
  expect((await loadCyclePage(t.db, cat, s.group.id, { now: late })).may.vote).toBe(false);
  expect(await t.db.select().from(cycleVotes).where(eq(cycleVotes.cycleId, cycle.id))).toHaveLength(2);

  // Within the window the last member's vote decides at once; then no more changes.
  await castContinueVote(t.db, cat, s.group.id, "stop", now);
  const [decided] = await t.db.select().from(cycles).where(eq(cycles.id, cycle.id));
  expect(decided).toMatchObject({ state: "continued" });
  expect(messageIn("en", decided!.outcome!)).toBe("2 voted to continue and 1 to stop, of 3 members.");
  const earlier = await loadCyclePage(t.db, ann, s.group.id, { cycleNumber: 1, now });
  expect(messageIn("en", earlier.vote!.decided!)).toMatch(/2 voted to continue/);
  expect(earlier.report).not.toBeNull();
  expect((await loadCyclePage(t.db, ann, s.group.id, { now })).cycle).toMatchObject({ number: 2, state: "planned" });
  expect(formError(await refusal(castContinueVote(t.db, ann, s.group.id, "stop", now)))).toMatch(/opens when the cycle's last meeting is over/);
});

test("the vote is refused before the meetings are over", async () => {
  const s = await programmeSetting(t.db, { members: 3 });
  await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, state: "running", meetings: monthlyMeetings(6, 3) });
  expect(formError(await refusal(castContinueVote(t.db, s.people[0]!, s.group.id, "continue")))).toMatch(/opens when the cycle's last meeting is over/);
});

test("the cycle report floors goals met and take-aways tried", async () => {
  const s = await programmeSetting(t.db, { members: 4 });
  const now = new Date();
  const { cycle } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, state: "ended", meetings: monthlyMeetings(6, 6, now), outcome: "Only 1 of 4 members voted; at least 2 had to.", endedAt: now });
  await t.db.insert(cycleGoals).values([
    { cycleId: cycle.id, userId: s.people[0]!.id, text: "a", progress: 5 },
    { cycleId: cycle.id, userId: s.people[1]!.id, text: "b", progress: 2 },
  ]);
  const few = await loadCyclePage(t.db, s.people[0]!, s.group.id, { now });
  expect(few.report?.goalsMet).toEqual({ shown: false, people: null, value: null });
  expect(few.report?.takeawaysTried.shown).toBe(false);
  await t.db.insert(cycleGoals).values({ cycleId: cycle.id, userId: s.people[2]!.id, text: "c", progress: 4 });
  const enough = await loadCyclePage(t.db, s.people[0]!, s.group.id, { now });
  expect(enough.report?.goalsMet).toEqual({ shown: true, people: 3, value: { met: 2, rated: 3 } });
  expect(enough.report?.outcome).toMatch(/Only 1 of 4/);
});
