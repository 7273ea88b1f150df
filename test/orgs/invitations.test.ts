// Inviting people into an organisation, accepting invitations, and role
// assignment by organisation admins, through the real HTTP server.
import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import { invitations, organisations, outbox, userRoles, users } from "../../db/schema";
import { hashSecretToken } from "../../app/domain/accounts/secret-token.server";
import { messageIn } from "../../app/domain/i18n/translators";
import { createOrg, createUser, sessionCookieFor } from "../support/factories";
import { mainText, postForm, sessionTokenFrom } from "../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";

let t: TestDatabase;
let server: TestServer;
beforeAll(async () => {
  t = await createTestDatabase();
  server = await startTestServer(t.db, { AUTH_RATE_LIMIT_PER_MINUTE: "1000" });
});
afterAll(async () => {
  await server?.stop();
  await t?.drop();
});

const hex = () => crypto.randomBytes(4).toString("hex");

async function orgWithAdmin() {
  const org = await createOrg(t.db, { name: `Acme ${hex()}` });
  const admin = await createUser(t.db, { orgId: org.id, roles: ["org_admin"], name: "Olga Admin" });
  return { org, admin, cookie: await sessionCookieFor(t.db, admin.id) };
}

async function rolesOf(userId: string) {
  const rows = await t.db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId));
  return rows.map((r) => r.role).sort();
}

async function invitationLink(email: string) {
  const mails = await t.db.select().from(outbox).where(and(eq(outbox.to, email), eq(outbox.kind, "invitation")));
  expect(mails).toHaveLength(1);
  const match = new RegExp(`${server.services.config.publicOrigin}/invitations/([a-z2-7]{32})`).exec(mails[0]!.text);
  expect(match).not.toBeNull();
  return { mail: mails[0]!, token: match![1]! };
}

function invite(cookie: string, fields: Record<string, string | string[]>) {
  return postForm(server, "/org/invite", fields, cookie);
}

function accept(token: string, fields: Record<string, string> = {}) {
  return postForm(server, `/invitations/${token}`, { name: "Ines Invitee", password: "invitee password", timeZone: "Europe/Paris", ...fields });
}

