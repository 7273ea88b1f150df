// A person's own notifications: newest first, the unread count behind the
// bell, marking read, and nobody else's.
import { eq } from "drizzle-orm";
import { notifications } from "../../db/schema";
import {
  countUnreadNotifications,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  NOTIFICATIONS_PAGE_SIZE,
} from "../../app/domain/notifications/list-notifications.server";
import { getNotificationPreferences, saveNotificationPreferences } from "../../app/domain/notifications/notification-preferences.server";
import { notify } from "../../app/domain/notifications/notify.server";
import { InputError } from "../../app/domain/input-error";
import { createNotification, createOrg, createUser } from "../support/factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

async function person() {
  const org = await createOrg(t.db);
  return createUser(t.db, { orgId: org.id, roles: ["alumnus"] });
}

test("the unread count goes down as notifications are read, and reading one twice keeps its first reading time", async () => {
  const ana = await person();
  for (let i = 0; i < 3; i++) await createNotification(t.db, ana.id);
  expect(await countUnreadNotifications(t.db, ana)).toBe(3);

  const [first] = (await listNotifications(t.db, ana)).items;
  const readAt = new Date("2030-01-01T10:00:00Z");
  await markNotificationRead(t.db, ana, first!.id, readAt);
  await markNotificationRead(t.db, ana, first!.id, new Date("2030-01-02T10:00:00Z"));
  expect(await countUnreadNotifications(t.db, ana)).toBe(2);
  const [row] = await t.db.select().from(notifications).where(eq(notifications.id, first!.id));
  expect(row!.readAt).toEqual(readAt);

  expect(await markAllNotificationsRead(t.db, ana)).toBe(2);
  expect(await countUnreadNotifications(t.db, ana)).toBe(0);
});

test("opening a notification tells where it points", async () => {
  const ana = await person();
  await createNotification(t.db, ana.id, { link: "/proposals/123" });
  const [n] = (await listNotifications(t.db, ana)).items;
  expect(await markNotificationRead(t.db, ana, n!.id)).toEqual({ link: "/proposals/123" });
});

test("someone else's notification cannot be read or marked: it does not exist for them", async () => {
  const ana = await person();
  const bo = await person();
  await createNotification(t.db, ana.id, { title: "Only for Ana" });
  const [n] = (await listNotifications(t.db, ana)).items;

  await expect(markNotificationRead(t.db, bo, n!.id)).rejects.toMatchObject({ status: 404 });
  await expect(markNotificationRead(t.db, bo, "not-an-id")).rejects.toMatchObject({ status: 404 });
  expect(await markAllNotificationsRead(t.db, bo)).toBe(0);
  expect((await listNotifications(t.db, bo)).items).toHaveLength(0);
  expect(await countUnreadNotifications(t.db, ana)).toBe(1);
});

test("the list shows the newest first, one page at a time", async () => {
  const ana = await person();
  const total = NOTIFICATIONS_PAGE_SIZE + 5;
  for (let i = 1; i <= total; i++) {
    await t.db.insert(notifications).values({ userId: ana.id, kind: "mention", title: `Number ${i}`, link: "/", createdAt: new Date(Date.UTC(2030, 0, 1, 0, i)) });
  }
  const first = await listNotifications(t.db, ana, 1);
  expect(first.total).toBe(total);
  expect(first.pages).toBe(2);
  expect(first.unread).toBe(total);
  expect(first.items).toHaveLength(NOTIFICATIONS_PAGE_SIZE);
  expect(first.items[0]!.title).toBe(`Number ${total}`);
  const second = await listNotifications(t.db, ana, 2);
  expect(second.items.map((n) => n.title)).toEqual(["Number 5", "Number 4", "Number 3", "Number 2", "Number 1"]);
});

test("people are not notified about what they did themselves", async () => {
  const ana = await person();
  const bo = await person();
  await notify(t.db, [ana.id, bo.id, ana.id], { kind: "mention", title: "Mentioned", link: "/" }, { actorId: bo.id });
  expect(await countUnreadNotifications(t.db, ana)).toBe(1);
  expect(await countUnreadNotifications(t.db, bo)).toBe(0);
});

test("email choices start at Immediately, are saved per kind, and refuse unknown values", async () => {
  const ana = await person();
  const defaults = await getNotificationPreferences(t.db, ana);
  expect(Object.values(defaults).every((d) => d === "immediately")).toBe(true);

  await saveNotificationPreferences(t.db, ana, { mention: "off", decision: "daily" });
  await saveNotificationPreferences(t.db, ana, { decision: "off" });
  expect(await getNotificationPreferences(t.db, ana)).toMatchObject({ mention: "off", decision: "off", submission: "immediately" });

  await expect(saveNotificationPreferences(t.db, ana, { mention: "sometimes" })).rejects.toThrow(InputError);
  await expect(saveNotificationPreferences(t.db, ana, { gossip: "daily" })).rejects.toThrow(InputError);
  expect((await getNotificationPreferences(t.db, ana)).mention).toBe("off");
});
