// A demo organisation's people read on every page that its data is
// generated; nobody else ever sees the line.
import { DEMO_BANNER_TEXT } from "../app/domain/demo/demo-banner";
import { createOrg, createUser, sessionCookieFor } from "./support/factories";
import { createTestDatabase, type TestDatabase } from "./support/test-database";
import { startTestServer, type TestServer } from "./support/test-server";

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

async function get(path: string, userId?: string) {
  const res = await server.request(path, { headers: userId ? { Cookie: await sessionCookieFor(t.db, userId) } : {} });
  expect(res.status).toBe(200);
  return res.text();
}

test("every page of a demo organisation says its data is generated", async () => {
  const org = await createOrg(t.db, { demoData: true });
  const person = await createUser(t.db, { orgId: org.id, roles: ["participant"] });
  for (const path of ["/", "/programme", "/modules", "/profile"]) expect(await get(path, person.id), path).toContain(DEMO_BANNER_TEXT);
});

test("a real organisation's people and visitors never see the demo line", async () => {
  const org = await createOrg(t.db);
  const person = await createUser(t.db, { orgId: org.id, roles: ["participant"] });
  expect(await get("/", person.id)).not.toContain(DEMO_BANNER_TEXT);
  expect(await get("/programme", person.id)).not.toContain(DEMO_BANNER_TEXT);
  expect(await get("/login")).not.toContain(DEMO_BANNER_TEXT);
});
