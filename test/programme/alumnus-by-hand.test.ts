// Alumni are earned; an admin who grants or withdraws the role by hand must
// say why, and the reason is kept in the audit log.
import { and, eq } from "drizzle-orm";
import { auditEvents, userRoles } from "../../db/schema";
import { setPersonRoles } from "~/domain/orgs/people.server";
import { InputError } from "~/domain/input-error";
import { messageIn } from "~/domain/i18n/translators";
import { createOrg, createUser } from "../support/factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const rolesOf = async (userId: string) => (await t.db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId))).map((r) => r.role).sort();

test("granting or withdrawing alumnus needs a reason, which the audit log keeps; other roles do not", async () => {
  const org = await createOrg(t.db);
  const admin = await createUser(t.db, { orgId: org.id, roles: ["org_admin"] });
  const person = await createUser(t.db, { orgId: org.id, roles: ["participant"] });

  const refused = await setPersonRoles(t.db, admin, person.id, ["participant", "alumnus"], "  ").catch((e: unknown) => e);
  expect(messageIn("en", (refused as InputError).fieldErrors.reason!)).toMatch(/Say why you grant the alumnus role/);
  expect(await rolesOf(person.id)).toEqual(["participant"]);

  await setPersonRoles(t.db, admin, person.id, ["participant", "alumnus"], "Finished the pilot programme in 2025.");
  expect(await rolesOf(person.id)).toEqual(["alumnus", "participant"]);
  const [granted] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, person.id), eq(auditEvents.action, "person.roles_changed")));
  expect(granted).toMatchObject({ actorId: admin.id, reason: "Finished the pilot programme in 2025.", details: { added: ["alumnus"], removed: [] } });

  const withdraw = await setPersonRoles(t.db, admin, person.id, ["participant"]).catch((e: unknown) => e);
  expect(messageIn("en", (withdraw as InputError).fieldErrors.reason!)).toMatch(/withdraw/);
  await setPersonRoles(t.db, admin, person.id, ["participant"], "Granted by mistake.");
  expect(await rolesOf(person.id)).toEqual(["participant"]);

  // A change that leaves alumnus alone needs no reason.
  await setPersonRoles(t.db, admin, person.id, ["participant", "facilitator"]);
  expect(await rolesOf(person.id)).toEqual(["facilitator", "participant"]);
});
