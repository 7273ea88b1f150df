// Notifications reach people's inboxes as they chose per kind: at once, in
// one daily digest, or not at all, and never twice, even when two server
// processes run the email jobs at the same moment.
import { and, eq, inArray } from "drizzle-orm";
import { emailDigests, notifications, outbox } from "../../db/schema";
import { emailPendingNotifications, sendDailyDigests } from "../../app/domain/notifications/email-notifications.server";
import { listNotifications } from "../../app/domain/notifications/list-notifications.server";
import { saveNotificationPreferences } from "../../app/domain/notifications/notification-preferences.server";
import { silentLog } from "../../server/log";
import { createServices } from "../../server/services";
import { startNotificationEmails } from "../../server/jobs/notification-email-job";
import { createNotification, createOrg, createUser, testConfig } from "../support/factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const ORIGIN = "https://roundtable.example";
const HOUR = 60 * 60 * 1000;

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const emailsTo = (address: string) => t.db.select().from(outbox).where(eq(outbox.to, address)).orderBy(outbox.createdAt);

async function person() {
  const org = await createOrg(t.db);
  return createUser(t.db, { orgId: org.id, roles: ["alumnus"] });
}

test("a kind wanted immediately is emailed at once, with the full link and the way to change it", async () => {
  const ana = await person();
  await saveNotificationPreferences(t.db, ana, { mention: "immediately" });
  const notice = await createNotification(t.db, ana.id, { kind: "mention", title: "Bo mentioned you in Giving feedback", body: "“What do you think, Ana?”", link: "/modules/giving-feedback" });

  await emailPendingNotifications(t.db, { origin: ORIGIN, now: new Date() });

  const mails = await emailsTo(ana.email);
  expect(mails).toHaveLength(1);
  expect(mails[0]!.subject).toBe(notice.title);
  expect(mails[0]!.text).toContain("“What do you think, Ana?”");
  expect(mails[0]!.text).toContain(`${ORIGIN}/modules/giving-feedback`);
  expect(mails[0]!.text).toContain(`${ORIGIN}/notifications/settings`);

  // Running again sends nothing more.
  await emailPendingNotifications(t.db, { origin: ORIGIN, now: new Date() });
  expect(await emailsTo(ana.email)).toHaveLength(1);
});

test("without a saved choice, email follows immediately", async () => {
  const ana = await person();
  await createNotification(t.db, ana.id, { kind: "decision" });
  await emailPendingNotifications(t.db, { origin: ORIGIN, now: new Date() });
  expect(await emailsTo(ana.email)).toHaveLength(1);
});

test("a daily kind waits for the digest, which lists them all in one email and is not sent again within 24 hours", async () => {
  const ana = await person();
  await saveNotificationPreferences(t.db, ana, { submission: "daily", mention: "daily" });
  const first = await createNotification(t.db, ana.id, { kind: "submission", title: "A draft on delegation is waiting for your review", link: "/review" });
  const second = await createNotification(t.db, ana.id, { kind: "mention", title: "Bo mentioned you", link: "/modules/x" });
  const now = new Date();

  await emailPendingNotifications(t.db, { origin: ORIGIN, now });
  expect(await emailsTo(ana.email)).toHaveLength(0);

  await sendDailyDigests(t.db, { origin: ORIGIN, now });
  const mails = await emailsTo(ana.email);
  expect(mails).toHaveLength(1);
  expect(mails[0]!.subject).toBe("Your Roundtable digest: 2 new notifications");
  expect(mails[0]!.text).toContain(first.title);
  expect(mails[0]!.text).toContain(second.title);
  expect(mails[0]!.text).toContain(`${ORIGIN}/review`);
  expect(mails[0]!.text).toContain(`${ORIGIN}/modules/x`);

  // A new one an hour later waits: the last digest is less than 24 hours old.
  const third = await createNotification(t.db, ana.id, { kind: "mention", title: "Cy mentioned you" });
  await emailPendingNotifications(t.db, { origin: ORIGIN, now: new Date(now.getTime() + HOUR) });
  await sendDailyDigests(t.db, { origin: ORIGIN, now: new Date(now.getTime() + HOUR) });
  await sendDailyDigests(t.db, { origin: ORIGIN, now: new Date(now.getTime() + 23 * HOUR) });
  expect(await emailsTo(ana.email)).toHaveLength(1);

  // The next day's digest carries only what is new.
  await sendDailyDigests(t.db, { origin: ORIGIN, now: new Date(now.getTime() + 25 * HOUR) });
  const after = await emailsTo(ana.email);
  expect(after).toHaveLength(2);
  expect(after[1]!.subject).toBe("Your Roundtable digest: 1 new notification");
  expect(after[1]!.text).toContain(third.title);
  expect(after[1]!.text).not.toContain(first.title);

  // Nothing left: no empty digest.
  await sendDailyDigests(t.db, { origin: ORIGIN, now: new Date(now.getTime() + 50 * HOUR) });
  expect(await emailsTo(ana.email)).toHaveLength(2);
});