describe("invitations", () => {
  test("an organisation admin's invitation is emailed with a link", async () => {
    const { org, cookie } = await orgWithAdmin();
    const email = `invitee-${hex()}@example.test`;
    const res = await invite(cookie, { email, name: "Ines Invitee", roles: "alumnus" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/org/invite?sent=${encodeURIComponent(email)}`);

    const { mail, token } = await invitationLink(email);
    expect(mail.subject).toBe(`Olga Admin invites you to Roundtable at ${org.name}`);
    expect(mail.text).toContain("Hello Ines Invitee,");
    const [row] = await t.db.select().from(invitations).where(eq(invitations.email, email));
    expect(row).toMatchObject({ orgId: org.id, roles: ["alumnus"], acceptedAt: null });
    // Only the token's hash is kept.
    expect(row!.tokenHash).toBe(hashSecretToken(token));
  });

  test("accepting creates the account with the invited roles in that organisation and signs the person in", async () => {
    const { org, cookie } = await orgWithAdmin();
    const email = `joiner-${hex()}@example.test`;
    expect((await invite(cookie, { email, roles: ["alumnus", "facilitator"] })).status).toBe(302);
    const { token } = await invitationLink(email);

    const page = await server.request(`/invitations/${token}`);
    expect(page.status).toBe(200);
    const pageText = mainText(await page.text());
    expect(pageText).toContain(`Join ${org.name} on Roundtable`);
    expect(pageText).toContain(email);

    const res = await accept(token);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/profile?welcome=1");
    const session = sessionTokenFrom(res);
    expect(session).toBeTruthy();

    const [user] = await t.db.select().from(users).where(eq(users.email, email));
    expect(user).toMatchObject({ orgId: org.id, name: "Ines Invitee", timeZone: "Europe/Paris" });
    expect(await rolesOf(user!.id)).toEqual(["alumnus", "facilitator"]);
    const profile = await server.request("/profile", { headers: { Cookie: `rt_session=${session}` } });
    expect(profile.status).toBe(200);
    expect(mainText(await profile.text())).toContain(email);
  });

  test("an invitation link works only once", async () => {
    const { cookie } = await orgWithAdmin();
    const email = `once-${hex()}@example.test`;
    await invite(cookie, { email, roles: "participant" });
    const { token } = await invitationLink(email);
    expect((await accept(token)).status).toBe(302);

    const again = await accept(token, { name: "Someone Else", password: "someone else's password" });
    expect(again.status).toBe(400);
    expect(sessionTokenFrom(again)).toBeNull();
    expect(mainText(await again.text())).toContain("This invitation no longer works");
    const data = await postForm(server, `/invitations/${token}?_data=${encodeURIComponent("routes/invitations.$token")}`, {
      name: "Someone Else",
      password: "someone else's password",
      timeZone: "UTC",
    });
    expect(data.status).toBe(400);
    // Data requests carry the catalogue key; the page shows it in the reader's language.
    expect(messageIn("en", (await data.json()).formError)).toContain("expired or was already used");
    const rows = await t.db.select().from(users).where(eq(users.email, email));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.name).toBe("Ines Invitee");
  });

  test("an expired invitation is refused and creates no account", async () => {
    const { cookie } = await orgWithAdmin();
    const email = `late-${hex()}@example.test`;
    await invite(cookie, { email, roles: "participant" });
    const { token } = await invitationLink(email);
    await t.db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.tokenHash, hashSecretToken(token)));

    expect(mainText(await (await server.request(`/invitations/${token}`)).text())).toContain("This invitation no longer works");
    const res = await accept(token);
    expect(res.status).toBe(400);
    expect(sessionTokenFrom(res)).toBeNull();
    expect(await t.db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
  });

  test("inviting again replaces the earlier link", async () => {
    const { cookie } = await orgWithAdmin();
    const email = `twice-${hex()}@example.test`;
    await invite(cookie, { email, roles: "participant" });
    const { token: first } = await invitationLink(email);
    await t.db.delete(outbox).where(eq(outbox.to, email));
    await invite(cookie, { email, roles: "alumnus" });
    const { token: second } = await invitationLink(email);
    expect((await accept(first)).status).toBe(400);
    expect((await accept(second)).status).toBe(302);
    const [user] = await t.db.select().from(users).where(eq(users.email, email));
    expect(await rolesOf(user!.id)).toEqual(["alumnus"]);
  });

  test("once someone accepts an invitation, the other invitations for that email stop working", async () => {
    const first = await orgWithAdmin();
    const second = await orgWithAdmin();
    const email = `sought-after-${hex()}@example.test`;
    await invite(first.cookie, { email, roles: "participant" });
    const { token: older } = await invitationLink(email);
    await t.db.delete(outbox).where(eq(outbox.to, email));
    await invite(second.cookie, { email, roles: "alumnus" });
    const { token: newer } = await invitationLink(email);

    expect((await accept(newer)).status).toBe(302);
    const page = await server.request(`/invitations/${older}`);
    expect(mainText(await page.text())).toContain("This invitation no longer works");
    expect((await accept(older, { name: "Someone Else" })).status).toBe(400);
    // The first organisation's admins no longer see it waiting.
    const pending = await t.db.select().from(invitations).where(and(eq(invitations.orgId, first.org.id), eq(invitations.email, email)));
    expect(pending[0]!.revokedAt).not.toBeNull();
    const [user] = await t.db.select().from(users).where(eq(users.email, email));
    expect(user!.orgId).toBe(second.org.id);
  });

  test("someone who is not an organisation admin cannot invite", async () => {
    const { org } = await orgWithAdmin();
    const member = await createUser(t.db, { orgId: org.id, roles: ["participant", "facilitator"] });
    const email = `nope-${hex()}@example.test`;
    const res = await invite(await sessionCookieFor(t.db, member.id), { email, roles: "participant" });
    expect(res.status).toBe(403);
    expect(await t.db.select().from(invitations).where(eq(invitations.email, email))).toHaveLength(0);
    expect(await t.db.select().from(outbox).where(eq(outbox.to, email))).toHaveLength(0);

    const anonymous = await postForm(server, "/org/invite", { email, roles: "participant" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login/);
  });

  test("inviting an email that already has an account gives a field error", async () => {
    const { org, cookie } = await orgWithAdmin();
    const existing = await createUser(t.db, { orgId: org.id, roles: ["participant"] });
    const res = await invite(cookie, { email: existing.email.toUpperCase(), roles: "alumnus" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(mainText(html)).toContain("This person already has a Roundtable account.");
    expect(html).toContain(`value="${existing.email.toUpperCase()}"`);
    expect(await t.db.select().from(invitations).where(eq(invitations.email, existing.email))).toHaveLength(0);
  });

  test("an organisation admin cannot grant the platform admin role", async () => {
    const { cookie } = await orgWithAdmin();
    const email = `climber-${hex()}@example.test`;
    const res = await invite(cookie, { email, roles: ["participant", "platform_admin"] });
    expect(res.status).toBe(403);
    expect(mainText(await res.text())).toContain('You cannot grant the role "Platform admin".');
    expect(await t.db.select().from(invitations).where(eq(invitations.email, email))).toHaveLength(0);
    expect(await t.db.select().from(outbox).where(eq(outbox.to, email))).toHaveLength(0);
  });
});

describe("role assignment", () => {
  test("an organisation admin can change a member's roles", async () => {
    const { org, cookie } = await orgWithAdmin();
    const member = await createUser(t.db, { orgId: org.id, roles: ["participant"] });
    // Granting or withdrawing the alumnus role by hand needs a reason for the audit log (issue 15); without one, nothing changes.
    const refused = await postForm(server, `/org/people/${member.id}`, { roles: ["alumnus", "moderator"] }, cookie);
    expect(refused.status).toBe(400);
    expect(mainText(await refused.text())).toMatch(/reason/i);
    expect(await rolesOf(member.id)).toEqual(["participant"]);
    const res = await postForm(server, `/org/people/${member.id}`, { roles: ["alumnus", "moderator"], reason: "Finished a cycle before Roundtable." }, cookie);
    expect(res.status).toBe(302);
    // Back to the people list, which confirms the change (test/dashboard/home-dashboards.test.ts).
    expect(res.headers.get("location")).toBe(`/org?saved=${member.id}`);
    expect(await rolesOf(member.id)).toEqual(["alumnus", "moderator"]);
  });

  test("another organisation's person is not found for an organisation admin", async () => {
    const { cookie } = await orgWithAdmin();
    const elsewhere = await createOrg(t.db);
    const stranger = await createUser(t.db, { orgId: elsewhere.id, roles: ["participant"], name: "Stella Stranger" });

    const page = await server.request(`/org/people/${stranger.id}`, { headers: { Cookie: cookie } });
    expect(page.status).toBe(404);
    const text = mainText(await page.text());
    expect(text).toContain("We could not find that person.");
    expect(text).not.toContain("Stella Stranger");

    const res = await postForm(server, `/org/people/${stranger.id}`, { roles: ["org_admin"] }, cookie);
    expect(res.status).toBe(404);
    expect(await rolesOf(stranger.id)).toEqual(["participant"]);
  });

  test("an organisation admin cannot make someone a platform admin", async () => {
    const { org, cookie } = await orgWithAdmin();
    const member = await createUser(t.db, { orgId: org.id, roles: ["participant"] });
    const res = await postForm(server, `/org/people/${member.id}`, { roles: ["participant", "platform_admin"] }, cookie);
    expect(res.status).toBe(403);
    expect(mainText(await res.text())).toContain('You cannot grant the role "Platform admin".');
    expect(await rolesOf(member.id)).toEqual(["participant"]);
  });

  test("the last organisation admin cannot remove their own admin role", async () => {
    const { admin, cookie } = await orgWithAdmin();
    const res = await postForm(server, `/org/people/${admin.id}`, { roles: ["participant"] }, cookie);
    expect(res.status).toBe(400);
    expect(mainText(await res.text())).toContain("An organisation needs at least one organisation admin.");
    expect(await rolesOf(admin.id)).toEqual(["org_admin"]);
  });

  test("with a second organisation admin, an admin can step down", async () => {
    const { org, admin, cookie } = await orgWithAdmin();
    await createUser(t.db, { orgId: org.id, roles: ["org_admin"] });
    const res = await postForm(server, `/org/people/${admin.id}`, { roles: ["participant"] }, cookie);
    expect(res.status).toBe(302);
    expect(await rolesOf(admin.id)).toEqual(["participant"]);
  });
});

describe("a platform admin creates an organisation", () => {
  test("the organisation exists with its first admin invited, and the page says so by the organisation's own name", async () => {
    const platform = await createUser(t.db, { orgId: (await createOrg(t.db)).id, roles: ["platform_admin"] });
    const cookie = await sessionCookieFor(t.db, platform.id);
    const name = `Northwind ${hex()}`;
    const email = `first-admin-${hex()}@example.com`;
    const res = await postForm(server, "/admin?index", { name, firstAdminEmail: email }, cookie);
    expect(res.status).toBe(302);
    const location = res.headers.get("location")!;
    const [org] = await t.db.select().from(organisations).where(eq(organisations.name, name));
    expect(org).toBeDefined();
    expect(location).toBe(`/admin?created=${org!.id}`);
    expect((await invitationLink(email)).mail.to).toBe(email);
    const page = await server.request(location, { headers: { Cookie: cookie } });
    expect(mainText(await page.text())).toContain(`${name} was created and its first admin invited.`);
  });

  test("a link cannot make the page announce an organisation that was not created", async () => {
    const platform = await createUser(t.db, { orgId: (await createOrg(t.db)).id, roles: ["platform_admin"] });
    const cookie = await sessionCookieFor(t.db, platform.id);
    for (const created of ["Evil Corp", crypto.randomUUID()]) {
      const page = await server.request(`/admin?created=${encodeURIComponent(created)}`, { headers: { Cookie: cookie } });
      expect(page.status).toBe(200);
      expect(mainText(await page.text())).not.toContain("was created and its first admin invited");
    }
  });
});
