// Cancelling: of a series, this one or this one and the rest; all of it or
// nothing; each occurrence audited; everyone invited who has not declined
// told once; and the notices that invited people to it no longer lead them
// to answer (issue 14).
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { auditEvents, notifications, outbox, reunions } from "../../db/schema";
import { emailPendingNotifications } from "../../app/domain/notifications/email-notifications.server";
import { cancelReunion } from "../../app/domain/reunions/cancel-reunion.server";
import { rsvp } from "../../app/domain/reunions/rsvp.server";
import { sessionCookieFor } from "../support/factories";
import { mainText, postForm } from "../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";
import { reunionSetting, scheduledReunion } from "./reunion-setting";

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
const seriesOf = async (firstId: string) => {
  const [first] = await t.db.select().from(reunions).where(eq(reunions.id, firstId));
  return t.db.select().from(reunions).where(eq(reunions.seriesId, first!.seriesId!)).orderBy(asc(reunions.occurrence));
};
const noticesTo = (userId: string) => t.db.select().from(notifications).where(and(eq(notifications.userId, userId), sql`${notifications.title} like 'Cancelled:%'`));

test("cancelling this one and the rest of the series cancels the later ones in one go, each audited, and tells each person once of the dates they had not declined", async () => {
  const { organiser, guests, group } = await reunionSetting(t.db, { invitees: 3 });
  const [going, declinedOne, silent] = guests as [typeof organiser, typeof organiser, typeof organiser];
  const firstId = await scheduledReunion(t.db, organiser, group.id, { title: "Quarterly catch-up", date: "2027-03-10", repeatEveryMonths: 1, repeatCount: 5 });
  const before = await seriesOf(firstId);
  await cancelReunion(t.db, organiser, before[3]!.id, { reason: "" }); // the 4th was already called off
  await rsvp(t.db, going, before[1]!.id, "going");
  await rsvp(t.db, declinedOne, before[2]!.id, "not_going");

  const count = await cancelReunion(t.db, organiser, before[1]!.id, { reason: "The programme pauses.", scope: "rest" });
  expect(count).toBe(3);
  const after = await seriesOf(firstId);
  expect(after.map((r) => [r.occurrence, r.status, r.sequence])).toEqual([
    [1, "scheduled", 0],
    [2, "cancelled", 1],
    [3, "cancelled", 1],
    [4, "cancelled", 1],
    [5, "cancelled", 1],
  ]);
  const audited = await t.db.select().from(auditEvents).where(and(inArray(auditEvents.targetId, after.map((r) => r.id)), eq(auditEvents.action, "reunion.cancelled")));
  expect(audited.map((a) => a.targetId).sort()).toEqual([1, 2, 3, 4].map((i) => after[i]!.id).sort());
  expect(audited.filter((a) => a.reason === "The programme pauses.")).toHaveLength(3);

  // One notice each, linking to the first one cancelled, listing the dates they had not declined.
  for (const person of [going, silent]) {
    const told = (await noticesTo(person.id)).filter((n) => n.title.startsWith("Cancelled: Quarterly catch-up ("));
    expect(told, person.name).toHaveLength(1);
    expect(told[0]).toMatchObject({ title: "Cancelled: Quarterly catch-up (3 reunions)", link: `/reunions/${after[1]!.id}` });
    expect(told[0]!.body).toMatch(/^The reunions of 10 Apr 2027, 10 May 2027 and 10 Jul 2027 will not take place\. The programme pauses\.$/);
  }
  const toDecliner = (await noticesTo(declinedOne.id)).filter((n) => n.title.startsWith("Cancelled: Quarterly catch-up ("));
  expect(toDecliner.map((n) => n.title)).toEqual(["Cancelled: Quarterly catch-up (2 reunions)"]);
  expect(toDecliner[0]!.body).toContain("of 10 Apr 2027 and 10 Jul 2027 will not");
});

