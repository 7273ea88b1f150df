// Deleting an account: nothing happens during the cooling-off, a second
// request changes nothing, and after it no row anywhere holds the person's
// name, email or private text, while what they built with others is intact
// under "Former member" and the audit log keeps the facts.
import { and, asc, eq, getTableName, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schemaTables } from "../../db/personal-data-register";
import * as schema from "../../db/schema";
import { accountDeletions, auditEvents, collabUpdates, moduleAuthors, sessions, users } from "../../db/schema";
import { cancelDeletion, eraseDueAccounts, requestDeletion } from "../../app/domain/personal-data/account-deletions.server";
import { InputError } from "../../app/domain/input-error";
import { createOrg, createUser } from "../support/factories";
import { plantPersonalData, type PlantedWorld } from "../support/personal-data-factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let t: TestDatabase;
const DAY = 86_400_000;
const tables = schemaTables();
const actorOf = (u: { id: string; orgId: string; roles: readonly string[] }) => ({ id: u.id, orgId: u.orgId, roles: u.roles as never });

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

/** Every row of every table as text, by table. */
async function everyRow() {
  const rows = new Map<string, string[]>();
  for (const table of tables) {
    const name = getTableName(table);
    const result = await t.db.execute(sql`select row_to_json(t)::text as r from ${table} t`);
    const list = ((result as unknown as { rows?: { r: string }[] }).rows ?? (result as unknown as { r: string }[])).map((row) => row.r);
    rows.set(name, list);
  }
  return rows;
}

const countOf = (rows: Map<string, string[]>, marker: string) => new Map([...rows].map(([name, list]) => [name, list.filter((r) => r.includes(marker)).length]));

