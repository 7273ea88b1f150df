// Sign-up, sign-in, sign-out and password change through the real HTTP
// server, including the throttles and what the database keeps.
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { loginThrottle, sessions, userRoles, users } from "../../db/schema";
import { generateSecretToken, hashSecretToken } from "../../app/domain/accounts/secret-token.server";
import { createSession } from "../../app/domain/accounts/sessions.server";
import { safeRedirectPath } from "../../app/require-user.server";
import { createOrg, createUser, TEST_PASSWORD } from "../support/factories";
import { mainText, postForm, sessionSetCookie, sessionTokenFrom } from "../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";

let t: TestDatabase;
let server: TestServer;
beforeAll(async () => {
  t = await createTestDatabase();
  // Many sign-ins from one address: the per-IP limiter gets its own test below.
  server = await startTestServer(t.db, { AUTH_RATE_LIMIT_PER_MINUTE: "1000" });
});
afterAll(async () => {
  await server?.stop();
  await t?.drop();
});

const hex = () => crypto.randomBytes(4).toString("hex");

async function person(password?: string) {
  const org = await createOrg(t.db);
  return createUser(t.db, { orgId: org.id, roles: ["alumnus"], password });
}

async function login(email: string, password: string, target: TestServer = server) {
  return postForm(target, "/login", { email, password, redirectTo: "/" });
}

async function signedIn(email: string, password = TEST_PASSWORD) {
  const res = await login(email, password);
  expect(res.status).toBe(302);
  const token = sessionTokenFrom(res);
  expect(token).toBeTruthy();
  return `rt_session=${token}`;
}

/** Whether this cookie still opens the profile page. */
async function cookieWorks(cookie: string) {
  const res = await server.request("/profile", { headers: { Cookie: cookie } });
  if (res.status === 200) return true;
  expect(res.status).toBe(302);
  expect(res.headers.get("location")).toMatch(/^\/login/);
  return false;
}

async function openSignupOrg() {
  const domain = `open-${hex()}.test`;
  const org = await createOrg(t.db, { signupMode: "email_domain", allowedEmailDomain: domain });
  return { org, domain };
}

