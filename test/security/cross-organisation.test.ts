// Cross-organisation writes and role escalation (issue 20's security review).
// Every form organisation A's people see is replayed, whole and valid, by a
// person of organisation B who holds every role there (admin, moderator,
// alumnus), with A's organisation id slipped into the form: a form about
// something of A answers 404 (or refuses an id in the body) and changes
// nothing; no form lets B write into A. The authorization matrix
// (test/authorization-matrix.test.ts) covers every route's GET and empty POST
// per role; this covers the forms' own ids and intents.
import { and, eq, sql } from "drizzle-orm";
import { invitations, userRoles, users } from "../../db/schema";
import { createOrg, createUser, sessionCookieFor } from "../support/factories";
import { postForm } from "../support/http-helpers";
import { formsOfPages, postFields, type FormVariant } from "../support/page-forms";
import { buildPortalWorld, portalVisits, type PortalWorld } from "../support/portal-world";
import { changedTables, fingerprint, rowsOf, tableNames } from "../support/table-fingerprint";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";

let t: TestDatabase;
let server: TestServer;
let w: PortalWorld;
let variants: FormVariant[];

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startTestServer(t.db, { AUTH_RATE_LIMIT_PER_MINUTE: "100000" });
  w = await buildPortalWorld(t.db);
  variants = (await formsOfPages(server, await portalVisits(t.db, w), (status, label) => expect(status, label).toBe(200))).filter((v) => v.cookie);
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await t?.drop();
});

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Rows that belong to organisation A, per table with an org_id: B's forms must not add, change or remove any. */
async function orgRows(orgId: string): Promise<Map<string, string>> {
  const columns = await rowsOf<{ table: string }>(
    t.db.execute(sql`select table_name as table from information_schema.columns where table_schema = 'public' and column_name = 'org_id' order by 1`),
  );
  const parts = columns.map(({ table }) => `select '${table}' as name, count(*)::text || ':' || coalesce(max(x.xmin::text::bigint), 0)::text as hash from "${table}" x where x.org_id = '${orgId}'`);
  const rows = await rowsOf<{ name: string; hash: string }>(t.db.execute(sql.raw(parts.join(" union all "))));
  return new Map(rows.map((r) => [r.name, r.hash]));
}

test("every form of organisation A, replayed by a person of organisation B with every role, is refused and changes nothing of A", { timeout: 300_000 }, async () => {
  const outsider = w.people.outsiderAdmin;
  const cookie = await sessionCookieFor(t.db, outsider.id);
  // B's own ids, and the public module's: it is everyone's to read, run, report, translate and put in a programme.
  const own = new Set([w.orgB.id, outsider.id, w.people.outsider.id, w.module.id]);
  // The public module is everyone's to read, run, report and translate.
  const isPublic = (v: FormVariant) => v.action.includes(`/modules/${w.module.slug}/`) || v.action.startsWith("/reports/new");
  const tables = await tableNames(t.db);
  const beforeA = await orgRows(w.orgA.id);
  const wrong: string[] = [];
  let replayed = 0;
  for (const v of variants) {
    const pathIds = (v.action.match(UUID) ?? []).filter((id) => !own.has(id));
    const bodyIds = v.fields.flatMap((f) => f.value.match(UUID) ?? []).filter((id) => !own.has(id));
    const aboutA = !isPublic(v) && (pathIds.length > 0 || bodyIds.length > 0);
    const before = aboutA ? await fingerprint(t.db, tables) : null;
    const res = await postFields(server, v.action, [...v.fields, { name: "orgId", value: w.orgA.id }], cookie);
    await res.arrayBuffer();
    replayed++;
    const label = `POST ${v.action} (the form ${v.who} sees on ${v.page}, intent ${v.fields.find((f) => f.name === "intent")?.value ?? "-"})`;
    if (res.status >= 500) wrong.push(`${res.status} for ${label}`);
    if (!before) continue;
    const expected = pathIds.length > 0 || !bodyIds.length ? [404] : [400, 403, 404, 409];
    if (!expected.includes(res.status)) wrong.push(`${res.status} (expected ${expected.join(" or ")}) for ${label}`);
    const changed = changedTables(before, await fingerprint(t.db, tables)).filter((name) => name !== "sessions");
    if (changed.length) wrong.push(`${label} changed ${changed.join(", ")}`);
  }
  const afterA = await orgRows(w.orgA.id);
  const touched = [...afterA].filter(([name, hash]) => beforeA.get(name) !== hash).map(([name]) => name);
  console.log(`cross-organisation probe: ${replayed} forms of organisation A replayed by organisation B`);
  expect(replayed).toBeGreaterThan(100);
  expect(wrong).toEqual([]);
  expect(touched, "tables where organisation B's posts changed organisation A's rows").toEqual([]);
});