describe("deleting an account", () => {
  let world: PlantedWorld;
  beforeAll(async () => {
    world = await plantPersonalData(t.db);
  });

  it("erases the person after the cooling-off and keeps shared work under Former member", async () => {
    const now = new Date();
    const before = await everyRow();
    const { erasesAt } = await requestDeletion(t.db, actorOf(world.person), world.person.id, now);
    expect(erasesAt.getTime()).toBe(now.getTime() + 14 * DAY);

    // Nothing happens during the cooling-off.
    expect(await eraseDueAccounts(t.db, { now: new Date(now.getTime() + 13 * DAY) })).toBe(0);
    const [still] = await t.db.select({ name: users.name }).from(users).where(eq(users.id, world.person.id));
    expect(still!.name).toBe(world.person.name);

    expect(await eraseDueAccounts(t.db, { now: new Date(now.getTime() + 15 * DAY) })).toBe(1);
    const after = await everyRow();
    for (const [table, list] of after) {
      for (const row of list) {
        expect(row, `a row of ${table} still names the person`).not.toContain(world.person.name);
        expect(row, `a row of ${table} still holds their email`).not.toContain(world.person.email);
        expect(row, `a row of ${table} still holds their private text`).not.toContain("PRIVATE");
      }
    }
    // Everything built with others is still there, row for row.
    expect(countOf(after, "SHARED")).toEqual(countOf(before, "SHARED"));
    expect([...countOf(before, "SHARED").values()].reduce((a, b) => a + b)).toBeGreaterThan(15);
    // The co-written draft is untouched, and the person is still its author, as Former member.
    const [draft] = await t.db.select({ update: collabUpdates.update }).from(collabUpdates).where(eq(collabUpdates.documentName, `module.${world.module.id}`));
    expect(Buffer.from(draft!.update)).toEqual(Buffer.from(world.draftUpdate));
    const authors = await t.db.select({ name: users.name, role: moduleAuthors.role }).from(moduleAuthors).innerJoin(users, eq(users.id, moduleAuthors.userId)).where(eq(moduleAuthors.moduleId, world.module.id)).orderBy(asc(moduleAuthors.role));
    expect(authors).toEqual([
      { name: "Former member", role: "lead" },
      { name: world.colleague.name, role: "coauthor" },
    ]);
    const [account] = await t.db.select().from(users).where(eq(users.id, world.person.id));
    expect(account).toMatchObject({ name: "Former member", bio: "", jobTitle: "", expertise: [], managerId: null });
    expect(account!.erasedAt).not.toBeNull();
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, world.person.id))).toEqual([]);
    const [colleague] = await t.db.select({ managerId: users.managerId }).from(users).where(eq(users.id, world.colleague.id));
    expect(colleague!.managerId).toBeNull();

    // The audit log keeps each fact, with the person replaced.
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.ownerOrgId, world.org.id)).orderBy(asc(auditEvents.id));
    expect(audit.map((e) => e.action)).toEqual(["proposal.created", "person.roles_changed", "person.deletion_requested", "person.erased"]);
    expect(audit.map((e) => e.actorName)).toEqual(["Former member", world.colleague.name, "Former member", "Roundtable"]);
    expect(audit[1]).toMatchObject({ targetId: world.person.id, targetLabel: "Former member", reason: "SHARED reason by the colleague", details: { userId: world.person.id, name: "Former member", email: "Former member" } });
    expect(audit[0]!.reason).toBeNull();
  });

  it("cannot be asked for twice: the second request says so and changes nothing", async () => {
    const org = await createOrg(t.db, { deletionCoolingOffDays: 3 });
    const person = await createUser(t.db, { orgId: org.id });
    const now = new Date();
    await requestDeletion(t.db, actorOf(person), person.id, now);
    const again = requestDeletion(t.db, actorOf(person), person.id, new Date(now.getTime() + DAY));
    await expect(again).rejects.toThrow(InputError);
    await expect(again).rejects.toThrow(/already asked/);
    const rows = await t.db.select({ erasesAt: accountDeletions.erasesAt }).from(accountDeletions).where(eq(accountDeletions.userId, person.id));
    expect(rows).toEqual([{ erasesAt: new Date(now.getTime() + 3 * DAY) }]);
  });

  it("is cancelled by the person during the cooling-off, and then nothing is erased", async () => {
    const org = await createOrg(t.db);
    const person = await createUser(t.db, { orgId: org.id });
    const now = new Date();
    await requestDeletion(t.db, actorOf(person), person.id, now);
    await cancelDeletion(t.db, actorOf(person), person.id, now);
    await expect(cancelDeletion(t.db, actorOf(person), person.id, now)).rejects.toThrow(/nothing to cancel/);
    await eraseDueAccounts(t.db, { now: new Date(now.getTime() + 30 * DAY) });
    const [kept] = await t.db.select({ name: users.name, erasedAt: users.erasedAt }).from(users).where(eq(users.id, person.id));
    expect(kept).toEqual({ name: person.name, erasedAt: null });
  });

  it("may be asked for by an admin of their organisation, who tells them; not by a colleague, nor another organisation", async () => {
    const org = await createOrg(t.db);
    const other = await createOrg(t.db);
    const leaver = await createUser(t.db, { orgId: org.id });
    const admin = await createUser(t.db, { orgId: org.id, roles: ["org_admin"] });
    const colleague = await createUser(t.db, { orgId: org.id });
    const stranger = await createUser(t.db, { orgId: other.id, roles: ["org_admin"] });
    const status = (e: unknown) => (e instanceof Response ? e.status : e);
    await expect(requestDeletion(t.db, actorOf(colleague), leaver.id).catch(status)).resolves.toBe(403);
    await expect(requestDeletion(t.db, actorOf(stranger), leaver.id).catch(status)).resolves.toBe(404);
    await requestDeletion(t.db, actorOf(admin), leaver.id);
    const told = await t.db.select({ title: schema.notifications.title }).from(schema.notifications).where(and(eq(schema.notifications.userId, leaver.id), eq(schema.notifications.kind, "data")));
    expect(told).toHaveLength(1);
    expect(told[0]!.title).toMatch(/^Your account will be deleted on /);
  });
});
