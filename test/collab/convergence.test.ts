// Two real y-websocket providers in Node against a server on port 0.
import { createOrg, createPublishedModule, createUser, sessionCookieFor } from "../support/factories";
import { connectClient, eventually, typeInto } from "../support/collab-client";
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

test("two co-authors' providers converge, and each is told its edits are stored", async () => {
  const org = await createOrg(t.db);
  const lead = await createUser(t.db, { orgId: org.id, roles: ["thought_leader"] });
  const module = await createPublishedModule(t.db, { authorId: lead.id });
  const cookie = await sessionCookieFor(t.db, lead.id);
  const name = `module.${module.id}`;

  const a = connectClient(server, name, cookie);
  const b = connectClient(server, name, cookie);
  try {
    await eventually(() => expect(a.provider.synced && b.provider.synced).toBe(true));
    expect(a.text()).toContain("An introduction for the group.");
    typeInto(a, " Alpha");
    typeInto(b, " Beta");
    await eventually(() => {
      expect(a.text()).toContain("Alpha");
      expect(a.text()).toContain("Beta");
      expect(b.text()).toBe(a.text());
    });
    await eventually(() => {
      expect(a.sent()).toBeGreaterThan(0);
      expect(a.acked()).toBe(a.sent());
      expect(b.acked()).toBe(b.sent());
    });
  } finally {
    a.destroy();
    b.destroy();
  }
});