describe("role escalation", () => {
  test("an organisation admin cannot make anyone a platform admin, themselves included", async () => {
    const org = await createOrg(t.db);
    const admin = await createUser(t.db, { orgId: org.id, roles: ["org_admin"] });
    const colleague = await createUser(t.db, { orgId: org.id, roles: ["participant"] });
    const cookie = await sessionCookieFor(t.db, admin.id);
    for (const target of [admin.id, colleague.id]) {
      const res = await postForm(server, `/org/people/${target}`, { roles: ["org_admin", "platform_admin"], reason: "promotion" }, cookie);
      expect([400, 403], target === admin.id ? "self" : "colleague").toContain(res.status);
    }
    const granted = await t.db.select().from(userRoles).where(eq(userRoles.role, "platform_admin"));
    expect(granted.filter((r) => r.userId === admin.id || r.userId === colleague.id)).toEqual([]);
  });

  test("an organisation admin cannot invite a platform admin, nor invite into another organisation", async () => {
    const org = await createOrg(t.db);
    const other = await createOrg(t.db);
    const admin = await createUser(t.db, { orgId: org.id, roles: ["org_admin"] });
    const cookie = await sessionCookieFor(t.db, admin.id);
    const email = `escalate-${Date.now()}@example.test`;
    const res = await postForm(server, "/org/invite", { email, name: "New Boss", roles: ["platform_admin"], orgId: other.id }, cookie);
    expect([400, 403]).toContain(res.status);
    expect(await t.db.select().from(invitations).where(eq(invitations.email, email))).toEqual([]);
    const ok = await postForm(server, "/org/invite", { email, name: "New Person", roles: ["participant"], orgId: other.id }, cookie);
    expect(ok.status).toBeLessThan(400);
    const [made] = await t.db.select({ orgId: invitations.orgId, roles: invitations.roles }).from(invitations).where(eq(invitations.email, email));
    expect(made).toEqual({ orgId: org.id, roles: ["participant"] });
  });

  test("a participant, a moderator and a facilitator cannot change anyone's roles, their own included", async () => {
    const org = await createOrg(t.db);
    for (const role of ["participant", "moderator", "facilitator", "alumnus", "thought_leader"] as const) {
      const person = await createUser(t.db, { orgId: org.id, roles: [role] });
      const res = await postForm(server, `/org/people/${person.id}`, { roles: ["org_admin"], reason: "" }, await sessionCookieFor(t.db, person.id));
      expect(res.status, role).toBe(403);
      const roles = await t.db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, person.id));
      expect(roles.map((r) => r.role), role).toEqual([role]);
    }
  });

  test("the profile form ignores an organisation, roles or an email slipped into it", async () => {
    const org = await createOrg(t.db);
    const other = await createOrg(t.db);
    const person = await createUser(t.db, { orgId: org.id, roles: ["participant"] });
    const cookie = await sessionCookieFor(t.db, person.id);
    const res = await postForm(server, "/profile", { name: "Renamed Person", jobTitle: "", bio: "", orgId: other.id, roles: "platform_admin", email: "someone-else@example.test", id: w.people.alumna.id }, cookie);
    expect(res.status).toBeLessThan(500);
    const [after] = await t.db.select({ orgId: users.orgId, email: users.email }).from(users).where(eq(users.id, person.id));
    expect(after).toEqual({ orgId: org.id, email: person.email });
    expect((await t.db.select().from(userRoles).where(and(eq(userRoles.userId, person.id), eq(userRoles.role, "platform_admin"))))).toEqual([]);
    const [alumna] = await t.db.select({ name: users.name }).from(users).where(eq(users.id, w.people.alumna.id));
    expect(alumna!.name).not.toBe("Renamed Person");
  });

  test("signing up with roles or another organisation in the form gives a participant of the email's organisation", async () => {
    const domain = `signup-${Date.now()}.example.test`;
    const org = await createOrg(t.db, { signupMode: "email_domain", allowedEmailDomain: domain });
    const email = `new@${domain}`;
    const res = await postForm(server, "/signup", { name: "Self Made", email, password: "a long enough password", timeZone: "Europe/London", roles: "platform_admin", orgId: w.orgA.id });
    expect(res.status).toBeLessThan(500);
    const made = await t.db.select({ id: users.id, orgId: users.orgId }).from(users).where(eq(users.email, email));
    if (made.length === 0) return; // sign-up closed for this organisation: nothing to escalate
    expect(made[0]!.orgId).toBe(org.id);
    const roles = await t.db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, made[0]!.id));
    expect(roles.map((r) => r.role)).toEqual(["participant"]);
  });
});