test("a cancellation is all or nothing: when one occurrence cannot be cancelled, none is, nothing is audited and nobody is told", async () => {
  const { organiser, guests, group } = await reunionSetting(t.db, { invitees: 1 });
  const firstId = await scheduledReunion(t.db, organiser, group.id, { title: "Fails on the third zqatomic", date: "2027-03-10", repeatEveryMonths: 1, repeatCount: 3 });
  // Something goes wrong half-way: the database refuses to cancel the third.
  await t.db.execute(sql.raw(`
    create or replace function refuse_third_zqatomic() returns trigger language plpgsql as $$
    begin
      if new.title = 'Fails on the third zqatomic' and new.occurrence = 3 and new.status = 'cancelled' then raise exception 'refused for the test'; end if;
      return new;
    end $$`));
  await t.db.execute(sql.raw(`create trigger refuse_third_zqatomic before update on reunions for each row execute function refuse_third_zqatomic()`));
  try {
    await expect(cancelReunion(t.db, organiser, firstId, { reason: "", scope: "rest" })).rejects.toThrow();
  } finally {
    await t.db.execute(sql.raw(`drop trigger refuse_third_zqatomic on reunions`));
    await t.db.execute(sql.raw(`drop function refuse_third_zqatomic()`));
  }
  const after = await seriesOf(firstId);
  expect(after.map((r) => [r.status, r.sequence])).toEqual([
    ["scheduled", 0],
    ["scheduled", 0],
    ["scheduled", 0],
  ]);
  expect(await t.db.select().from(auditEvents).where(and(inArray(auditEvents.targetId, after.map((r) => r.id)), eq(auditEvents.action, "reunion.cancelled")))).toHaveLength(0);
  expect(await noticesTo(guests[0]!.id)).toHaveLength(0);
  const [invitation] = await t.db.select().from(notifications).where(and(eq(notifications.userId, guests[0]!.id), eq(notifications.link, `/reunions/${firstId}`)));
  expect(invitation!.readAt).toBeNull();
});

test("an unanswered invitation no longer leads to answering once it is cancelled: it is marked read and not emailed, and the cancellation notice takes its place", async () => {
  const { organiser, guests, group } = await reunionSetting(t.db, { invitees: 2 });
  const [unread, read] = guests as [typeof organiser, typeof organiser];
  const id = await scheduledReunion(t.db, organiser, group.id, { title: "Superseded zqsup" });
  const invitationOf = async (userId: string) => (await t.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.title, "Invitation: Superseded zqsup"))))[0]!;
  const readAt = new Date(Date.now() - 60_000);
  await t.db.update(notifications).set({ readAt, emailStatus: "done" }).where(eq(notifications.id, (await invitationOf(read.id)).id));

  await cancelReunion(t.db, organiser, id, { reason: "" });
  expect(await invitationOf(unread.id)).toMatchObject({ emailStatus: "done" });
  expect((await invitationOf(unread.id)).readAt).toBeInstanceOf(Date);
  // Read before: the time they read it is kept.
  expect((await invitationOf(read.id)).readAt!.getTime()).toBe(readAt.getTime());
  const [cancelled] = await noticesTo(unread.id);
  expect(cancelled).toMatchObject({ title: "Cancelled: Superseded zqsup", readAt: null, emailStatus: "pending" });

  // The email job sends the cancellation, not the invitation.
  await emailPendingNotifications(t.db, { origin: server.services.config.publicOrigin });
  const emails = await t.db.select().from(outbox).where(eq(outbox.to, unread.email));
  expect(emails.map((e) => e.subject)).toEqual(["Cancelled: Superseded zqsup"]);

  // And the page it links to says so, with no answer to give.
  const page = mainText(await (await get(`/reunions/${id}`, unread.id)).text());
  expect(page).toContain("This reunion has been cancelled.");
  expect(page).not.toContain("Send my answer");
});

test("through the change page: an occurrence of a series offers this one or the rest; the rest cancels the later ones too", async () => {
  const { organiser, group } = await reunionSetting(t.db, { invitees: 1 });
  const firstId = await scheduledReunion(t.db, organiser, group.id, { date: "2027-03-10", repeatEveryMonths: 1, repeatCount: 4 });
  const series = await seriesOf(firstId);
  const html = mainText(await (await get(`/reunions/${series[1]!.id}/edit`, organiser.id)).text());
  expect(html).toContain("Which to cancel");
  expect(html).toContain("This one and the rest of the series: 3 reunions in all");
  // The last one has no rest to offer.
  expect(mainText(await (await get(`/reunions/${series[3]!.id}/edit`, organiser.id)).text())).not.toContain("Which to cancel");

  const cookie = await sessionCookieFor(t.db, organiser.id);
  const odd = await postForm(server, `/reunions/${series[1]!.id}/edit`, { intent: "cancel", scope: "everything", reason: "Kept reason zqkept" }, cookie);
  expect(odd.status).toBe(400);
  const oddHtml = mainText(await odd.text());
  expect(oddHtml).toContain("Choose whether to cancel this one only or the rest of the series too.");
  expect(oddHtml).toContain("Kept reason zqkept");

  const res = await postForm(server, `/reunions/${series[1]!.id}/edit`, { intent: "cancel", scope: "rest", reason: "" }, cookie);
  expect(res.status).toBe(302);
  expect((await seriesOf(firstId)).map((r) => r.status)).toEqual(["scheduled", "cancelled", "cancelled", "cancelled"]);
  // Cancelling it again is a clear refusal, not a 500.
  const again = await postForm(server, `/reunions/${series[1]!.id}/edit`, { intent: "cancel", scope: "one", reason: "" }, cookie);
  expect(again.status).toBe(409);
  expect(mainText(await again.text())).toContain("This reunion has been cancelled.");
});
