// Reminders go out once, and only to the right people: the poll reminder to
// those who have not answered; the day-before reminder to those going.
import { eq, inArray } from "drizzle-orm";
import { outbox, reunions, reunionSlots } from "../../db/schema";
import { answerPoll } from "../../app/domain/reunions/answer-poll.server";
import { createReunion } from "../../app/domain/reunions/create-reunion.server";
import { sendPollReminders, sendReunionReminders } from "../../app/domain/reunions/reunion-reminders.server";
import { rsvp } from "../../app/domain/reunions/rsvp.server";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { daysFromNow, reunionInput, reunionSetting, scheduledReunion } from "./reunion-setting";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const origin = "http://roundtable.test";
const HOUR = 3_600_000;
const emailsTo = async (kind: string, addresses: string[]) => (await t.db.select().from(outbox).where(inArray(outbox.to, addresses))).filter((e) => e.kind === kind);

test("people who have not answered the date poll get one reminder the day before it closes", async () => {
  const { organiser, guests, group } = await reunionSetting(t.db, { invitees: 3 });
  const [a, b, c] = guests as [typeof organiser, typeof organiser, typeof organiser];
  const id = await createReunion(
    t.db,
    organiser,
    reunionInput({ groupIds: [group.id], schedule: "poll", slot1Date: daysFromNow(10), slot1Start: "10:00", slot1End: "11:00", slot1Zone: "Europe/London", deadline: `${daysFromNow(5)}T12:00` }),
  );
  const [slot] = await t.db.select().from(reunionSlots).where(eq(reunionSlots.reunionId, id));
  await answerPoll(t.db, a, id, { [slot!.id]: "yes" });
  const [reunion] = await t.db.select().from(reunions).where(eq(reunions.id, id));
  const everyone = [organiser, a, b, c].map((p) => p.email);

  // Too early: the deadline is days away.
  await sendPollReminders(t.db, { origin });
  expect(await emailsTo("reunion_poll_reminder", everyone)).toHaveLength(0);

  const dayBefore = new Date(reunion!.pollDeadline!.getTime() - 20 * HOUR);
  await sendPollReminders(t.db, { origin, now: dayBefore });
  await sendPollReminders(t.db, { origin, now: new Date(dayBefore.getTime() + HOUR) });
  const sent = await emailsTo("reunion_poll_reminder", everyone);
  expect(sent.map((e) => e.to).sort()).toEqual([b.email, c.email].sort());
  expect(sent[0]!.text).toContain(`${origin}/reunions/${id}`);
});

test("the day-before reminder goes once, only to people with a place", async () => {
  const { organiser, guests, group } = await reunionSetting(t.db, { invitees: 5 });
  const [going, maybe, notGoing, waiting, silent] = guests as [typeof organiser, typeof organiser, typeof organiser, typeof organiser, typeof organiser];
  const id = await scheduledReunion(t.db, organiser, group.id, { capacity: 1, date: daysFromNow(3) });
  await rsvp(t.db, going, id, "going");
  await rsvp(t.db, maybe, id, "maybe");
  await rsvp(t.db, notGoing, id, "not_going");
  await rsvp(t.db, waiting, id, "going");
  const everyone = [organiser, going, maybe, notGoing, waiting, silent].map((p) => p.email);

  await sendReunionReminders(t.db, { origin });
  expect(await emailsTo("reunion_reminder", everyone)).toHaveLength(0);

  const [reunion] = await t.db.select().from(reunions).where(eq(reunions.id, id));
  const dayBefore = new Date(reunion!.startsAt!.getTime() - 23 * HOUR);
  await Promise.all([sendReunionReminders(t.db, { origin, now: dayBefore }), sendReunionReminders(t.db, { origin, now: dayBefore })]);
  await sendReunionReminders(t.db, { origin, now: new Date(dayBefore.getTime() + HOUR) });
  const sent = await emailsTo("reunion_reminder", everyone);
  expect(sent.map((e) => e.to)).toEqual([going.email]);
  expect(sent[0]!.subject).toBe("Tomorrow: Cohort 7 meets again");
});
