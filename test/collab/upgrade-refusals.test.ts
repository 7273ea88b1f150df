// Who is turned away at the door: the upgrade is refused with an HTTP status
// before any websocket exists, and before the document is loaded.
import crypto from "node:crypto";
import http from "node:http";
import { createOrg, createDraftToEdit, createUser, sessionCookieFor } from "../support/factories";
import { eventually, upgradeStatus } from "../support/collab-client";
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

/** Nothing was opened for a refused upgrade: no socket, no loaded document. */
function expectNothingOpened(loadsBefore: number) {
  expect(server.collab.connections()).toHaveLength(0);
  expect(server.collab.rooms.loads).toBe(loadsBefore);
  expect(server.collab.rooms.open.size).toBe(0);
}

test("an upgrade without a session, or with a signed-out one, is refused with 401", async () => {
  const { documentName } = await createDraftToEdit(t.db);
  const loads = server.collab.rooms.loads;
  expect(await upgradeStatus(server, documentName)).toBe(401);
  expect(await upgradeStatus(server, documentName, { cookie: `rt_session=${"a".repeat(32)}` })).toBe(401);
  expectNothingOpened(loads);
});

test("an upgrade from another origin, or with no Origin, is refused with 403 even with a valid session", async () => {
  const { documentName, cookie } = await createDraftToEdit(t.db);
  const loads = server.collab.rooms.loads;
  expect(await upgradeStatus(server, documentName, { cookie, origin: "https://evil.example" })).toBe(403);
  expect(await upgradeStatus(server, documentName, { cookie, origin: null })).toBe(403);
  expectNothingOpened(loads);
});

test("someone who is not an author, an unknown module and a name that is no draft all get 404", async () => {
  const { org, documentName } = await createDraftToEdit(t.db, { privateToOrg: true });
  const colleague = await createUser(t.db, { orgId: org.id, roles: ["participant"] });
  const cookie = await sessionCookieFor(t.db, colleague.id);
  const outsider = await createUser(t.db, { orgId: (await createOrg(t.db)).id, roles: ["thought_leader"] });
  const outsiderCookie = await sessionCookieFor(t.db, outsider.id);
  const loads = server.collab.rooms.loads;
  expect(await upgradeStatus(server, documentName, { cookie })).toBe(404);
  expect(await upgradeStatus(server, documentName, { cookie: outsiderCookie })).toBe(404);
  expect(await upgradeStatus(server, `module.${crypto.randomUUID()}`, { cookie })).toBe(404);
  expect(await upgradeStatus(server, "module.not-a-uuid", { cookie })).toBe(404);
  expect(await upgradeStatus(server, "notes", { cookie })).toBe(404);
  expectNothingOpened(loads);
});

test("the lead author's upgrade is accepted (so the refusals above are not the only answer)", async () => {
  const { documentName, cookie } = await createDraftToEdit(t.db);
  expect(await upgradeStatus(server, documentName, { cookie })).toBe(101);
  await eventually(() => expect(server.collab.rooms.open.has(documentName)).toBe(false));
});

test("an authorized upgrade with a broken websocket handshake does not keep the document loaded", async () => {
  const { documentName, cookie } = await createDraftToEdit(t.db);
  const loads = server.collab.rooms.loads;
  const status = await new Promise<number>((resolve, reject) => {
    const req = http.request(`${server.url}/collab/${documentName}`, {
      headers: {
        Connection: "Upgrade",
        Upgrade: "websocket",
        "Sec-WebSocket-Key": crypto.randomBytes(16).toString("base64"),
        "Sec-WebSocket-Version": "7", // no such version
        Origin: server.services.config.publicOrigin,
        Cookie: cookie,
      },
    });
    req.on("response", (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on("upgrade", () => reject(new Error("upgraded")));
    req.on("error", reject);
    req.end();
  });
  expect(status).toBe(400);
  expect(server.collab.rooms.loads).toBe(loads + 1); // it was authorized, so the document was loaded
  await eventually(() => expect(server.collab.rooms.open.has(documentName)).toBe(false), 3000);
});
