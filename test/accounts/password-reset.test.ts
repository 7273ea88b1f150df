// Password reset by email, through the real server and the outbox.
import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import { outbox, passwordResets, sessions } from "../../db/schema";
import { changePassword } from "../../app/domain/accounts/change-password.server";
import { isResetTokenUsable, requestPasswordReset, resetPassword } from "../../app/domain/accounts/password-reset.server";
import { generateSecretToken, hashSecretToken } from "../../app/domain/accounts/secret-token.server";
import { createSession } from "../../app/domain/accounts/sessions.server";
import { messageIn } from "../../app/domain/i18n/translators";
import { InputError } from "../../app/domain/input-error";
import { createOrg, createUser, sessionCookieFor, TEST_PASSWORD } from "../support/factories";
import { mainText, postForm, sessionSetCookie, sessionTokenFrom } from "../support/http-helpers";
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

async function person() {
  const org = await createOrg(t.db);
  return createUser(t.db, { orgId: org.id, roles: ["participant"] });
}

function outboxTo(email: string) {
  return t.db.select().from(outbox).where(and(eq(outbox.to, email), eq(outbox.kind, "password-reset")));
}

/** Asks for a reset over HTTP and returns the token from the emailed link. */
async function requestResetLink(email: string) {
  const res = await postForm(server, "/forgot-password", { email });
  expect(res.status).toBe(200);
  const [mail] = await outboxTo(email);
  expect(mail).toBeDefined();
  const link = new RegExp(`${server.services.config.publicOrigin}/reset-password/([a-z2-7]{32})`).exec(mail!.text);
  expect(link).not.toBeNull();
  return link![1]!;
}

async function cookieWorks(cookie: string) {
  const res = await server.request("/profile", { headers: { Cookie: cookie } });
  return res.status === 200;
}

function login(email: string, password: string) {
  return postForm(server, "/login", { email, password, redirectTo: "/" });
}

test("asking for a reset answers the same for an existing and an unknown email, and only emails the existing one", async () => {
  const user = await person();
  const unknown = `nobody-${hex()}@example.test`;
  const known = await postForm(server, "/forgot-password", { email: user.email });
  const stranger = await postForm(server, "/forgot-password", { email: unknown });
  expect(known.status).toBe(200);
  expect(stranger.status).toBe(known.status);

  const knownText = mainText(await known.text());
  const strangerText = mainText(await stranger.text());
  expect(knownText).toContain(`If ${user.email} has a Roundtable account, we have sent it a link`);
  expect(knownText.replaceAll(user.email, "EMAIL")).toBe(strangerText.replaceAll(unknown, "EMAIL"));
  expect(sessionSetCookie(known)).toBeNull();
  expect(sessionSetCookie(stranger)).toBeNull();

  const mails = await outboxTo(user.email);
  expect(mails).toHaveLength(1);
  expect(mails[0]!.subject).toBe("Reset your Roundtable password");
  expect(await outboxTo(unknown)).toHaveLength(0);
  expect(await t.db.select().from(outbox).where(eq(outbox.to, unknown))).toHaveLength(0);
});

test("the emailed link sets a new password once; using it again says it expired or was already used", async () => {
  const user = await person();
  const token = await requestResetLink(user.email);

  const page = await server.request(`/reset-password/${token}`);
  expect(page.status).toBe(200);
  expect(mainText(await page.text())).toContain("Choose a new password");

  const done = await postForm(server, `/reset-password/${token}`, { password: "my fresh password", confirmPassword: "my fresh password" });
  expect(done.status).toBe(302);
  expect(done.headers.get("location")).toBe("/login?reset=done");
  expect((await login(user.email, "my fresh password")).status).toBe(302);
  expect((await login(user.email, TEST_PASSWORD)).status).toBe(400);

  // Second use, as a browser without JavaScript sends it: refused, and the page says the link no longer works.
  const again = await postForm(server, `/reset-password/${token}`, { password: "yet another password", confirmPassword: "yet another password" });
  expect(again.status).toBe(400);
  expect(mainText(await again.text())).toContain("This link no longer works");
  // The same request from the app's JavaScript gets the reason as data.
  const data = await postForm(server, `/reset-password/${token}?_data=${encodeURIComponent("routes/reset-password.$token")}`, {
    password: "yet another password",
    confirmPassword: "yet another password",
  });
  expect(data.status).toBe(400);
  // Data requests carry the catalogue key; the page shows it in the reader's language.
  expect(messageIn("en", (await data.json()).fieldErrors.password)).toContain("expired or was already used");
  expect((await login(user.email, "yet another password")).status).toBe(400);
  expect((await login(user.email, "my fresh password")).status).toBe(302);

  const reopened = await server.request(`/reset-password/${token}`);
  expect(mainText(await reopened.text())).toContain("This link no longer works");
});

test("a reset link older than one hour is refused", async () => {
  const user = await person();
  const requestedAt = new Date();
  await requestPasswordReset(t.db, "http://localhost", user.email, requestedAt);
  const [mail] = await outboxTo(user.email);
  const token = /\/reset-password\/([a-z2-7]{32})/.exec(mail!.text)![1]!;

  const late = new Date(requestedAt.getTime() + 61 * 60 * 1000);
  const attempt = resetPassword(t.db, token, "too late password", late);
  await expect(attempt).rejects.toBeInstanceOf(InputError);
  expect(messageIn("en", ((await attempt.catch((e: unknown) => e)) as InputError).fieldErrors.password!)).toContain("expired or was already used");
  expect((await login(user.email, TEST_PASSWORD)).status).toBe(302);

  // Over HTTP, once the stored expiry has passed the link no longer works either.
  await t.db.update(passwordResets).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(passwordResets.tokenHash, hashSecretToken(token)));
  expect(mainText(await (await server.request(`/reset-password/${token}`)).text())).toContain("This link no longer works");
  const res = await postForm(server, `/reset-password/${token}`, { password: "too late password", confirmPassword: "too late password" });
  expect(res.status).toBe(400);
  expect((await login(user.email, "too late password")).status).toBe(400);
});

