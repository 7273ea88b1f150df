// The bell, the notifications page and the email settings page, over HTTP.
import { countUnreadNotifications, listNotifications } from "../../app/domain/notifications/list-notifications.server";
import { getNotificationPreferences } from "../../app/domain/notifications/notification-preferences.server";
import { NOTIFICATION_KIND_KEYS } from "../../app/domain/notifications/notification-kinds";
import { createNotification, createOrg, createUser, sessionCookieFor } from "../support/factories";
import { decodeEntities, mainText, postForm } from "../support/http-helpers";
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

async function signedIn(roles: Parameters<typeof createUser>[1]["roles"] = ["participant"]) {
  const org = await createOrg(t.db);
  const user = await createUser(t.db, { orgId: org.id, roles });
  return { user, cookie: await sessionCookieFor(t.db, user.id) };
}

const page = async (path: string, cookie: string) => {
  const res = await server.request(path, { headers: { Cookie: cookie } });
  return { status: res.status, html: await res.text() };
};

/** The opening tags of one element type, whatever the order of their attributes. */
const tags = (html: string, element: string) => html.match(new RegExp(`<${element}\\b[^>]*>`, "g")) ?? [];

/** The accessible name of the header's bell link, as the browser gets it. */
const bellLabel = (html: string) => {
  const bell = tags(html, "a").find((tag) => tag.includes('href="/notifications"'));
  return decodeEntities(/aria-label="([^"]*)"/.exec(bell ?? "")?.[1] ?? "");
};

const radioChecked = (html: string, name: string, value: string) =>
  tags(html, "input").some((tag) => tag.includes(`name="${name}"`) && tag.includes(`value="${value}"`) && / checked(=|\s|\/|>)/.test(tag));

test("the bell in the header shows how many notifications are unread", async () => {
  const { user, cookie } = await signedIn();
  expect(bellLabel((await page("/", cookie)).html)).toBe("Notifications, none unread");
  for (let i = 0; i < 3; i++) await createNotification(t.db, user.id);
  const { html } = await page("/modules", cookie);
  expect(bellLabel(html)).toBe("Notifications, 3 unread");
  expect(html).toMatch(/class="bell__count"[^>]*>3</);
});

test("anonymous visitors are asked to sign in", async () => {
  for (const path of ["/notifications", "/notifications/settings"]) {
    const res = await server.request(path);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
  }
  const post = await postForm(server, "/notifications", { intent: "read-all" });
  expect(post.status).toBe(302);
  expect(post.headers.get("location")).toMatch(/^\/login/);
});

test("the page lists notifications newest first, marks the unread ones, and opening one marks it read and goes to it", async () => {
  const { user, cookie } = await signedIn();
  await createNotification(t.db, user.id, { title: "Older news", body: "Details of the older news.", link: "/modules/older" });
  await createNotification(t.db, user.id, { title: "Newer news", link: "/proposals/newer" });
  const [newer, older] = (await listNotifications(t.db, user)).items;
  expect(newer!.title).toBe("Newer news");

  const before = await page("/notifications", cookie);
  expect(before.status).toBe(200);
  const text = mainText(before.html);
  expect(text).toContain("2 unread.");
  expect(text.indexOf("Newer news")).toBeLessThan(text.indexOf("Older news"));
  expect(text).toContain("New Older news");
  expect(text).toContain("Details of the older news.");
  expect(before.html).toContain(`value="${older!.id}"`);

  const open = await postForm(server, "/notifications", { intent: "open", id: older!.id }, cookie);
  expect(open.status).toBe(302);
  expect(open.headers.get("location")).toBe("/modules/older");
  expect(await countUnreadNotifications(t.db, user)).toBe(1);
  expect(bellLabel((await page("/notifications", cookie)).html)).toBe("Notifications, 1 unread");
  expect(mainText((await page("/notifications", cookie)).html)).not.toContain("New Older news");
});

test("a notification whose link leaves the site opens the notifications page instead", async () => {
  const { user, cookie } = await signedIn();
  await createNotification(t.db, user.id, { link: "//elsewhere.example/phish" });
  const [n] = (await listNotifications(t.db, user)).items;
  const open = await postForm(server, "/notifications", { intent: "open", id: n!.id }, cookie);
  expect(open.status).toBe(302);
  expect(open.headers.get("location")).toBe("/notifications");
});

