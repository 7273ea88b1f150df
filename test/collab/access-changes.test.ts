// When someone's right to a draft changes while they are connected, their
// socket is closed within seconds and they must authenticate again.
import { and, eq } from "drizzle-orm";
import type WebSocket from "ws";
import { createSession, invalidateUserSessions } from "../../app/domain/accounts/sessions.server";
import { accessToCollabDocuments } from "../../app/domain/collab/document-kinds.server";
import { setModuleArchived } from "../../app/domain/modules/module-status.server";
import { recheckAccess } from "../../server/collab/access-watch";
import { CLOSE, Connection, DEFAULT_CONNECTION_LIMITS } from "../../server/collab/connection";
import { DEFAULT_COLLAB_OPTIONS } from "../../server/collab/collab-server";
import { moduleAuthors } from "../../db/schema";
import { silentLog } from "../../server/log";
import { connectClient, eventually, typeInto, upgradeStatus, type CollabClient } from "../support/collab-client";
import { createCoauthor, createDraftToEdit, createUser, sessionCookieFor } from "../support/factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";

let t: TestDatabase;
let quick: TestServer; // re-checks every 100 ms, so the tests are quick
let standard: TestServer; // the production setting
const clients: CollabClient[] = [];
const connect = (...args: Parameters<typeof connectClient>) => {
  const client = connectClient(...args);
  clients.push(client);
  return client;
};

beforeAll(async () => {
  t = await createTestDatabase();
  quick = await startTestServer(t.db, {}, { accessCheckMs: 100 });
  standard = await startTestServer(t.db);
});

afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});

afterAll(async () => {
  await quick?.stop();
  await standard?.stop();
  await t?.drop();
});

/** Milliseconds until the client's socket is closed with `code`. */
async function msUntilClosed(client: CollabClient, code: number, since: number, timeoutMs = 5000) {
  await eventually(() => expect(client.closeCodes()).toContain(code), timeoutMs);
  return Date.now() - since;
}

async function coauthoredDraft() {
  const draft = await createDraftToEdit(t.db);
  const coauthor = await createCoauthor(t.db, { moduleId: draft.module.id, orgId: draft.org.id });
  return { ...draft, coauthor };
}

test("a co-author who is removed from the module is disconnected, and cannot come back", async () => {
  const { documentName, cookie, module, coauthor } = await coauthoredDraft();
  const lead = connect(quick, documentName, cookie);
  const removed = connect(quick, documentName, coauthor.cookie);
  await eventually(() => expect(lead.provider.synced && removed.provider.synced).toBe(true));

  const since = Date.now();
  await t.db.delete(moduleAuthors).where(and(eq(moduleAuthors.moduleId, module.id), eq(moduleAuthors.userId, coauthor.user.id)));
  expect(await msUntilClosed(removed, CLOSE.accessChanged, since)).toBeLessThan(1000);
  expect(await upgradeStatus(quick, documentName, { cookie: coauthor.cookie })).toBe(404);
  // The lead author is untouched and still editing.
  typeInto(lead, " still here");
  await eventually(() => expect(lead.acked()).toBe(lead.sent()));
  expect(lead.closeCodes()).toEqual([]);
});

test("with the default re-check every 2 s, a removed co-author is disconnected within 5 s", async () => {
  expect(DEFAULT_COLLAB_OPTIONS.accessCheckMs).toBe(2000);
  const { documentName, module, coauthor } = await coauthoredDraft();
  const removed = connect(standard, documentName, coauthor.cookie);
  await eventually(() => expect(removed.provider.synced).toBe(true));
  const since = Date.now();
  await t.db.delete(moduleAuthors).where(and(eq(moduleAuthors.moduleId, module.id), eq(moduleAuthors.userId, coauthor.user.id)));
  expect(await msUntilClosed(removed, CLOSE.accessChanged, since, 6000)).toBeLessThan(5000);
});

