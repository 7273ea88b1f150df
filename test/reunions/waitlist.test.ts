// Capacity: "going" beyond it waits in line; freed places go to the first in
// line automatically; the last seat goes to exactly one of two people
// answering at the same moment.
import { and, eq } from "drizzle-orm";
import { notifications, reunionRsvps } from "../../db/schema";
import { changeReunion } from "../../app/domain/reunions/change-reunion.server";
import { loadReunionPage } from "../../app/domain/reunions/load-reunion-page.server";
import { rsvp } from "../../app/domain/reunions/rsvp.server";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { currentDate, reunionSetting, scheduledReunion } from "./reunion-setting";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

test("extra people going join the waitlist in order and move up when a place frees", async () => {
  const { organiser, guests, group } = await reunionSetting(t.db, { invitees: 4 });
  const [a, b, c] = guests as [typeof organiser, typeof organiser, typeof organiser];
  const id = await scheduledReunion(t.db, organiser, group.id, { capacity: 1 });

  expect(await rsvp(t.db, a, id, "going")).toEqual({ answer: "going", waitlistPosition: null });
  expect(await rsvp(t.db, b, id, "going")).toEqual({ answer: "going", waitlistPosition: 1 });
  expect(await rsvp(t.db, c, id, "going")).toEqual({ answer: "going", waitlistPosition: 2 });
  const page = await loadReunionPage(t.db, c, id);
  expect(page.myWaitlistPosition).toBe(2);
  expect(page.going).toEqual([a.name]);
  expect(page.waitlist).toEqual([b.name, c.name]);

  // A gives up the place: B, first in line, gets it and is told; C moves to number 1.
  await rsvp(t.db, a, id, "not_going");
  const [bRow] = await t.db.select().from(reunionRsvps).where(and(eq(reunionRsvps.reunionId, id), eq(reunionRsvps.userId, b.id)));
  expect(bRow!.waitlistedAt).toBeNull();
  const told = await t.db.select().from(notifications).where(and(eq(notifications.userId, b.id), eq(notifications.kind, "reunion")));
  expect(told.map((n) => n.title)).toContain("A place opened up: Cohort 7 meets again");
  expect((await loadReunionPage(t.db, c, id)).myWaitlistPosition).toBe(1);

  // Raising the capacity promotes C too.
  await changeReunion(t.db, organiser, id, { intent: "change", location: "The Harbour Room", onlineUrl: null, capacity: 2, ...(await currentDate(t.db, id)) });
  const [cRow] = await t.db.select().from(reunionRsvps).where(and(eq(reunionRsvps.reunionId, id), eq(reunionRsvps.userId, c.id)));
  expect(cRow!.waitlistedAt).toBeNull();
});

test("answering going again keeps one's place in line", async () => {
  const { organiser, guests, group } = await reunionSetting(t.db, { invitees: 3 });
  const [a, b, c] = guests as [typeof organiser, typeof organiser, typeof organiser];
  const id = await scheduledReunion(t.db, organiser, group.id, { capacity: 1 });
  await rsvp(t.db, a, id, "going");
  await rsvp(t.db, b, id, "going");
  await rsvp(t.db, c, id, "going");
  expect(await rsvp(t.db, b, id, "going")).toEqual({ answer: "going", waitlistPosition: 1 });
});

test("two people answering going at the same moment for the last seat: exactly one gets it", async () => {
  for (let round = 0; round < 5; round++) {
    const { organiser, guests, group } = await reunionSetting(t.db, { invitees: 3 });
    const [a, b, c] = guests as [typeof organiser, typeof organiser, typeof organiser];
    const id = await scheduledReunion(t.db, organiser, group.id, { capacity: 2 });
    await rsvp(t.db, a, id, "going");
    const results = await Promise.all([rsvp(t.db, b, id, "going"), rsvp(t.db, c, id, "going")]);
    expect(results.filter((r) => r.waitlistPosition === null)).toHaveLength(1);
    expect(results.filter((r) => r.waitlistPosition === 1)).toHaveLength(1);
    const rows = await t.db.select().from(reunionRsvps).where(eq(reunionRsvps.reunionId, id));
    expect(rows.filter((r) => r.answer === "going" && r.waitlistedAt === null)).toHaveLength(2);
  }
});
