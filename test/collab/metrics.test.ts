// /metrics after some collaboration traffic, as the platform admin reads it.
import { connectClient, eventually, typeInto, upgradeStatus, type CollabClient } from "../support/collab-client";
import { createDraftToEdit, createUser, sessionCookieFor } from "../support/factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";

let t: TestDatabase;
let server: TestServer;
const clients: CollabClient[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startTestServer(t.db);
});

afterAll(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server?.stop();
  await t?.drop();
});

/** The value of one sample line, e.g. `roundtable_collab_connections`. */
function sample(body: string, name: string): number {
  const line = body.split("\n").find((l) => l.startsWith(name + " "));
  if (!line) throw new Error(`no ${name} in:\n${body}`);
  return Number(line.slice(name.length + 1));
}

test("the platform admin's /metrics counts documents, sockets, updates, commits and refusals", async () => {
  const { documentName, cookie, org } = await createDraftToEdit(t.db);
  const admin = await createUser(t.db, { orgId: org.id, roles: ["platform_admin"] });
  const adminCookie = await sessionCookieFor(t.db, admin.id);
  const moderator = await createUser(t.db, { orgId: org.id, roles: ["moderator"] });

  const a = connectClient(server, documentName, cookie);
  const b = connectClient(server, documentName, cookie);
  const viewer = connectClient(server, documentName, await sessionCookieFor(t.db, moderator.id));
  clients.push(a, b, viewer);
  await eventually(() => expect(a.provider.synced && b.provider.synced && viewer.provider.synced).toBe(true));
  for (const word of ["one", "two", "three"]) typeInto(a, ` ${word}`);
  typeInto(viewer, " not allowed");
  await eventually(() => expect(b.text()).toContain("three"));
  await eventually(() => expect(a.acked()).toBe(a.sent()));
  expect(await upgradeStatus(server, documentName)).toBe(401);

  const res = await server.request("/metrics", { headers: { Cookie: adminCookie } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  const body = await res.text();
  expect(sample(body, "roundtable_collab_documents_open")).toBe(1);
  expect(sample(body, "roundtable_collab_connections")).toBe(3);
  expect(sample(body, "roundtable_collab_updates_in_total")).toBeGreaterThanOrEqual(3);
  expect(sample(body, "roundtable_collab_updates_out_total")).toBeGreaterThanOrEqual(3 * 2); // each to b and the viewer
  expect(sample(body, "roundtable_collab_commit_seconds_count")).toBeGreaterThanOrEqual(1);
  expect(sample(body, 'roundtable_collab_commit_seconds_bucket{le="+Inf"}')).toBe(sample(body, "roundtable_collab_commit_seconds_count"));
  expect(sample(body, "roundtable_collab_pending_acks")).toBe(0);
  expect(sample(body, 'roundtable_collab_rejected_messages_total{reason="upgrade_401"}')).toBe(1);
  expect(sample(body, 'roundtable_collab_rejected_messages_total{reason="viewer_update"}')).toBeGreaterThanOrEqual(1);
});

test("/metrics is for platform admins only", async () => {
  const { cookie } = await createDraftToEdit(t.db);
  expect((await server.request("/metrics", { headers: { Cookie: cookie } })).status).toBe(403);
  expect((await server.request("/metrics")).status).toBe(302);
});
