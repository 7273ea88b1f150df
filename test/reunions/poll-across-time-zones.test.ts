// A date poll across three zones: each person reads the slots on their own
// clock with the organiser's shown too; the organiser sees the matrix and
// the best slot, and finalising invites everyone.
import { messageIn } from "../../app/domain/i18n/translators";
import { and, eq } from "drizzle-orm";
import { auditEvents, notifications, reunions, reunionSlots, slotVotes } from "../../db/schema";
import { answerPoll } from "../../app/domain/reunions/answer-poll.server";
import { InputError } from "../../app/domain/input-error";
import { bestSlotId } from "../../app/domain/reunions/best-slot";
import { createReunion } from "../../app/domain/reunions/create-reunion.server";
import { sessionCookieFor } from "../support/factories";
import { mainText, postForm } from "../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";
import { reunionInput, reunionSetting, setTimeZone } from "./reunion-setting";

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

const page = async (path: string, userId: string) => mainText(await (await server.request(path, { headers: { Cookie: await sessionCookieFor(t.db, userId) } })).text());

test("slots offered in London, New York and Tokyo are shown on each person's own clock, with the organiser's", async () => {
  const { organiser, guests, group } = await reunionSetting(t.db, { invitees: 3 });
  const [inNewYork, inTokyo, inLondon] = guests as [typeof organiser, typeof organiser, typeof organiser];
  await setTimeZone(t.db, organiser.id, "Europe/London");
  await setTimeZone(t.db, inNewYork.id, "America/New_York");
  await setTimeZone(t.db, inTokyo.id, "Asia/Tokyo");
  await setTimeZone(t.db, inLondon.id, "Europe/London");
  const id = await createReunion(
    t.db,
    organiser,
    reunionInput({
      groupIds: [group.id],
      schedule: "poll",
      timeZone: "Europe/London",
      ...{ slot1Date: "2027-06-10", slot1Start: "18:00", slot1End: "19:00", slot1Zone: "Europe/London" },
      ...{ slot2Date: "2027-06-11", slot2Start: "09:00", slot2End: "10:00", slot2Zone: "America/New_York" },
      ...{ slot3Date: "2027-06-12", slot3Start: "20:00", slot3End: "21:30", slot3Zone: "Asia/Tokyo" },
    }),
  );
  const slots = await t.db.select().from(reunionSlots).where(eq(reunionSlots.reunionId, id));
  expect(slots.map((s) => s.startsAt.toISOString()).sort()).toEqual(["2027-06-10T17:00:00.000Z", "2027-06-11T13:00:00.000Z", "2027-06-12T11:00:00.000Z"]);

  const newYork = await page(`/reunions/${id}`, inNewYork.id);
  // London 18:00 BST is 13:00 in New York; New York 09:00 is 14:00 in London; Tokyo 20:00 is 07:00 in New York.
  expect(newYork).toContain("Option 1: Thu, 10 Jun 2027, 13:00–14:00 (America/New York) · for the organiser: Thu, 10 Jun 2027, 18:00–19:00 (Europe/London)");
  expect(newYork).toContain("Option 2: Fri, 11 Jun 2027, 09:00–10:00 (America/New York) · for the organiser: Fri, 11 Jun 2027, 14:00–15:00 (Europe/London)");
  expect(newYork).toContain("Option 3: Sat, 12 Jun 2027, 07:00–08:30 (America/New York) · for the organiser: Sat, 12 Jun 2027, 12:00–13:30 (Europe/London)");
  const tokyo = await page(`/reunions/${id}`, inTokyo.id);
  expect(tokyo).toContain("Option 1: Fri, 11 Jun 2027, 02:00–03:00 (Asia/Tokyo)");
  expect(tokyo).toContain("Option 3: Sat, 12 Jun 2027, 20:00–21:30 (Asia/Tokyo) · for the organiser: Sat, 12 Jun 2027, 12:00–13:30 (Europe/London)");
  // Someone in the organiser's zone sees it once.
  const london = await page(`/reunions/${id}`, inLondon.id);
  expect(london).toContain("Option 1: Thu, 10 Jun 2027, 18:00–19:00 (Europe/London) Yes");
  expect(london).not.toContain("for the organiser");

  // Votes over HTTP: option 2 and 3 tie on yes; option 3 wins on "if need be".
  const [s1, s2, s3] = [...slots].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const vote = async (p: typeof organiser, a: string, b: string, c: string) =>
    (await postForm(server, `/reunions/${id}`, { intent: "vote", [`vote-${s1!.id}`]: a, [`vote-${s2!.id}`]: b, [`vote-${s3!.id}`]: c }, await sessionCookieFor(t.db, p.id))).status;
  expect(await vote(inNewYork, "no", "yes", "if_need_be")).toBe(302);
  expect(await vote(inTokyo, "if_need_be", "no", "yes")).toBe(302);
  expect(await vote(inLondon, "yes", "yes", "yes")).toBe(302);
  expect(await vote(inLondon, "no", "yes", "yes")).toBe(302); // changing one's mind replaces the answers

  const matrix = await page(`/reunions/${id}`, organiser.id);
  expect(matrix).toContain("Answers so far");
  expect(matrix).toMatch(/Option 3 \(best\)/);
  expect(matrix).toMatch(/Guest 2 If need be No Yes/);
  expect(matrix).toContain("Option 3: Sat, 12 Jun 2027, 12:00–13:30 (Europe/London) — the best so far");

  // Finalising with the default (the best) schedules it and invites everyone.
  expect((await postForm(server, `/reunions/${id}`, { intent: "finalise", slotId: s3!.id }, await sessionCookieFor(t.db, organiser.id))).status).toBe(302);
  const [row] = await t.db.select().from(reunions).where(eq(reunions.id, id));
  expect(row).toMatchObject({ status: "scheduled", startsAt: s3!.startsAt, endsAt: s3!.endsAt, sequence: 1 });
  for (const g of guests) {
    const got = await t.db.select().from(notifications).where(and(eq(notifications.userId, g.id), eq(notifications.title, "Invitation: Cohort 7 meets again")));
    expect(got).toHaveLength(1);
  }
  const [tokyoInvite] = await t.db.select().from(notifications).where(and(eq(notifications.userId, inTokyo.id), eq(notifications.title, "Invitation: Cohort 7 meets again")));
  expect(tokyoInvite!.body).toContain("(Asia/Tokyo)");
  expect(await t.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, id), eq(auditEvents.action, "reunion.finalised")))).toHaveLength(1);
  // The poll is closed now.
  expect((await postForm(server, `/reunions/${id}`, { intent: "vote", [`vote-${s1!.id}`]: "yes" }, await sessionCookieFor(t.db, inTokyo.id))).status).toBe(409);
});

