// A socket closes when its session expires, at that moment: each socket has
// a timer for its session's expiry (server/collab/access-watch.ts), so it
// does not wait for a sweep. A session extended meanwhile (its person used
// the portal) keeps its sockets open until the new expiry. The access poll
// is switched off here, so only the timer can close them.
import { eq } from "drizzle-orm";
import { createSession, SESSION_ABSOLUTE_MS } from "../../app/domain/accounts/sessions.server";
import { sessions } from "../../db/schema";
import { CLOSE } from "../../server/collab/connection";
import { connectClient, eventually, upgradeStatus, type CollabClient } from "../support/collab-client";
import { createCoauthor, createDraftToEdit } from "../support/factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";

let t: TestDatabase;
let server: TestServer;
const clients: CollabClient[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startTestServer(t.db, {}, { accessCheckMs: 3_600_000 });
});

afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});

afterAll(async () => {
  await server?.stop();
  await t?.drop();
});

/**
 * A session of `userId` that ends `inMs` from now. Only a session at the end
 * of its absolute lifetime can end that soon: a younger one slides forward
 * when the upgrade uses it.
 */
async function sessionEndingIn(userId: string, inMs: number) {
  const end = Date.now() + inMs;
  const { token, session } = await createSession(t.db, userId, new Date(end - SESSION_ABSOLUTE_MS));
  await t.db.update(sessions).set({ expiresAt: new Date(end) }).where(eq(sessions.id, session.id));
  return { cookie: `rt_session=${token}`, sessionId: session.id, end };
}

test("a socket closes when its session expires, not at a later sweep, and cannot reconnect; others stay", async () => {
  const { documentName, cookie, module, org } = await createDraftToEdit(t.db);
  const coauthor = await createCoauthor(t.db, { moduleId: module.id, orgId: org.id });
  const expiring = await sessionEndingIn(coauthor.user.id, 4000);
  const ending = clients[clients.push(connectClient(server, documentName, expiring.cookie)) - 1]!;
  const lead = clients[clients.push(connectClient(server, documentName, cookie)) - 1]!;
  await eventually(() => expect(ending.provider.synced && lead.provider.synced).toBe(true));

  await eventually(() => expect(ending.closeCodes()).toContain(CLOSE.accessChanged), 8000);
  const late = Date.now() - expiring.end;
  expect(late).toBeGreaterThanOrEqual(0);
  // The sweep this replaces ran every 30 s.
  expect(late).toBeLessThan(1500);
  ending.provider.disconnect();
  expect(await upgradeStatus(server, documentName, { cookie: expiring.cookie })).toBe(401);
  expect(lead.closeCodes()).toEqual([]);
});

test("a session extended meanwhile keeps its socket open until the new expiry", async () => {
  const { documentName, lead } = await createDraftToEdit(t.db);
  const expiring = await sessionEndingIn(lead.id, 3000);
  const client = clients[clients.push(connectClient(server, documentName, expiring.cookie)) - 1]!;
  await eventually(() => expect(client.provider.synced).toBe(true));
  // As a request served by another process would extend it.
  const later = Date.now() + 5000;
  await t.db.update(sessions).set({ expiresAt: new Date(later) }).where(eq(sessions.id, expiring.sessionId));

  await new Promise((r) => setTimeout(r, Math.max(0, expiring.end + 500 - Date.now())));
  expect(client.closeCodes()).toEqual([]);
  await eventually(() => expect(client.closeCodes()).toContain(CLOSE.accessChanged), 8000);
  expect(Date.now() - later).toBeGreaterThanOrEqual(0);
  expect(Date.now() - later).toBeLessThan(1500);
});
