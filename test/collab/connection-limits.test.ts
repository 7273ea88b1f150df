// How many collaboration sockets one person, and one client address, may
// hold open at once: one more than the limit is refused on upgrade with 429
// (before any websocket or document load) and counted; closing one frees a
// slot; the address limit holds across people, and behind a trusted proxy
// each forwarded address counts on its own.
import type WebSocket from "ws";
import { closedWith, eventually, openRawSocket, upgradeStatus } from "../support/collab-client";
import { createCoauthor, createDraftToEdit } from "../support/factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";

let t: TestDatabase;
const servers: TestServer[] = [];
const sockets: WebSocket[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
});

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  for (const server of servers.splice(0)) await server.stop();
});

afterAll(async () => {
  await t?.drop();
});

async function serverWith(env: Record<string, string>) {
  const server = await startTestServer(t.db, env);
  servers.push(server);
  return server;
}

async function open(...args: Parameters<typeof openRawSocket>) {
  const ws = await openRawSocket(...args);
  sockets.push(ws);
  return ws;
}

test("a person may hold as many sockets as the limit; one more is refused with 429 and counted, and closing one frees a slot", async () => {
  const server = await serverWith({ COLLAB_MAX_CONNECTIONS_PER_PERSON: "3" });
  const { documentName, cookie, module, org } = await createDraftToEdit(t.db);
  const tabs = [await open(server, documentName, cookie), await open(server, documentName, cookie), await open(server, documentName, cookie)];
  expect(await upgradeStatus(server, documentName, { cookie })).toBe(429);
  expect(server.services.metrics.rejected.get("connection_limit_person")).toBe(1);
  // Someone else on the same draft is not held back by it.
  const { cookie: coauthorCookie } = await createCoauthor(t.db, { moduleId: module.id, orgId: org.id });
  expect(await upgradeStatus(server, documentName, { cookie: coauthorCookie })).toBe(101);

  tabs[0]!.close();
  await closedWith(tabs[0]!);
  await eventually(async () => expect(await upgradeStatus(server, documentName, { cookie })).toBe(101));
  // The probe above closed again at once, so the slot is free for a tab that stays.
  await eventually(async () => expect((await open(server, documentName, cookie)).readyState).toBe(1));
  expect(await upgradeStatus(server, documentName, { cookie })).toBe(429);
});

test("an address may hold as many sockets as its limit, whoever opens them", async () => {
  const server = await serverWith({ COLLAB_MAX_CONNECTIONS_PER_PERSON: "10", COLLAB_MAX_CONNECTIONS_PER_ADDRESS: "4" });
  const { documentName, cookie, module, org } = await createDraftToEdit(t.db);
  const { cookie: coauthorCookie } = await createCoauthor(t.db, { moduleId: module.id, orgId: org.id });
  await open(server, documentName, cookie);
  await open(server, documentName, cookie);
  await open(server, documentName, coauthorCookie);
  const last = await open(server, documentName, coauthorCookie);
  // Both are far below their own limit; the address is full.
  expect(await upgradeStatus(server, documentName, { cookie: coauthorCookie })).toBe(429);
  expect(await upgradeStatus(server, documentName, { cookie })).toBe(429);
  // Turned away before the session is looked up: without one, still 429 rather than 401.
  expect(await upgradeStatus(server, documentName)).toBe(429);
  expect(server.services.metrics.rejected.get("connection_limit_address")).toBe(3);
  expect(server.services.metrics.rejected.get("connection_limit_person")).toBeUndefined();
  last.close();
  await closedWith(last);
  await eventually(async () => expect(await upgradeStatus(server, documentName, { cookie })).toBe(101));
});

test("behind a trusted proxy each forwarded address has its own limit, independent of the person", async () => {
  const server = await serverWith({ TRUST_PROXY: "true", COLLAB_MAX_CONNECTIONS_PER_PERSON: "10", COLLAB_MAX_CONNECTIONS_PER_ADDRESS: "2" });
  const { documentName, cookie } = await createDraftToEdit(t.db);
  const office = { "X-Forwarded-For": "203.0.113.7, 10.0.0.1" };
  const home = { "X-Forwarded-For": "198.51.100.9" };
  await open(server, documentName, cookie, { headers: office });
  await open(server, documentName, cookie, { headers: office });
  expect(await upgradeStatus(server, documentName, { cookie, headers: office })).toBe(429);
  // The same person from another address is let in, up to that address's own limit.
  expect(await upgradeStatus(server, documentName, { cookie, headers: home })).toBe(101);
  await open(server, documentName, cookie, { headers: home });
  await open(server, documentName, cookie, { headers: home });
  expect(await upgradeStatus(server, documentName, { cookie, headers: home })).toBe(429);
  expect(server.services.metrics.rejected.get("connection_limit_address")).toBe(2);
  expect(server.services.metrics.rejected.get("connection_limit_person")).toBeUndefined();
});