test("a kind switched off is not emailed, but still shows in the app", async () => {
  const ana = await person();
  await saveNotificationPreferences(t.db, ana, { report_outcome: "off" });
  const notice = await createNotification(t.db, ana.id, { kind: "report_outcome", title: "Your report was handled" });

  await emailPendingNotifications(t.db, { origin: ORIGIN, now: new Date() });
  await sendDailyDigests(t.db, { origin: ORIGIN, now: new Date() });

  expect(await emailsTo(ana.email)).toHaveLength(0);
  const list = await listNotifications(t.db, ana);
  expect(list.items.map((n) => n.title)).toEqual([notice.title]);
  expect(list.unread).toBe(1);
});

test("each person's choice applies to their own notifications only", async () => {
  const ana = await person();
  const bo = await person();
  await saveNotificationPreferences(t.db, ana, { decision: "off" });
  await createNotification(t.db, ana.id, { kind: "decision" });
  await createNotification(t.db, bo.id, { kind: "decision" });
  await emailPendingNotifications(t.db, { origin: ORIGIN, now: new Date() });
  expect(await emailsTo(ana.email)).toHaveLength(0);
  expect(await emailsTo(bo.email)).toHaveLength(1);
});

test("a notification waiting for the digest is not emailed once its kind is switched off", async () => {
  const ana = await person();
  await saveNotificationPreferences(t.db, ana, { mention: "daily", decision: "daily" });
  await createNotification(t.db, ana.id, { kind: "mention", title: "Muted later" });
  const kept = await createNotification(t.db, ana.id, { kind: "decision", title: "Still wanted" });
  await emailPendingNotifications(t.db, { origin: ORIGIN, now: new Date() });
  await saveNotificationPreferences(t.db, ana, { mention: "off" });

  await sendDailyDigests(t.db, { origin: ORIGIN, now: new Date() });
  const mails = await emailsTo(ana.email);
  expect(mails).toHaveLength(1);
  expect(mails[0]!.text).toContain(kept.title);
  expect(mails[0]!.text).not.toContain("Muted later");
});

test("two processes running the email jobs at once email each notification exactly once", async () => {
  const people = await Promise.all(Array.from({ length: 6 }, () => person()));
  const [now, daily] = [new Date(), people.slice(3)];
  for (const p of daily) await saveNotificationPreferences(t.db, p, { mention: "daily" });
  // Their last digest went out two days ago, so today's is due.
  await t.db.insert(emailDigests).values(daily.map((p) => ({ userId: p.id, lastSentAt: new Date(now.getTime() - 48 * HOUR) })));
  // More than one batch, so the runs overlap for a while.
  for (const p of people) for (let i = 0; i < 40; i++) await createNotification(t.db, p.id, { kind: "mention", title: `Note ${i}` });

  await Promise.all([emailPendingNotifications(t.db, { origin: ORIGIN, now }), emailPendingNotifications(t.db, { origin: ORIGIN, now })]);
  await Promise.all([sendDailyDigests(t.db, { origin: ORIGIN, now }), sendDailyDigests(t.db, { origin: ORIGIN, now })]);

  for (const p of people.slice(0, 3)) expect(await emailsTo(p.email)).toHaveLength(40);
  for (const p of daily) {
    const mails = await emailsTo(p.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("Your Roundtable digest: 40 new notifications");
  }
  const left = await t.db
    .select()
    .from(notifications)
    .where(and(inArray(notifications.userId, people.map((p) => p.id)), inArray(notifications.emailStatus, ["pending", "digest"])));
  expect(left).toHaveLength(0);
});

test("the server's email job emails new notifications into the outbox even without SMTP", async () => {
  const ana = await person();
  const services = createServices(t.db, testConfig({ PUBLIC_ORIGIN: ORIGIN }), silentLog);
  expect(services.config.smtpUrl).toBeFalsy();
  const job = startNotificationEmails(services, { pendingEveryMs: 20 });
  try {
    await createNotification(t.db, ana.id, { kind: "coauthor_invite", title: "You are a co-author now", link: "/modules/abc/edit" });
    await vi.waitFor(async () => expect(await emailsTo(ana.email)).toHaveLength(1), { timeout: 5_000, interval: 25 });
    expect((await emailsTo(ana.email))[0]!.text).toContain(`${ORIGIN}/modules/abc/edit`);
  } finally {
    await job.stop();
  }
});