test("“Mark all as read” clears the bell", async () => {
  const { user, cookie } = await signedIn();
  for (let i = 0; i < 2; i++) await createNotification(t.db, user.id);
  expect(mainText((await page("/notifications", cookie)).html)).toContain("Mark all as read");
  const res = await postForm(server, "/notifications", { intent: "read-all" }, cookie);
  expect(res.status).toBe(302);
  const after = await page(res.headers.get("location")!, cookie);
  expect(mainText(after.html)).toContain("All your notifications are marked as read.");
  expect(bellLabel(after.html)).toBe("Notifications, none unread");
});

test("someone else's notification is a 404, and theirs stays unread", async () => {
  const owner = await signedIn();
  const other = await signedIn(["org_admin", "moderator"]);
  await createNotification(t.db, owner.user.id);
  const [n] = (await listNotifications(t.db, owner.user)).items;
  const res = await postForm(server, "/notifications", { intent: "open", id: n!.id }, other.cookie);
  expect(res.status).toBe(404);
  expect(await countUnreadNotifications(t.db, owner.user)).toBe(1);
});

test("a malformed request on the notifications page answers 400 with a plain message", async () => {
  const { cookie } = await signedIn();
  const noId = await postForm(server, "/notifications", { intent: "open", id: "nonsense" }, cookie);
  expect(noId.status).toBe(400);
  expect(mainText(await noId.text())).toContain("That notification no longer exists.");
  const odd = await postForm(server, "/notifications", { intent: "explode" }, cookie);
  expect(odd.status).toBe(400);
  expect(mainText(await odd.text())).toContain("Choose a notification to open, or mark all as read.");
});

test("email choices are saved per kind with a clear confirmation", async () => {
  const { user, cookie } = await signedIn(["alumnus"]);
  const form = await page("/notifications/settings", cookie);
  expect(form.status).toBe(200);
  for (const kind of NOTIFICATION_KIND_KEYS) expect(radioChecked(form.html, kind, "immediately")).toBe(true);
  expect(mainText(form.html)).toContain("Someone mentions you with @");

  const choices = Object.fromEntries(NOTIFICATION_KIND_KEYS.map((k) => [k, "immediately"]));
  const res = await postForm(server, "/notifications/settings", { ...choices, mention: "daily", report_outcome: "off" }, cookie);
  expect(res.status).toBe(302);
  const saved = await page(res.headers.get("location")!, cookie);
  expect(mainText(saved.html)).toContain("Your email choices are saved.");
  expect(radioChecked(saved.html, "mention", "daily")).toBe(true);
  expect(radioChecked(saved.html, "report_outcome", "off")).toBe(true);
  expect(await getNotificationPreferences(t.db, user)).toMatchObject({ mention: "daily", report_outcome: "off", decision: "immediately" });
});

test("an unknown email choice answers 400 with a clear message, keeps the other choices and saves nothing", async () => {
  const { user, cookie } = await signedIn(["alumnus"]);
  const choices = Object.fromEntries(NOTIFICATION_KIND_KEYS.map((k) => [k, "immediately"]));
  const res = await postForm(server, "/notifications/settings", { ...choices, decision: "off", mention: "sometimes" }, cookie);
  expect(res.status).toBe(400);
  const html = await res.text();
  const text = mainText(html);
  expect(text).toContain("Choose Immediately, Daily digest or Off.");
  expect(text).not.toContain("Your email choices are saved.");
  expect(radioChecked(html, "decision", "off")).toBe(true);
  expect(radioChecked(html, "mention", "immediately")).toBe(false);
  expect((await getNotificationPreferences(t.db, user)).decision).toBe("immediately");
});

test("the header offers Proposals to everyone signed in, Review to moderators and the audit log to moderators and admins", async () => {
  const nav = (html: string) => /<nav aria-label="Main">([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? "";
  const participant = nav((await page("/", (await signedIn(["participant"])).cookie)).html);
  expect(participant).toContain('href="/proposals"');
  expect(participant).not.toContain('href="/review"');
  expect(participant).not.toContain('href="/audit"');
  const moderator = nav((await page("/", (await signedIn(["moderator"])).cookie)).html);
  expect(moderator).toContain('href="/review"');
  expect(moderator).toContain('href="/audit"');
  const orgAdmin = nav((await page("/", (await signedIn(["org_admin"])).cookie)).html);
  expect(orgAdmin).not.toContain('href="/review"');
  expect(orgAdmin).toContain('href="/audit"');
  const anonymous = nav(await (await server.request("/")).text());
  expect(anonymous).not.toContain('href="/proposals"');
  expect(anonymous).not.toContain('href="/notifications"');
});