test("the best slot has most yes, then most if-need-be, and a tie goes to the earliest", () => {
  const slots = [
    { id: "late", startsAt: "2027-01-03T10:00:00Z" },
    { id: "early", startsAt: "2027-01-01T10:00:00Z" },
    { id: "middle", startsAt: "2027-01-02T10:00:00Z" },
  ];
  expect(bestSlotId(slots, [])).toBe("early");
  expect(bestSlotId(slots, [{ slotId: "late", answer: "yes" }, { slotId: "middle", answer: "yes" }])).toBe("middle");
  expect(bestSlotId(slots, [{ slotId: "late", answer: "yes" }, { slotId: "middle", answer: "yes" }, { slotId: "late", answer: "if_need_be" }])).toBe("late");
});

test("people on another clock see a reunion on the night London's clocks go back at the right hour", async () => {
  const { organiser, guests, group } = await reunionSetting(t.db, { invitees: 1 });
  await setTimeZone(t.db, guests[0]!.id, "America/New_York");
  const id = await createReunion(t.db, organiser, reunionInput({ groupIds: [group.id], schedule: "fixed", timeZone: "Europe/London", date: "2026-10-25", startTime: "00:30", endTime: "03:00" }), new Date("2026-10-01T00:00:00Z"));
  const [row] = await t.db.select().from(reunions).where(eq(reunions.id, id));
  expect(row!.startsAt!.toISOString()).toBe("2026-10-24T23:30:00.000Z");
  expect(row!.endsAt!.toISOString()).toBe("2026-10-25T03:00:00.000Z");
  const text = await page(`/reunions/${id}`, guests[0]!.id);
  expect(text).toContain("Sat, 24 Oct 2026, 19:30–23:00 (America/New York)");
  expect(text).toContain("for the organiser: Sun, 25 Oct 2026, 00:30–03:00 (Europe/London)");
});

test("after the deadline the poll takes no more answers, and the organiser still picks the date", async () => {
  const { organiser, guests, group } = await reunionSetting(t.db, { invitees: 1 });
  const id = await createReunion(
    t.db,
    organiser,
    reunionInput({
      groupIds: [group.id],
      schedule: "poll",
      deadline: "2027-06-01T12:00",
      ...{ slot1Date: "2027-06-10", slot1Start: "18:00", slot1End: "19:00", slot1Zone: "Europe/London" },
    }),
  );
  const [slot] = await t.db.select().from(reunionSlots).where(eq(reunionSlots.reunionId, id));
  await answerPoll(t.db, guests[0]!, id, { [slot!.id]: "yes" }, new Date("2027-06-01T10:00:00Z"));
  const late = await answerPoll(t.db, guests[0]!, id, { [slot!.id]: "no" }, new Date("2027-06-01T12:30:00Z")).catch((e: unknown) => e);
  expect(late).toBeInstanceOf(InputError);
  expect((late as InputError).status).toBe(409);
  expect(messageIn("en", (late as InputError).fieldErrors.form!)).toBe("The poll closed at its deadline. The organiser is choosing the date from the answers given.");
  const [vote] = await t.db.select().from(slotVotes).where(eq(slotVotes.slotId, slot!.id));
  expect(vote!.answer).toBe("yes");
});
