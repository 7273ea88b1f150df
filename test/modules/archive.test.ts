// Platform admins archive and restore modules; readers follow at once.
import { eq } from "drizzle-orm";
import { auditEvents, moduleRevisions } from "../../db/schema";
import { setModuleArchived } from "../../app/domain/modules/module-status.server";
import { InputError } from "../../app/domain/input-error";
import { messageIn } from "../../app/domain/i18n/translators";
import { createOrg, createPublishedModule, createUser, sessionCookieFor } from "../support/factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { sameOriginForm, startTestServer, type TestServer } from "../support/test-server";

let t: TestDatabase;
let server: TestServer;
beforeAll(async () => {
  t = await createTestDatabase();
  server = await startTestServer(t.db);
});
afterAll(async () => {
  await server.stop();
  await t.drop();
});

test("an archived module disappears for readers and comes back when restored, with its revisions kept", async () => {
  const org = await createOrg(t.db);
  const admin = await createUser(t.db, { orgId: org.id, roles: ["platform_admin"] });
  const reader = await createUser(t.db, { orgId: org.id, roles: ["participant"] });
  const module = await createPublishedModule(t.db, { authorId: admin.id });
  const adminCookie = await sessionCookieFor(t.db, admin.id);
  const readerCookie = await sessionCookieFor(t.db, reader.id);

  const archive = await server.request("/admin/modules", {
    method: "POST",
    headers: sameOriginForm(server, adminCookie),
    body: new URLSearchParams({ intent: "archive", moduleId: module.id }),
  });
  expect(archive.status).toBe(302);
  // Back on the list, which says what happened to which module.
  expect(archive.headers.get("location")).toBe(`/admin/modules?saved=${module.id}`);
  const list = await (await server.request(archive.headers.get("location")!, { headers: { Cookie: adminCookie } })).text();
  expect(list).toContain(`“${module.title}” is archived: readers no longer see it.`);
  expect((await server.request(`/modules/${module.slug}`, { headers: { Cookie: readerCookie } })).status).toBe(404);
  expect(await (await server.request(`/modules?q=${module.title.split(" ")[1]}`, { headers: { Cookie: readerCookie } })).text()).not.toContain(module.slug);

  await setModuleArchived(t.db, admin, module.id, false);
  expect((await server.request(`/modules/${module.slug}`, { headers: { Cookie: readerCookie } })).status).toBe(200);
  expect(await t.db.select().from(moduleRevisions).where(eq(moduleRevisions.moduleId, module.id))).toHaveLength(1);
  // Both are in the audit log, with who did it.
  const logged = await t.db.select({ action: auditEvents.action, actorId: auditEvents.actorId }).from(auditEvents).where(eq(auditEvents.targetId, module.id));
  expect(logged).toEqual([
    { action: "module.archived", actorId: admin.id },
    { action: "module.unarchived", actorId: admin.id },
  ]);
});

test("archiving twice or restoring a published module is refused with a clear message", async () => {
  const org = await createOrg(t.db);
  const admin = await createUser(t.db, { orgId: org.id, roles: ["platform_admin"] });
  const module = await createPublishedModule(t.db, { authorId: admin.id });
  await expect(setModuleArchived(t.db, admin, module.id, false)).rejects.toThrow(InputError);
  await setModuleArchived(t.db, admin, module.id, true);
  const twice = await setModuleArchived(t.db, admin, module.id, true).catch((e: unknown) => e);
  expect(twice).toBeInstanceOf(InputError);
  expect(messageIn("en", (twice as InputError).fieldErrors.form!)).toBe("Only a published module can be archived.");
});

test("only platform admins may archive", async () => {
  const org = await createOrg(t.db);
  const orgAdmin = await createUser(t.db, { orgId: org.id, roles: ["org_admin", "moderator"] });
  const module = await createPublishedModule(t.db, { authorId: orgAdmin.id });
  const res = await server.request("/admin/modules", {
    method: "POST",
    headers: sameOriginForm(server, await sessionCookieFor(t.db, orgAdmin.id)),
    body: new URLSearchParams({ intent: "archive", moduleId: module.id }),
  });
  expect(res.status).toBe(403);
});
