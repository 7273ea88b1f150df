// The demo data created on the first start of an empty database outside
// production, and never twice or in production.
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { appMeta, departments, moduleRevisions, modules, organisations, sites, userRoles, users } from "../db/schema";
import { verifyPassword } from "../app/domain/accounts/password.server";
import { DEMO_ACCOUNTS, DEMO_COAUTHORED, DEMO_PASSWORD, describeDemoAccount, seedDemo } from "../app/domain/demo/seed-demo.server";
import { ROLES } from "../app/domain/roles";
import { findDraftBySlug } from "../app/domain/modules/module-draft.server";
import type { Database } from "../db/database";
import { ROOT_DIR } from "../server/http-app";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

const contentDir = path.join(ROOT_DIR, "content");

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

async function counts(db: Database) {
  return {
    organisations: await db.$count(organisations),
    users: await db.$count(users),
    userRoles: await db.$count(userRoles),
    departments: await db.$count(departments),
    sites: await db.$count(sites),
    appMeta: await db.$count(appMeta),
    modules: await db.$count(modules),
    moduleRevisions: await db.$count(moduleRevisions),
  };
}

async function accountsByEmail(db: Database) {
  const rows = await db
    .select({ email: users.email, org: organisations.name, passwordHash: users.passwordHash, role: userRoles.role })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .leftJoin(userRoles, eq(userRoles.userId, users.id));
  const byEmail = new Map<string, { org: string; roles: string[]; passwordHash: string }>();
  for (const r of rows) {
    const entry = byEmail.get(r.email) ?? { org: r.org, roles: [], passwordHash: r.passwordHash };
    if (r.role) entry.roles.push(r.role);
    byEmail.set(r.email, entry);
  }
  return byEmail;
}

test("on an empty database it creates the two demo organisations and the demo accounts with their roles", async () => {
  expect((await counts(t.db)).users).toBe(0);
  const result = await seedDemo(t.db, { isProduction: false, contentDir });
  expect(result.seeded).toBe(true);

  const orgs = await t.db.select().from(organisations);
  expect(orgs.map((o) => o.name).sort()).toEqual(["Harbourline Utilities", "Northfield Health Group"]);
  const harbourline = orgs.find((o) => o.name === "Harbourline Utilities")!;
  expect(harbourline).toMatchObject({ signupMode: "email_domain", allowedEmailDomain: "demo.test" });
  expect(orgs.find((o) => o.name === "Northfield Health Group")).toMatchObject({ signupMode: "invite_only", allowedEmailDomain: null });

  const accounts = await accountsByEmail(t.db);
  const expected: [string, string, string[]][] = [
    ["leader@demo.test", "Harbourline Utilities", ["thought_leader"]],
    ["alumna@demo.test", "Harbourline Utilities", ["alumnus"]],
    ["alumnus2@demo.test", "Northfield Health Group", ["alumnus"]],
    ["participant@demo.test", "Harbourline Utilities", ["participant"]],
    ["facilitator@demo.test", "Harbourline Utilities", ["facilitator"]],
    ["moderator@demo.test", "Harbourline Utilities", ["moderator"]],
    ["orgadmin@demo.test", "Harbourline Utilities", ["org_admin"]],
    ["admin@demo.test", "Harbourline Utilities", ["platform_admin"]],
  ];
  for (const [email, org, roles] of expected) {
    const account = accounts.get(email);
    expect(account, email).toBeDefined();
    expect({ email, org: account!.org, roles: account!.roles.sort() }).toEqual({ email, org, roles });
  }
  // Every demo account signs in with the documented password.
  expect(await verifyPassword(accounts.get("participant@demo.test")!.passwordHash, DEMO_PASSWORD)).toBe(true);
  // The accounts printed at start are the ones created.
  expect(result.accounts.map((a) => a.email).sort()).toEqual([...accounts.keys()].sort());
});

test("the demo lead author and the demo alumna can edit one module's draft together", async () => {
  const [module] = await t.db.select().from(modules).where(eq(modules.slug, DEMO_COAUTHORED.slug));
  expect(module).toBeDefined();
  for (const email of ["leader@demo.test", "alumna@demo.test"]) {
    const [user] = await t.db.select().from(users).where(eq(users.email, email));
    const roles = (await t.db.select().from(userRoles).where(eq(userRoles.userId, user!.id))).map((r) => r.role);
    const draft = await findDraftBySlug(t.db, { id: user!.id, orgId: user!.orgId, roles }, module!.slug);
    expect(draft.access, email).toBe("edit");
  }
});

test("running it again creates nothing new", async () => {
  const before = await counts(t.db);
  expect(before.users).toBeGreaterThanOrEqual(8);
  const result = await seedDemo(t.db, { isProduction: false, contentDir });
  expect(result.seeded).toBe(false);
  expect(await counts(t.db)).toEqual(before);
});

test("in production an empty database stays empty", async () => {
  const empty = await createTestDatabase();
  try {
    const result = await seedDemo(empty.db, { isProduction: true, contentDir });
    expect(result).toEqual({ seeded: false, accounts: [], imported: null });
    expect(await counts(empty.db)).toEqual({ organisations: 0, users: 0, userRoles: 0, departments: 0, sites: 0, appMeta: 0, modules: 0, moduleRevisions: 0 });
  } finally {
    await empty.drop();
  }
});

test("a database that already has people is not seeded", async () => {
  const other = await createTestDatabase();
  try {
    const [org] = await other.db.insert(organisations).values({ name: "Real Org", slug: "real-org" }).returning();
    await other.db.insert(users).values({ email: "real@example.test", name: "Real Person", orgId: org!.id, passwordHash: "x" });
    const before = await counts(other.db);
    const result = await seedDemo(other.db, { isProduction: false, contentDir });
    expect(result.seeded).toBe(false);
    expect(result.accounts).toEqual([]);
    expect(await counts(other.db)).toEqual(before);
  } finally {
    await other.drop();
  }
});

/** README's table of demo sign-ins: the rows after the line about the password. */
function readmeDemoAccounts(): { email: string; description: string }[] {
  const readme = fs.readFileSync(path.join(ROOT_DIR, "README.md"), "utf8");
  const after = readme.slice(readme.indexOf(`Every demo account uses the password \`${DEMO_PASSWORD}\``));
  const table = after.slice(0, after.indexOf("\n\n", after.indexOf("\n|")) + 1);
  return table
    .split("\n")
    .filter((line) => /^\| `/.test(line))
    .map((line) => {
      const [, email, description] = /^\| `([^`]+)` \| (.*) \|$/.exec(line) ?? [];
      return { email: email ?? line, description: description ?? "" };
    });
}

test("README's table of demo sign-ins lists exactly the seeded accounts, described as the start prints them", () => {
  expect(readmeDemoAccounts()).toEqual(DEMO_ACCOUNTS.map((a) => ({ email: a.email, description: describeDemoAccount(a) })));
});

test("the sign-in list speaks the app's words for roles, never the codes", () => {
  for (const account of DEMO_ACCOUNTS) {
    const line = describeDemoAccount(account);
    for (const code of ROLES.filter((r) => r.includes("_"))) expect(line, account.email).not.toContain(code);
  }
  expect(describeDemoAccount(DEMO_ACCOUNTS.find((a) => a.email === "leader@demo.test")!)).toMatch(/^Thought leader\b/);
});
