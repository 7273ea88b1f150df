// When a co-author's account is erased while they are editing, their socket
// closes and cannot come back, as after signing out everywhere; the text
// they wrote stays in the draft and the lead keeps editing.
import type { CollabClient } from "../support/collab-client";
import { connectClient, eventually, typeInto, upgradeStatus } from "../support/collab-client";
import { CLOSE } from "../../server/collab/connection";
import { eraseDueAccounts, requestDeletion } from "../../app/domain/personal-data/account-deletions.server";
import { createCoauthor, createDraftToEdit } from "../support/factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";

let t: TestDatabase;
let server: TestServer;
const clients: CollabClient[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startTestServer(t.db, {}, { accessCheckMs: 100 });
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await server?.stop();
  await t?.drop();
});

test("an erased co-author is disconnected, their text stays, and the lead keeps editing", async () => {
  const { documentName, cookie, module, org } = await createDraftToEdit(t.db);
  const coauthor = await createCoauthor(t.db, { moduleId: module.id, orgId: org.id });
  const lead = connectClient(server, documentName, cookie);
  const leaving = connectClient(server, documentName, coauthor.cookie);
  clients.push(lead, leaving);
  await eventually(() => expect(lead.provider.synced && leaving.provider.synced).toBe(true));
  typeInto(leaving, " written by the co-author");
  await eventually(() => expect(leaving.acked()).toBe(leaving.sent()));
  await eventually(() => expect(lead.text()).toContain("written by the co-author"));

  const now = new Date();
  await requestDeletion(t.db, { id: coauthor.user.id, orgId: org.id, roles: coauthor.user.roles }, coauthor.user.id, now);
  expect(await eraseDueAccounts(t.db, { now: new Date(now.getTime() + 15 * 86_400_000) })).toBe(1);

  await eventually(() => expect(leaving.closeCodes()).toContain(CLOSE.accessChanged));
  expect(await upgradeStatus(server, documentName, { cookie: coauthor.cookie })).toBe(401);
  typeInto(lead, " and the lead carries on");
  await eventually(() => expect(lead.acked()).toBe(lead.sent()));
  expect(lead.text()).toContain("written by the co-author and the lead carries on");
  expect(lead.closeCodes()).toEqual([]);
});
