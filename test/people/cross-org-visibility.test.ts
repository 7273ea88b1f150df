// Who sees a person of another organisation: only when the person, their
// organisation and the viewer's organisation all allow it. Every
// combination, on the profile page and in the search results.
import { createOrg, createUser, sessionCookieFor } from "../support/factories";
import { mainText } from "../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";
import { directoryPerson } from "./directory-setting";

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

const onOff = [true, false];
const combinations = onOff.flatMap((person) => onOff.flatMap((theirOrg) => onOff.map((viewersOrg) => ({ person, theirOrg, viewersOrg }))));

test.each(combinations)("person allows: $person, their organisation: $theirOrg, the viewer's organisation: $viewersOrg", async ({ person, theirOrg, viewersOrg }) => {
  const orgB = await createOrg(t.db, { crossOrgConnections: theirOrg });
  const orgA = await createOrg(t.db, { crossOrgConnections: viewersOrg });
  const target = await directoryPerson(t.db, { orgId: orgB.id, settings: { crossOrg: person } });
  const viewer = await createUser(t.db, { orgId: orgA.id, roles: ["alumnus", "org_admin"] });
  const cookie = await sessionCookieFor(t.db, viewer.id);
  const visible = person && theirOrg && viewersOrg;

  const profile = await server.request(`/people/${target.id}`, { headers: { Cookie: cookie } });
  expect(profile.status).toBe(visible ? 200 : 404);
  const results = mainText(await (await server.request(`/people?q=${encodeURIComponent(target.name)}`, { headers: { Cookie: cookie } })).text());
  if (visible) expect(results).toContain(target.name);
  else expect(results).toContain("Nobody matches this search.");

  // Their own organisation always sees them.
  const colleague = await createUser(t.db, { orgId: orgB.id, roles: ["alumnus"] });
  expect((await server.request(`/people/${target.id}`, { headers: { Cookie: await sessionCookieFor(t.db, colleague.id) } })).status).toBe(200);
});
