// The organisations and people the founding tests start from, built fresh
// per test: organisation A with alumni in departments, a participant and a
// moderator; organisation B with an alumnus and a moderator.
import { eq } from "drizzle-orm";
import type { Database } from "../../../db/database";
import type { Role } from "../../../db/roles";
import { departments, organisations, users } from "../../../db/schema";
import { foundGroup } from "../../../app/domain/groups/found-group.server";
import type { GroupSettingsInput } from "../../../app/domain/groups/group-fields";
import { createOrg, createUser, uniqueWord } from "../../support/factories";

export type Person = Awaited<ReturnType<typeof createUser>>;

export async function department(db: Database, orgId: string, name = `Department ${uniqueWord()}`) {
  const [row] = await db.insert(departments).values({ orgId, name }).returning();
  return row!;
}

/** A person with roles, optionally in a department. */
export async function person(db: Database, orgId: string, roles: Role[], { departmentId, name }: { departmentId?: string; name?: string } = {}) {
  const user = await createUser(db, { orgId, roles, name: name ?? `Person ${uniqueWord()}` });
  if (departmentId) await db.update(users).set({ departmentId }).where(eq(users.id, user.id));
  return user;
}

export async function setOrg(db: Database, orgId: string, values: Partial<typeof organisations.$inferInsert>) {
  await db.update(organisations).set(values).where(eq(organisations.id, orgId));
}

export async function foundingSetting(db: Database, { orgA = {}, orgB = {} }: { orgA?: Partial<typeof organisations.$inferInsert>; orgB?: Partial<typeof organisations.$inferInsert> } = {}) {
  const a = await createOrg(db, orgA);
  const b = await createOrg(db, orgB);
  const maintenance = await department(db, a.id, "Maintenance");
  const operations = await department(db, a.id, "Operations");
  return {
    orgA: a,
    orgB: b,
    maintenance,
    operations,
    founder: await person(db, a.id, ["alumnus"], { departmentId: maintenance.id, name: `Fiona ${uniqueWord()}` }),
    colleague: await person(db, a.id, ["alumnus"], { departmentId: maintenance.id }),
    participant: await person(db, a.id, ["participant"]),
    moderator: await person(db, a.id, ["moderator"], { name: `Mona ${uniqueWord()}` }),
    outsider: await person(db, b.id, ["alumnus", "org_admin"]),
    outsideModerator: await person(db, b.id, ["moderator"]),
  };
}

export function groupInput(overrides: Partial<GroupSettingsInput> = {}): GroupSettingsInput {
  return {
    name: `Rotating equipment ${uniqueWord()}`,
    field: "Rotating equipment maintenance",
    charter: "We compare how we look after pumps and compressors. We meet every month.",
    joinPolicy: "request",
    joinDecision: "conveners",
    voteQuorum: null,
    voteWindowHours: 72,
    crossOrg: false,
    sizeCap: 12,
    ...overrides,
  };
}

export async function found(db: Database, founder: Person, overrides: Partial<GroupSettingsInput> = {}) {
  const input = groupInput(overrides);
  const result = await foundGroup(db, founder, input);
  return { ...result, ...input };
}

export { refusal } from "../../proposals/proposal-setting";