test("a link used within the hour works", async () => {
  const user = await person();
  const requestedAt = new Date();
  await requestPasswordReset(t.db, "http://localhost", user.email, requestedAt);
  const [mail] = await outboxTo(user.email);
  const token = /\/reset-password\/([a-z2-7]{32})/.exec(mail!.text)![1]!;
  await resetPassword(t.db, token, "just in time password", new Date(requestedAt.getTime() + 59 * 60 * 1000));
  expect((await login(user.email, "just in time password")).status).toBe(302);
});

test("a reset ends every session of that person, including the browser that made it", async () => {
  const user = await person();
  const bystander = await person();
  const phone = await sessionCookieFor(t.db, user.id);
  const laptop = await sessionCookieFor(t.db, user.id);
  const theirs = await sessionCookieFor(t.db, bystander.id);
  expect(await cookieWorks(phone)).toBe(true);
  expect(await cookieWorks(laptop)).toBe(true);

  const token = await requestResetLink(user.email);
  const res = await postForm(server, `/reset-password/${token}`, { password: "after the reset", confirmPassword: "after the reset" }, laptop);
  expect(res.status).toBe(302);
  expect(sessionSetCookie(res)).toMatch(/Max-Age=0/);
  expect(sessionTokenFrom(res)).toBeNull();

  expect(await cookieWorks(phone)).toBe(false);
  expect(await cookieWorks(laptop)).toBe(false);
  expect(await t.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
  expect(await cookieWorks(theirs)).toBe(true);
});

test("only a hash of the reset token is stored", async () => {
  const user = await person();
  const token = await requestResetLink(user.email);
  const rows = await t.db.select().from(passwordResets).where(eq(passwordResets.userId, user.id));
  expect(rows).toHaveLength(1);
  expect(rows[0]!.tokenHash).not.toBe(token);
  expect(rows[0]!.tokenHash).toBe(hashSecretToken(token));
  expect(JSON.stringify(rows)).not.toContain(token);
  // One hour from when it was asked for.
  expect(rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime()).toBe(60 * 60 * 1000);
});

describe("only the newest link works", () => {
  /** Every reset link emailed to this address. */
  async function emailedTokens(email: string) {
    const mails = await t.db.select().from(outbox).where(and(eq(outbox.to, email), eq(outbox.kind, "password-reset")));
    return mails.map((m) => /\/reset-password\/([a-z2-7]{32})/.exec(m.text)![1]!);
  }

  test("asking for a new link ends the earlier one, even after the newer one was used", async () => {
    const user = await person();
    await requestPasswordReset(t.db, "http://localhost", user.email, new Date(Date.now() - 60_000));
    const [older] = await emailedTokens(user.email);
    await requestPasswordReset(t.db, "http://localhost", user.email);
    const newer = (await emailedTokens(user.email)).find((token) => token !== older);
    expect(await isResetTokenUsable(t.db, older!)).toBe(false);
    expect(await isResetTokenUsable(t.db, newer!)).toBe(true);

    await resetPassword(t.db, newer!, "the newest password");
    const res = await postForm(server, `/reset-password/${older}`, { password: "an attacker's password", confirmPassword: "an attacker's password" });
    expect(res.status).toBe(400);
    expect(mainText(await res.text())).toContain("This link no longer works");
    expect((await login(user.email, "an attacker's password")).status).toBe(400);
    expect((await login(user.email, "the newest password")).status).toBe(302);
  });

  test("using a link ends every other link of that account, however they were issued", async () => {
    const user = await person();
    const other = await person();
    // Two links issued in the same instant (two requests racing), and one of someone else's.
    const [mine, alsoMine, theirs] = [generateSecretToken(), generateSecretToken(), generateSecretToken()];
    const expiresAt = new Date(Date.now() + 3_600_000);
    await t.db.insert(passwordResets).values([
      { tokenHash: hashSecretToken(mine), userId: user.id, expiresAt },
      { tokenHash: hashSecretToken(alsoMine), userId: user.id, expiresAt },
      { tokenHash: hashSecretToken(theirs), userId: other.id, expiresAt },
    ]);
    await resetPassword(t.db, mine, "the password I chose");
    expect(await isResetTokenUsable(t.db, alsoMine)).toBe(false);
    await expect(resetPassword(t.db, alsoMine, "a second password")).rejects.toBeInstanceOf(InputError);
    expect(await isResetTokenUsable(t.db, theirs)).toBe(true);
  });

  test("changing the password ends the reset links still in the mailbox, and the other sessions", async () => {
    const user = await person();
    await requestPasswordReset(t.db, "http://localhost", user.email);
    const [token] = await emailedTokens(user.email);
    const here = await createSession(t.db, user.id);
    const elsewhere = await sessionCookieFor(t.db, user.id);
    await changePassword(t.db, { userId: user.id, sessionId: here.session.id, currentPassword: TEST_PASSWORD, newPassword: "changed on purpose" });
    expect(await isResetTokenUsable(t.db, token!)).toBe(false);
    expect(await cookieWorks(elsewhere)).toBe(false);
    expect(await cookieWorks(`rt_session=${here.token}`)).toBe(true);
  });
});
