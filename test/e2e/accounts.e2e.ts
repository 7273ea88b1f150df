// Accounts in a real browser against the real server with its demo data:
// signing in per role, wrong passwords, password reset and invitations by
// email (read from the outbox), and the main pages on phone and desktop.
import type { Page } from "playwright-core";
import {
  expectVisible,
  horizontalOverflow,
  linkIn,
  readLatestEmail,
  screenshot,
  signIn,
  signOut,
  uniqueEmail,
  useBrowser,
  visit,
} from "./support/browser";

const e2e = useBrowser();

const ALL_ROLES = ["participant", "alumnus", "facilitator", "thought_leader", "moderator", "org_admin", "platform_admin"] as const;
type Role = (typeof ALL_ROLES)[number];

type DemoPerson = { email: string; name: string; org: string; role: Role };

const DEMO_PEOPLE: DemoPerson[] = [
  { email: "leader@demo.test", name: "Dr. Imke Vos", org: "Harbourline Utilities", role: "thought_leader" },
  { email: "alumna@demo.test", name: "Priya Raman", org: "Harbourline Utilities", role: "alumnus" },
  { email: "alumnus2@demo.test", name: "Tomasz Nowak", org: "Northfield Health Group", role: "alumnus" },
  { email: "participant@demo.test", name: "Grace Mensah", org: "Harbourline Utilities", role: "participant" },
  { email: "facilitator@demo.test", name: "Luc Moreau", org: "Harbourline Utilities", role: "facilitator" },
  { email: "moderator@demo.test", name: "Sofia Lindqvist", org: "Harbourline Utilities", role: "moderator" },
  { email: "orgadmin@demo.test", name: "Daniel Okoro", org: "Harbourline Utilities", role: "org_admin" },
  { email: "admin@demo.test", name: "Ada Keller", org: "Harbourline Utilities", role: "platform_admin" },
];

const mainNav = (page: Page) => page.getByRole("navigation", { name: "Main" });

async function expectStyled(page: Page) {
  // The stylesheet makes the body a flex column; unstyled it is a block.
  expect(await page.evaluate(() => getComputedStyle(document.body).display)).toBe("flex");
}

async function expectNotice(page: Page, text: string) {
  await expectVisible(page.locator(".notice", { hasText: text }));
}

