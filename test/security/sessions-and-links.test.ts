// Session fixation, and the one-time links sent by email (password reset,
// invitation): what an attacker who can plant a cookie, or who holds an old
// or used link, gets (issue 20's security review). Reuse and expiry of reset
// links one at a time are in test/accounts/password-reset.test.ts; here they
// are raced.
import { eq } from "drizzle-orm";
import { invitations, passwordResets, userRoles, users } from "../../db/schema";
import { generateSecretToken, hashSecretToken } from "../../app/domain/accounts/secret-token.server";
import { createOrg, createUser, sessionCookieFor, TEST_PASSWORD } from "../support/factories";
import { postForm } from "../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";

let t: TestDatabase;
let server: TestServer;
beforeAll(async () => {
  t = await createTestDatabase();
  server = await startTestServer(t.db, { AUTH_RATE_LIMIT_PER_MINUTE: "100000" });
});
afterAll(async () => {
  await server?.stop();
  await t?.drop();
});

const HOUR = 3_600_000;

async function person(roles: ("participant" | "org_admin" | "alumnus")[] = ["participant"]) {
  const org = await createOrg(t.db);
  return createUser(t.db, { orgId: org.id, roles });
}

/** Whose session a cookie opens: the email /profile shows, or null when it is anonymous. */
async function whoseSession(token: string): Promise<string | null> {
  const res = await server.request("/security", { headers: { Cookie: `rt_session=${token}` } });
  if (res.status !== 200) return null;
  const html = await res.text();
  return /[\w.+-]+@example\.test/.exec(html)?.[0] ?? "signed in";
}

/**
 * The session a browser keeps after this response: a planted cookie that is
 * no session is cleared and the new one set in the same response, and the
 * browser applies Set-Cookie headers in order, so the last one counts.
 */
function sessionTokenFrom(res: Response): string | null {
  const last = res.headers.getSetCookie().filter((c) => c.startsWith("rt_session=")).at(-1);
  return last?.match(/^rt_session=([^;]*)/)?.[1] || null;
}

function signIn(email: string, cookie?: string) {
  return postForm(server, "/login", { email, password: TEST_PASSWORD, redirectTo: "/" }, cookie);
}

describe("session fixation", () => {
  test("a session id planted before sign-in is not the one after it, and never becomes the victim's", async () => {
    const victim = await person();
    const planted = generateSecretToken(); // well formed, never issued
    const res = await signIn(victim.email, `rt_session=${planted}`);
    expect(res.status).toBe(302);
    const issued = sessionTokenFrom(res);
    expect(issued).toBeTruthy();
    expect(issued).not.toBe(planted);
    expect(await whoseSession(planted)).toBeNull();
    expect(await whoseSession(issued!)).not.toBeNull();
  });

  test("an attacker's own session planted in the victim's browser is replaced at sign-in and stays the attacker's", async () => {
    const attacker = await person();
    const victim = await person();
    const attackerCookie = await sessionCookieFor(t.db, attacker.id);
    const attackerToken = attackerCookie.split("=")[1]!;
    const res = await signIn(victim.email, attackerCookie);
    expect(res.status).toBe(302);
    const issued = sessionTokenFrom(res)!;
    expect(issued).not.toBe(attackerToken);
    // The attacker's token does not now open the victim's account.
    const seen = await server.request("/security", { headers: { Cookie: attackerCookie } });
    const html = await seen.text();
    expect(html).not.toContain(victim.email);
  });

  test("accepting an invitation with a planted cookie gets a fresh session", async () => {
    const org = await createOrg(t.db);
    const token = generateSecretToken();
    const email = `invited-${token.slice(0, 8)}@example.test`;
    await t.db.insert(invitations).values({ orgId: org.id, email, roles: ["participant"], tokenHash: hashSecretToken(token), expiresAt: new Date(Date.now() + HOUR) });
    const planted = generateSecretToken();
    const res = await postForm(server, `/invitations/${token}`, { name: "New Person", password: "a long enough password", timeZone: "Europe/London" }, `rt_session=${planted}`);
    expect(res.status).toBe(302);
    const issued = sessionTokenFrom(res);
    expect(issued).toBeTruthy();
    expect(issued).not.toBe(planted);
    expect(await whoseSession(planted)).toBeNull();
  });

  test("signing out ends the session on the server, not only in the browser", async () => {
    const user = await person();
    const res = await signIn(user.email);
    const token = sessionTokenFrom(res)!;
    expect(await whoseSession(token)).not.toBeNull();
    await postForm(server, "/logout", {}, `rt_session=${token}`);
    expect(await whoseSession(token)).toBeNull();
  });
});