describe("sign-up", () => {
  test("someone with an email at the organisation's domain can sign up and is signed in as a participant", async () => {
    const { org, domain } = await openSignupOrg();
    const email = `new-${hex()}@${domain}`;
    const res = await postForm(server, "/signup", { name: "Nia Newcomer", email, password: "a long enough password", timeZone: "Europe/London" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/profile?welcome=1");
    const token = sessionTokenFrom(res);
    expect(token).toBeTruthy();

    const [user] = await t.db.select().from(users).where(eq(users.email, email));
    expect(user).toMatchObject({ orgId: org.id, name: "Nia Newcomer", timeZone: "Europe/London" });
    const roles = await t.db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, user!.id));
    expect(roles.map((r) => r.role)).toEqual(["participant"]);

    const profile = await server.request("/profile", { headers: { Cookie: `rt_session=${token}` } });
    expect(profile.status).toBe(200);
    expect(mainText(await profile.text())).toContain(email);
  });

  test("an email at another domain is told sign-up is by invitation only, and nothing is created", async () => {
    await openSignupOrg();
    const email = `outsider-${hex()}@elsewhere-${hex()}.test`;
    const usersBefore = await t.db.$count(users);
    const res = await postForm(server, "/signup", { name: "Olly Outsider", email, password: "a long enough password", timeZone: "UTC" });
    expect(res.status).toBe(400);
    expect(sessionTokenFrom(res)).toBeNull();
    const html = await res.text();
    expect(mainText(html)).toContain("Sign-up with this email address is by invitation only.");
    expect(html).toContain(`value="${email}"`);
    expect(await t.db.$count(users)).toBe(usersBefore);
    expect(await t.db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
  });

  test("signing up again with an email that has an account gives a clear message", async () => {
    const { domain } = await openSignupOrg();
    const email = `twice-${hex()}@${domain}`;
    const first = await postForm(server, "/signup", { name: "First", email, password: "a long enough password", timeZone: "UTC" });
    expect(first.status).toBe(302);
    const again = await postForm(server, "/signup", { name: "Second", email: email.toUpperCase(), password: "another long password", timeZone: "UTC" });
    expect(again.status).toBe(400);
    expect(sessionTokenFrom(again)).toBeNull();
    expect(mainText(await again.text())).toContain("An account with this email already exists. Sign in, or reset your password.");
    const rows = await t.db.select().from(users).where(eq(users.email, email));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.name).toBe("First");
  });

  test("a password shorter than 8 characters is refused with a message, keeping the typed email", async () => {
    const { domain } = await openSignupOrg();
    const email = `short-${hex()}@${domain}`;
    const res = await postForm(server, "/signup", { name: "Sam Short", email, password: "1234567", timeZone: "UTC" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(mainText(html)).toContain("Use at least 8 characters.");
    expect(html).toContain(`value="${email}"`);
    // The password itself is never echoed back into the page.
    expect(html).not.toContain("1234567");
    expect(await t.db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
  });
});

describe("sign-in and sign-out", () => {
  test("signing in sets an HttpOnly, SameSite=Lax session cookie, with a new token each time", async () => {
    const user = await person();
    const first = await login(user.email, TEST_PASSWORD);
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe("/");
    const cookie = sessionSetCookie(first)!;
    expect(cookie).toMatch(/^rt_session=[a-z2-7]{32};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/");
    expect(cookie).toMatch(/Expires=/);

    const second = await login(user.email.toUpperCase(), TEST_PASSWORD);
    expect(second.status).toBe(302);
    const firstToken = sessionTokenFrom(first)!;
    const secondToken = sessionTokenFrom(second)!;
    expect(secondToken).not.toBe(firstToken);
    expect(await cookieWorks(`rt_session=${firstToken}`)).toBe(true);
    expect(await cookieWorks(`rt_session=${secondToken}`)).toBe(true);
  });

  test("a wrong password and an unknown email get the same generic message", async () => {
    const user = await person();
    const wrong = await login(user.email, "not the password");
    const unknown = await login(`nobody-${hex()}@example.test`, "not the password");
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(400);
      expect(sessionTokenFrom(res)).toBeNull();
    }
    const generic = "That email and password do not match an account. Check both and try again.";
    const wrongText = mainText(await wrong.text());
    const unknownText = mainText(await unknown.text());
    expect(wrongText).toContain(generic);
    expect(unknownText).toContain(generic);
  });

  test("signing out ends the session: the old cookie no longer opens pages", async () => {
    const user = await person();
    const cookie = await signedIn(user.email);
    expect(await cookieWorks(cookie)).toBe(true);
    const res = await postForm(server, "/logout", {}, cookie);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login");
    expect(sessionSetCookie(res)).toMatch(/Max-Age=0/);
    expect(await cookieWorks(cookie)).toBe(false);
  });

  test("signing out everywhere ends every session of that person, and only theirs", async () => {
    const user = await person();
    const someoneElse = await person();
    const here = await signedIn(user.email);
    const there = await signedIn(user.email);
    const otherPersons = await signedIn(someoneElse.email);
    const res = await postForm(server, "/logout", { intent: "everywhere" }, here);
    expect(res.status).toBe(302);
    expect(await cookieWorks(here)).toBe(false);
    expect(await cookieWorks(there)).toBe(false);
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    expect(await cookieWorks(otherPersons)).toBe(true);
  });
});

describe("where signing in leads", () => {
  async function signInTo(redirectTo: string) {
    const user = await person();
    const res = await postForm(server, "/login", { email: user.email, password: TEST_PASSWORD, redirectTo });
    expect(res.status, JSON.stringify(redirectTo)).toBe(302);
    return res.headers.get("location");
  }

  test("signing in returns to the page that asked for it, with its query and anchor", async () => {
    expect(await signInTo("/modules?q=urgent&mindset=reflection#results")).toBe("/modules?q=urgent&mindset=reflection#results");
    expect(await signInTo("/groups/some-group/discussion")).toBe("/groups/some-group/discussion");
  });

  // Each is read by a browser as an address on another site (tabs and newlines are dropped, a backslash is a slash).
  for (const elsewhere of ["/\t/127.0.0.1:9/x", "//evil.example/x", "/\\evil.example/x", "\\/evil.example", "https://evil.example/x", " //evil.example", "/..//evil.example/x", "/.//evil.example", "javascript:alert(1)", "http://localhost:1/x"]) {
    test(`a sign-in asked to go to ${JSON.stringify(elsewhere)} stays on Roundtable`, async () => {
      const location = await signInTo(elsewhere);
      expect(location).toMatch(/^\/(?![/\\])/);
      expect(new URL(location!, "http://roundtable.test").origin).toBe("http://roundtable.test");
      expect(location).toBe("/");
    });
  }

  // Characters a header cannot carry: the address is normalised the way a browser would read it, never a server error.
  for (const [label, target, expected] of [
    ["a newline", "/modules\n?q=a", "/modules?q=a"],
    ["a carriage return and newline", "/modu\r\nles", "/modules"],
    // The form reader drops a NUL before the helper sees it (decision 020); the helper alone would percent-encode it (below).
    ["a NUL", "/modules\u0000x", "/modulesx"],
    ["a line separator", "/modules?q=a\u2028b#x\u2028", "/modules?q=a%E2%80%A8b#x%E2%80%A8"],
    ["a lone surrogate", "/modules\ud800", "/modules%EF%BF%BD"],
  ] as const) {
    test(`a redirect address with ${label} leads to a valid address after signing in`, async () => {
      expect(await signInTo(target)).toBe(expected);
    });
  }
});

test("whatever character a redirect address holds, the helper gives a valid header value on this site or the fallback", () => {
  const odd = [...Array.from({ length: 32 }, (_, c) => String.fromCharCode(c)), "\u007f", "\u0085", "\u00a0", "\u2028", "\u2029", "\ud800", "\udfff", "\ufffe", "\uffff", "é", " "];
  for (const c of odd) {
    for (const to of [`/modules${c}x`, `${c}/modules`, `/modules?q=${c}`, `/modules#${c}`, `/${c}/evil.example/x`]) {
      const path = safeRedirectPath(to);
      expect(path, JSON.stringify(to)).toMatch(/^\/(?![/\\])[\x21-\x7e]*$/);
      expect(() => new Headers({ Location: path }), JSON.stringify(to)).not.toThrow();
    }
  }
  expect(safeRedirectPath("/modules\u0000x")).toBe("/modules%00x");
  expect(safeRedirectPath("/x", "/notifications")).toBe("/x");
  expect(safeRedirectPath("//evil.example", "/notifications")).toBe("/notifications");
});

describe("changing the password", () => {
  test("a wrong current password is refused and nothing changes", async () => {
    const user = await person();
    const cookie = await signedIn(user.email);
    const res = await postForm(server, "/security", { currentPassword: "not my password", newPassword: "brand new password", confirmPassword: "brand new password" }, cookie);
    expect(res.status).toBe(400);
    expect(mainText(await res.text())).toContain("That is not your current password.");
    expect((await login(user.email, TEST_PASSWORD)).status).toBe(302);
  });

  test("it needs the current password, then ends the other sessions but keeps this one", async () => {
    const user = await person();
    const current = await signedIn(user.email);
    const other = await signedIn(user.email);
    const res = await postForm(server, "/security", { currentPassword: TEST_PASSWORD, newPassword: "brand new password", confirmPassword: "brand new password" }, current);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/security?changed=1");
    expect(await cookieWorks(current)).toBe(true);
    expect(await cookieWorks(other)).toBe(false);
    expect((await login(user.email, TEST_PASSWORD)).status).toBe(400);
    expect((await login(user.email, "brand new password")).status).toBe(302);
  });
});

describe("throttling", () => {
  const lockMessage = "Too many sign-in attempts for this email.";

  async function failFiveTimes(email: string) {
    for (let i = 0; i < 5; i++) {
      const res = await login(email, `wrong password ${i}`);
      expect(res.status).toBe(400);
      expect(mainText(await res.text())).toContain("That email and password do not match an account.");
    }
  }

  test("after 5 failed sign-ins the 6th is refused even with the right password, until the lock runs out", async () => {
    const user = await person();
    await failFiveTimes(user.email);
    const locked = await login(user.email, TEST_PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(sessionTokenFrom(locked)).toBeNull();
    expect(mainText(await locked.text())).toContain(lockMessage);

    // Let the lock run out instead of waiting for it.
    const key = hashSecretToken(`login:${user.email}`);
    const [row] = await t.db.select().from(loginThrottle).where(eq(loginThrottle.key, key));
    expect(row?.failures).toBe(5);
    await t.db.update(loginThrottle).set({ lockedUntil: new Date(Date.now() - 1000) }).where(eq(loginThrottle.key, key));
    const res = await login(user.email, TEST_PASSWORD);
    expect(res.status).toBe(302);
    expect(sessionTokenFrom(res)).toBeTruthy();
    // A success clears the count.
    expect(await t.db.select().from(loginThrottle).where(eq(loginThrottle.key, key))).toHaveLength(0);
  });

  test("an unknown email is throttled the same way, so the message reveals nothing about which accounts exist", async () => {
    const user = await person();
    const unknown = `ghost-${hex()}@example.test`;
    await failFiveTimes(user.email);
    await failFiveTimes(unknown);
    const real = mainText(await (await login(user.email, TEST_PASSWORD)).text());
    const ghost = mainText(await (await login(unknown, TEST_PASSWORD)).text());
    expect(real).toContain(lockMessage);
    expect(ghost).toContain(lockMessage);
    const message = (text: string) => /Too many sign-in attempts for this email\. Please wait [^.]*\./.exec(text)?.[0].replace(/\d+/g, "N");
    expect(message(ghost)).toBe(message(real));
  });

  test("one address making too many sign-in attempts gets 429 with a clear message", async () => {
    const limited = await startTestServer(t.db, { AUTH_RATE_LIMIT_PER_MINUTE: "3" });
    try {
      for (let i = 0; i < 3; i++) {
        const res = await login(`rate-${hex()}@example.test`, "whatever it is", limited);
        expect(res.status).toBe(400);
      }
      const user = await person();
      const refused = await login(user.email, TEST_PASSWORD, limited);
      expect(refused.status).toBe(429);
      expect(sessionTokenFrom(refused)).toBeNull();
      expect(mainText(await refused.text())).toContain("Too many attempts from your network. Please wait a minute and try again.");
      // Sign-up shares the same budget.
      const { domain } = await openSignupOrg();
      const signup = await postForm(limited, "/signup", { name: "Late", email: `late-${hex()}@${domain}`, password: "a long enough password", timeZone: "UTC" });
      expect(signup.status).toBe(429);
    } finally {
      await limited.stop();
    }
  });
});

describe("session cookies that are not valid", () => {
  test("a forged session cookie is treated as anonymous and cleared", async () => {
    // Well-formed, but no session has this token.
    const forged = `rt_session=${generateSecretToken()}`;
    const home = await server.request("/", { headers: { Cookie: forged } });
    expect(home.status).toBe(200);
    expect(sessionSetCookie(home)).toMatch(/^rt_session=;.*Max-Age=0/);
    expect(mainText(await home.text())).toContain("Create an account");
    const profile = await server.request("/profile", { headers: { Cookie: forged } });
    expect(profile.status).toBe(302);
    expect(profile.headers.get("location")).toMatch(/^\/login/);
  });

  test("a session whose expiry has passed is treated as anonymous", async () => {
    const user = await person();
    const { token } = await createSession(t.db, user.id);
    await t.db.update(sessions).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(sessions.id, hashSecretToken(token)));
    const home = await server.request("/", { headers: { Cookie: `rt_session=${token}` } });
    expect(home.status).toBe(200);
    expect(mainText(await home.text())).toContain("Create an account");
    expect(sessionSetCookie(home)).toMatch(/Max-Age=0/);
    const profile = await server.request("/profile", { headers: { Cookie: `rt_session=${token}` } });
    expect(profile.status).toBe(302);
    expect(profile.headers.get("location")).toMatch(/^\/login/);
  });
});

test("the database holds neither session tokens nor passwords", async () => {
  const password = `secret-${hex()}-phrase`;
  const user = await person(password);
  const res = await login(user.email, password);
  expect(res.status).toBe(302);
  const token = sessionTokenFrom(res)!;
  expect(token).toMatch(/^[a-z2-7]{32}$/);

  const allSessions = JSON.stringify(await t.db.select().from(sessions));
  const allUsers = JSON.stringify(await t.db.select().from(users));
  for (const dump of [allSessions, allUsers]) {
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(password);
  }
  expect(allSessions).toContain(hashSecretToken(token));
  const [row] = await t.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id));
  expect(row!.passwordHash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$")).toBe(true);
});
