// The retention step removes, per organisation, what is older than its
// periods: private mentoring notes, evaluation comments (the scores stay),
// survey rows. Younger rows and organisations without a period keep theirs.
import { eq, inArray } from "drizzle-orm";
import { meetingEvaluations, mentorships, mentorshipNotes, organisations, reunions, surveyScores } from "../../db/schema";
import { applyRetention } from "../../app/domain/personal-data/retention.server";
import { createOrg, createUser } from "../support/factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const DAY = 86_400_000;
const now = new Date("2027-06-15T12:00:00Z");
const daysAgo = (n: number) => new Date(now.getTime() - n * DAY);

async function orgWithData(settings: Partial<typeof organisations.$inferInsert>) {
  const org = await createOrg(t.db, settings);
  const mentor = await createUser(t.db, { orgId: org.id, roles: ["alumnus"] });
  const mentee = await createUser(t.db, { orgId: org.id });
  const [pair] = await t.db.insert(mentorships).values({ mentorId: mentor.id, menteeId: mentee.id, status: "active" }).returning();
  await t.db.insert(mentorshipNotes).values([
    { mentorshipId: pair!.id, authorId: mentor.id, text: "old note", createdAt: daysAgo(40) },
    { mentorshipId: pair!.id, authorId: mentee.id, text: "new note", createdAt: daysAgo(10) },
  ]);
  const meeting = async (endedDaysAgo: number) => {
    const [r] = await t.db
      .insert(reunions)
      .values({ orgId: org.id, title: "Meeting", timeZone: "UTC", status: "scheduled", startsAt: daysAgo(endedDaysAgo), endsAt: daysAgo(endedDaysAgo) })
      .returning();
    return r!.id;
  };
  const oldMeeting = await meeting(100);
  const newMeeting = await meeting(5);
  await t.db.insert(meetingEvaluations).values([
    { reunionId: oldMeeting, usefulness: 4, safety: 5, willTry: true, comment: "old comment" },
    { reunionId: newMeeting, usefulness: 3, safety: 4, willTry: false, comment: "new comment" },
  ]);
  await t.db.insert(surveyScores).values([
    { orgId: org.id, userId: mentee.id, period: "2025-01-01", instrument: "engagement", score: 3 },
    { orgId: org.id, userId: mentee.id, period: "2027-05-01", instrument: "engagement", score: 4 },
  ]);
  return { org, pair: pair!, meetings: [oldMeeting, newMeeting] };
}

test("expired rows are removed by the retention step, and only those", async () => {
  const strict = await orgWithData({ privateNotesRetentionDays: 30, evaluationCommentsRetentionDays: 90, surveyRetentionDays: 365 });
  const lax = await orgWithData({});

  expect(await applyRetention(t.db, { now })).toEqual({ privateNotes: 1, evaluationComments: 1, surveyRows: 1 });

  const notes = async (pairId: string) => (await t.db.select({ text: mentorshipNotes.text }).from(mentorshipNotes).where(eq(mentorshipNotes.mentorshipId, pairId))).map((n) => n.text).sort();
  const evaluations = async (ids: string[]) =>
    (await t.db.select({ comment: meetingEvaluations.comment, usefulness: meetingEvaluations.usefulness }).from(meetingEvaluations).where(inArray(meetingEvaluations.reunionId, ids))).sort((a, b) => b.usefulness - a.usefulness);
  const surveys = async (orgId: string) => (await t.db.select({ period: surveyScores.period }).from(surveyScores).where(eq(surveyScores.orgId, orgId))).map((s) => s.period).sort();

  expect(await notes(strict.pair.id)).toEqual(["new note"]);
  expect(await evaluations(strict.meetings)).toEqual([
    { comment: "", usefulness: 4 },
    { comment: "new comment", usefulness: 3 },
  ]);
  expect(await surveys(strict.org.id)).toEqual(["2027-05-01"]);

  expect(await notes(lax.pair.id)).toEqual(["new note", "old note"]);
  expect((await evaluations(lax.meetings)).map((e) => e.comment)).toEqual(["old comment", "new comment"]);
  expect(await surveys(lax.org.id)).toEqual(["2025-01-01", "2027-05-01"]);

  // Running it again finds nothing more to remove.
  expect(await applyRetention(t.db, { now })).toEqual({ privateNotes: 0, evaluationComments: 0, surveyRows: 0 });
});

test("the database refuses a period of zero or less days", async () => {
  const org = await createOrg(t.db);
  await expect(t.db.update(organisations).set({ privateNotesRetentionDays: 0 }).where(eq(organisations.id, org.id))).rejects.toThrow();
  await expect(t.db.update(organisations).set({ deletionCoolingOffDays: -1 }).where(eq(organisations.id, org.id))).rejects.toThrow();
});