test("archiving the module disconnects its authors, who may then only watch; viewers stay", async () => {
  const { documentName, cookie, module, org, lead } = await createDraftToEdit(t.db);
  const admin = await createUser(t.db, { orgId: org.id, roles: ["platform_admin"] });
  const moderator = await createUser(t.db, { orgId: org.id, roles: ["moderator"] });
  const author = connect(quick, documentName, cookie);
  const viewer = connect(quick, documentName, await sessionCookieFor(t.db, moderator.id));
  await eventually(() => expect(author.provider.synced && viewer.provider.synced).toBe(true));

  const since = Date.now();
  await setModuleArchived(t.db, admin, module.id, true);
  expect(await msUntilClosed(author, CLOSE.accessChanged, since)).toBeLessThan(1000);
  // Authenticating again gives the author a read-only socket.
  const again = connect(quick, documentName, cookie);
  await eventually(() => expect(again.provider.synced).toBe(true));
  expect(quick.collab.connections().filter((c) => c.identity.userId === lead.id && !c.closed).map((c) => c.identity.access)).toEqual(["view"]);
  await new Promise((r) => setTimeout(r, 300)); // three more re-checks
  expect(viewer.closeCodes()).toEqual([]);
  expect(viewer.provider.wsconnected).toBe(true);
});

test("signing out everywhere disconnects that person's sockets within 5 s with the default re-check", async () => {
  const { documentName, cookie, lead } = await createDraftToEdit(t.db);
  const onQuick = connect(quick, documentName, cookie);
  const onStandard = connect(standard, documentName, cookie);
  await eventually(() => expect(onQuick.provider.synced && onStandard.provider.synced).toBe(true));
  const since = Date.now();
  await invalidateUserSessions(t.db, lead.id);
  expect(await msUntilClosed(onQuick, CLOSE.accessChanged, since)).toBeLessThan(1000);
  expect(await msUntilClosed(onStandard, CLOSE.accessChanged, since, 6000)).toBeLessThan(5000);
  expect(await upgradeStatus(quick, documentName, { cookie })).toBe(401);
});

test("a re-check of more sockets than one round of queries takes (250) closes exactly the sockets whose right changed", async () => {
  const drafts = await Promise.all(Array.from({ length: 3 }, () => coauthoredDraft()));
  const people = drafts.flatMap((d) => [
    { userId: d.lead.id, name: d.lead.name, documentName: d.documentName },
    { userId: d.coauthor.user.id, name: d.coauthor.user.name, documentName: d.documentName },
  ]);
  const sessionOf = new Map(await Promise.all(people.map(async (p) => [p.userId, (await createSession(t.db, p.userId)).session.id] as const)));
  const accessBefore = await accessToCollabDocuments(t.db, people);
  // 600 sockets, each person's spread over every round of queries.
  const connections = Array.from({ length: 100 }, () =>
    people.map(
      (p) =>
        new Connection(
          { close() {}, terminate() {}, bufferedAmount: 0 } as unknown as WebSocket,
          { ...p, sessionId: sessionOf.get(p.userId)!, sessionExpiresAt: Infinity, access: accessBefore.get(`${p.userId} ${p.documentName}`) as "edit" | "view", language: "en" },
          DEFAULT_CONNECTION_LIMITS,
          () => {},
        ),
    ),
  ).flat();
  expect(await recheckAccess(t.db, connections, silentLog)).toBe(0);

  const removed = [drafts[0]!, drafts[2]!].map((d) => d.coauthor.user.id);
  for (const d of [drafts[0]!, drafts[2]!]) {
    await t.db.delete(moduleAuthors).where(and(eq(moduleAuthors.moduleId, d.module.id), eq(moduleAuthors.userId, d.coauthor.user.id)));
  }
  expect(await recheckAccess(t.db, connections, silentLog)).toBe(200);
  expect(connections.filter((c) => c.closed).map((c) => c.identity.userId)).toEqual(connections.filter((c) => removed.includes(c.identity.userId)).map((c) => c.identity.userId));
  expect(connections.filter((c) => !c.closed)).toHaveLength(400);
});