describe("one-time links raced", () => {
  test("a reset link sent twice at once sets one password, not two", async () => {
    const user = await person();
    const token = generateSecretToken();
    await t.db.insert(passwordResets).values({ tokenHash: hashSecretToken(token), userId: user.id, expiresAt: new Date(Date.now() + HOUR) });
    const results = await Promise.all(
      ["first racing password", "second racing password", "third racing password"].map((password) => postForm(server, `/reset-password/${token}`, { password, confirmPassword: password })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([302, 400, 400]);
    const [row] = await t.db.select({ usedAt: passwordResets.usedAt }).from(passwordResets).where(eq(passwordResets.tokenHash, hashSecretToken(token)));
    expect(row!.usedAt).not.toBeNull();
  });

  test("a reset link that expired a second ago, and one of the wrong shape, are refused without a server error", async () => {
    const user = await person();
    const token = generateSecretToken();
    await t.db.insert(passwordResets).values({ tokenHash: hashSecretToken(token), userId: user.id, expiresAt: new Date(Date.now() - 1000) });
    const old = await postForm(server, `/reset-password/${token}`, { password: "a long enough password", confirmPassword: "a long enough password" });
    expect(old.status).toBe(400);
    for (const bad of [token.toUpperCase(), `${token}x`, token.slice(1), "%00", "..%2F..%2Flogin", "a".repeat(5000)]) {
      const res = await postForm(server, `/reset-password/${bad}`, { password: "a long enough password", confirmPassword: "a long enough password" });
      expect(res.status, bad.slice(0, 40)).toBeGreaterThanOrEqual(400);
      expect(res.status, bad.slice(0, 40)).toBeLessThan(500);
    }
    expect((await signIn(user.email)).status).toBe(302);
  });

  test("opening a reset link does not use it up (mail scanners open links)", async () => {
    const user = await person();
    const token = generateSecretToken();
    await t.db.insert(passwordResets).values({ tokenHash: hashSecretToken(token), userId: user.id, expiresAt: new Date(Date.now() + HOUR) });
    for (let i = 0; i < 3; i++) expect((await server.request(`/reset-password/${token}`)).status).toBe(200);
    const res = await postForm(server, `/reset-password/${token}`, { password: "a long enough password", confirmPassword: "a long enough password" });
    expect(res.status).toBe(302);
  });

  test("an invitation accepted twice at once makes one account with the invitation's roles, whatever the form adds", async () => {
    const org = await createOrg(t.db);
    const token = generateSecretToken();
    const email = `raced-${token.slice(0, 8)}@example.test`;
    await t.db.insert(invitations).values({ orgId: org.id, email, roles: ["participant"], tokenHash: hashSecretToken(token), expiresAt: new Date(Date.now() + HOUR) });
    const other = await createOrg(t.db);
    const results = await Promise.all(
      [0, 1, 2].map(() =>
        postForm(server, `/invitations/${token}`, { name: "Raced Person", password: "a long enough password", timeZone: "Europe/London", roles: "platform_admin", orgId: other.id }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([302, 400, 400]);
    const made = await t.db.select({ id: users.id, orgId: users.orgId }).from(users).where(eq(users.email, email));
    expect(made).toHaveLength(1);
    expect(made[0]!.orgId).toBe(org.id);
    const roles = await t.db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, made[0]!.id));
    expect(roles.map((r) => r.role)).toEqual(["participant"]);
  });
});