describe("accounts in the browser", () => {
  test("each demo role signs in and sees its own dashboard", async () => {
    for (const person of DEMO_PEOPLE) {
      const page = await e2e.newPage();
      await signIn(page, person.email);
      expect(new URL(page.url()).pathname, person.email).toBe("/");
      await expectVisible(page.getByRole("heading", { level: 1, name: `Welcome, ${person.name}` }));
      await expectVisible(page.locator("main p.muted", { hasText: person.org }));
      await expectVisible(page.locator(`li.card[data-role=${person.role}]`));
      for (const other of ALL_ROLES.filter((r) => r !== person.role)) {
        expect(await page.locator(`[data-role=${other}]`).count(), `${person.email} sees a ${other} card`).toBe(0);
      }

      // Org admins run their organisation; platform admins may run any, so both get the link.
      const runsOrganisations = person.role === "org_admin" || person.role === "platform_admin";
      expect(await mainNav(page).getByRole("link", { name: "Organisation", exact: true }).count(), `${person.email}: Organisation link`).toBe(
        runsOrganisations ? 1 : 0,
      );
      expect(await mainNav(page).getByRole("link", { name: "Platform", exact: true }).count(), `${person.email}: Platform link`).toBe(
        person.role === "platform_admin" ? 1 : 0,
      );
      await expectStyled(page);
      await screenshot(page, `dashboard-${person.role}${person.email === "alumnus2@demo.test" ? "-northfield" : ""}`);
      await page.context().close();
    }
  });

  test("a wrong password shows a clear message and keeps the email", async () => {
    const page = await e2e.newPage();
    await visit(page, "/login");
    await page.getByLabel("Email", { exact: true }).fill("participant@demo.test");
    await page.getByLabel("Password", { exact: true }).fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();

    const alert = await expectVisible(page.locator(".form-error[role=alert]"));
    expect(await alert.textContent()).toContain("That email and password do not match an account");
    expect(await page.getByLabel("Email", { exact: true }).inputValue()).toBe("participant@demo.test");
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(await mainNav(page).getByRole("button", { name: "Sign out" }).count()).toBe(0);
    await screenshot(page, "login-wrong-password");
  });

  test("a forgotten password is reset through the emailed link", async () => {
    // A fresh account, so the demo accounts keep their password for the other tests.
    const email = uniqueEmail("reset");
    const name = "Robin Reset";
    const oldPassword = "first password 1";
    const newPassword = "second password 2";
    const page = await e2e.newPage();

    await visit(page, "/signup");
    await page.getByLabel("Your name").fill(name);
    await page.getByLabel("Work email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(oldPassword);
    await page.getByLabel("Time zone").selectOption("Europe/Amsterdam");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL((url) => url.pathname === "/profile");
    await expectNotice(page, "Welcome to Roundtable!");
    await signOut(page);

    await visit(page, "/forgot-password");
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expectNotice(page, "we have sent it a link to choose a new password");

    const mail = await readLatestEmail(e2e.browser, e2e.baseUrl, { to: email, subjectContains: "Reset your Roundtable password" });
    expect(mail).toContain(`Hello ${name},`);
    const link = linkIn(mail);
    expect(link).toMatch(/\/reset-password\//);
    expect(link.startsWith(`${e2e.baseUrl}/`)).toBe(true);

    await visit(page, link);
    await expectVisible(page.getByRole("heading", { level: 1, name: "Choose a new password" }));
    await page.getByLabel("New password", { exact: true }).fill(newPassword);
    await page.getByLabel("Repeat the new password").fill(newPassword);
    await page.getByRole("button", { name: "Save new password" }).click();
    await page.waitForURL((url) => url.pathname === "/login" && url.searchParams.get("reset") === "done");
    await expectNotice(page, "Your password was changed");

    await signIn(page, email, newPassword);
    await expectVisible(page.getByRole("heading", { level: 1, name: `Welcome, ${name}` }));
    await expectVisible(page.locator("li.card[data-role=participant]"));
    await signOut(page);

    // The old password is gone, and the link worked only once.
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Password", { exact: true }).fill(oldPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expectVisible(page.locator(".form-error[role=alert]", { hasText: "That email and password do not match an account" }));

    await visit(page, link);
    await expectVisible(page.getByRole("heading", { level: 1, name: "This link no longer works" }));
    expect(await page.getByLabel("New password", { exact: true }).count()).toBe(0);
  });

  test("an invitation is accepted and the new person lands in the organisation", async () => {
    const email = uniqueEmail("invitee");
    const name = "Ines Invited";
    const admin = await e2e.newPage();
    await signIn(admin, "orgadmin@demo.test");
    await visit(admin, "/org/invite");
    await admin.getByLabel("Email", { exact: true }).fill(email);
    await admin.getByLabel("Name (optional)").fill(name);
    // Participant is ticked by default; invite as an alumnus only.
    await admin.getByLabel("Participant", { exact: true }).uncheck();
    await admin.getByLabel("Alumnus", { exact: true }).check();
    await admin.getByRole("button", { name: "Send invitation" }).click();
    await expectNotice(admin, `Invitation sent to ${email}`);
    await screenshot(admin, "org-invite-sent");

    const mail = await readLatestEmail(e2e.browser, e2e.baseUrl, { to: email, subjectContains: "invites you to Roundtable at Harbourline Utilities" });
    expect(mail).toContain(`Hello ${name},`);
    expect(mail).toContain("Daniel Okoro invites you to join Harbourline Utilities");
    const link = linkIn(mail);
    expect(link).toMatch(/\/invitations\//);

    const invitee = await e2e.newPage();
    await visit(invitee, link);
    await expectVisible(invitee.getByRole("heading", { level: 1, name: "Join Harbourline Utilities on Roundtable" }));
    await expectVisible(invitee.locator("main strong", { hasText: email }));
    expect(await invitee.getByLabel("Your name").inputValue()).toBe(name);
    await screenshot(invitee, "invitation-accept");
    await invitee.getByLabel("Choose a password").fill("invited password 3");
    await invitee.getByRole("button", { name: "Create my account" }).click();
    await invitee.waitForURL((url) => url.pathname === "/profile");
    await expectNotice(invitee, "Welcome to Roundtable!");
    await expectVisible(invitee.locator("main p.muted", { hasText: `${email} · Harbourline Utilities` }));

    await visit(invitee, "/");
    await expectVisible(invitee.getByRole("heading", { level: 1, name: `Welcome, ${name}` }));
    await expectVisible(invitee.locator("li.card[data-role=alumnus]"));
    expect(await invitee.locator("[data-role=participant]").count()).toBe(0);

    // The admin now sees the person among the people, no longer as an open invitation.
    await visit(admin, "/org");
    await expectVisible(admin.getByRole("row").filter({ hasText: email }).filter({ hasText: "Alumnus" }));

    const again = await e2e.newPage();
    await visit(again, link);
    await expectVisible(again.getByRole("heading", { level: 1, name: "This invitation no longer works" }));
    expect(await again.getByLabel("Choose a password").count()).toBe(0);
  });

  test("pages are readable on a 375 px phone", async () => {
    const phone = { width: 375, height: 812 };
    const check = async (page: Page, path: string, heading: string, name: string) => {
      await visit(page, path);
      await expectVisible(page.getByRole("heading", { level: 1, name: heading }));
      await expectStyled(page);
      await screenshot(page, name);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `${path} is ${width} px wide on a 375 px screen`).toBeLessThanOrEqual(375);
      expect(await horizontalOverflow(page), `${path} scrolls sideways`).toBe(0);
    };

    const anonymous = await e2e.newPage(phone);
    await check(anonymous, "/login", "Sign in to Roundtable", "phone-login");

    const alumna = await e2e.newPage(phone);
    await signIn(alumna, "alumna@demo.test");
    await check(alumna, "/", "Welcome, Priya Raman", "phone-dashboard-alumnus");
    await check(alumna, "/profile", "Your profile", "phone-profile");

    // Peer groups, the directory and mentoring, as the convener of the demo guild.
    const convener = await e2e.newPage(phone);
    await signIn(convener, "maarten@demo.test");
    await check(convener, "/groups", "Peer groups", "phone-groups");
    await check(convener, "/people?q=maintenance", "People", "phone-people");
    await check(convener, "/mentoring", "Mentoring", "phone-mentoring");
    await visit(convener, "/groups");
    await convener.getByRole("link", { name: "Maintenance practitioners guild" }).first().click();
    await expectVisible(convener.getByRole("heading", { level: 1, name: "Maintenance practitioners guild" }));
    const guild = new URL(convener.url()).pathname;
    await check(convener, guild, "Maintenance practitioners guild", "phone-group");
    await check(convener, `${guild}/members`, "Members", "phone-group-members");
    await check(convener, `${guild}/meetings`, "Meetings of Maintenance practitioners guild", "phone-group-meetings");

    const orgAdmin = await e2e.newPage(phone);
    await signIn(orgAdmin, "orgadmin@demo.test");
    await check(orgAdmin, "/org", "Harbourline Utilities", "phone-org-people");

    const admin = await e2e.newPage(phone);
    await signIn(admin, "admin@demo.test");
    await check(admin, "/admin/outbox", "Platform", "phone-admin-outbox");
  });

  test("the main pages render styled on a desktop screen", async () => {
    const shoot = async (page: Page, path: string, heading: string, name: string) => {
      await visit(page, path);
      await expectVisible(page.getByRole("heading", { level: 1, name: heading }));
      await expectStyled(page);
      expect(await horizontalOverflow(page), `${path} scrolls sideways`).toBe(0);
      await screenshot(page, name);
    };

    const anonymous = await e2e.newPage();
    await shoot(anonymous, "/login", "Sign in to Roundtable", "desktop-login");

    const alumna = await e2e.newPage();
    await signIn(alumna, "alumna@demo.test");
    await shoot(alumna, "/", "Welcome, Priya Raman", "desktop-dashboard-alumnus");
    await shoot(alumna, "/profile", "Your profile", "desktop-profile");

    const orgAdmin = await e2e.newPage();
    await signIn(orgAdmin, "orgadmin@demo.test");
    await shoot(orgAdmin, "/org", "Harbourline Utilities", "desktop-org-people");
    await shoot(orgAdmin, "/org/import", "Harbourline Utilities", "desktop-org-import");

    const admin = await e2e.newPage();
    await signIn(admin, "admin@demo.test");
    await shoot(admin, "/admin", "Platform", "desktop-admin");
    await shoot(admin, "/admin/outbox", "Platform", "desktop-admin-outbox");
  });
});
