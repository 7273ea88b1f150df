import { eq } from "drizzle-orm";
import { sessions } from "../../db/schema";
import { hashSecretToken } from "../../app/domain/accounts/secret-token.server";
import { createSession, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, validateSessionToken } from "../../app/domain/accounts/sessions.server";
import { createOrg, createUser } from "../support/factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

async function person() {
  const org = await createOrg(t.db);
  return createUser(t.db, { orgId: org.id, roles: ["alumnus"] });
}

test("a session token has 160 random bits and only its SHA-256 is stored", async () => {
  const user = await person();
  const { token, session } = await createSession(t.db, user.id);
  expect(token).toMatch(/^[a-z2-7]{32}$/); // 32 base32 chars = 160 bits
  const rows = await t.db.select().from(sessions).where(eq(sessions.userId, user.id));
  expect(rows).toHaveLength(1);
  expect(rows[0]!.id).toBe(hashSecretToken(token));
  expect(rows[0]!.id).not.toContain(token);
  expect(session.id).toMatch(/^[0-9a-f]{64}$/);
});

test("a valid token signs the user in with their roles", async () => {
  const user = await person();
  const { token } = await createSession(t.db, user.id);
  const validated = await validateSessionToken(t.db, token);
  expect(validated?.user).toMatchObject({ id: user.id, orgId: user.orgId, roles: ["alumnus"] });
});

test("a forged or malformed token is refused", async () => {
  expect(await validateSessionToken(t.db, "a".repeat(32))).toBeNull();
  expect(await validateSessionToken(t.db, "not a token")).toBeNull();
  expect(await validateSessionToken(t.db, "")).toBeNull();
});

test("an idle session expires, and activity slides the expiry", async () => {
  const user = await person();
  const start = new Date("2026-01-01T00:00:00Z");
  const { token } = await createSession(t.db, user.id, start);
  const tenDaysLater = new Date(start.getTime() + 10 * 86400_000);
  const slid = await validateSessionToken(t.db, token, tenDaysLater);
  expect(slid?.refreshed).toBe(true);
  expect(slid!.session.expiresAt.getTime()).toBe(tenDaysLater.getTime() + SESSION_IDLE_MS);
  // 20 days after the start is past the first expiry but inside the slid one.
  expect(await validateSessionToken(t.db, token, new Date(start.getTime() + 20 * 86400_000))).not.toBeNull();
  // Idle for longer than the idle window: gone, and the row is deleted.
  const idle = new Date(start.getTime() + 20 * 86400_000 + SESSION_IDLE_MS + 1000);
  expect(await validateSessionToken(t.db, token, idle)).toBeNull();
  expect(await t.db.select().from(sessions).where(eq(sessions.id, hashSecretToken(token)))).toHaveLength(0);
});

test("a session ends at its absolute lifetime however active it is", async () => {
  const user = await person();
  const start = new Date("2026-01-01T00:00:00Z");
  const { token } = await createSession(t.db, user.id, start);
  for (let day = 5; day * 86400_000 < SESSION_ABSOLUTE_MS; day += 5) {
    expect(await validateSessionToken(t.db, token, new Date(start.getTime() + day * 86400_000))).not.toBeNull();
  }
  expect(await validateSessionToken(t.db, token, new Date(start.getTime() + SESSION_ABSOLUTE_MS + 1))).toBeNull();
});
