// An organisation's settings for connections across organisations, for
// founding peer groups and for wishes in group formation: only its admins
// change them, bad input gets a clear answer, and every change is in the
// audit log.
import { and, eq } from "drizzle-orm";
import { auditEvents, organisations } from "../../db/schema";
import { ForbiddenError } from "../../app/domain/http-errors";
import { updateConnectionSettings, updateFormationSettings, updateGroupFoundingSettings } from "../../app/domain/orgs/org-settings.server";
import { createOrg, createUser, sessionCookieFor } from "../support/factories";
import { mainText, postForm } from "../support/http-helpers";
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

async function orgWithAdmin() {
  const org = await createOrg(t.db);
  const admin = await createUser(t.db, { orgId: org.id, roles: ["org_admin"] });
  return { org, admin, cookie: await sessionCookieFor(t.db, admin.id) };
}
const orgRow = async (id: string) => (await t.db.select().from(organisations).where(eq(organisations.id, id)))[0]!;
const foundingSettings = (o: typeof organisations.$inferSelect) => ({ people: o.groupFoundingMinPeople, departments: o.groupFoundingMinDepartments, approval: o.groupsNeedApproval });

test("an admin allows connections across organisations and turns them off again, each change audited", async () => {
  const { org, admin, cookie } = await orgWithAdmin();
  const on = await postForm(server, "/org/settings", { intent: "connections", crossOrgConnections: "on" }, cookie);
  expect(on.status).toBe(302);
  expect((await orgRow(org.id)).crossOrgConnections).toBe(true);
  const page = mainText(await (await server.request("/org/settings?saved=connections", { headers: { Cookie: cookie } })).text());
  expect(page).toContain("Connections across organisations Saved.");

  await postForm(server, "/org/settings", { intent: "connections" }, cookie);
  expect((await orgRow(org.id)).crossOrgConnections).toBe(false);
  const events = await t.db.select().from(auditEvents).where(and(eq(auditEvents.targetType, "organisation"), eq(auditEvents.targetId, org.id))).orderBy(auditEvents.id);
  expect(events.map((e) => [e.action, e.actorId, e.ownerOrgId, e.details])).toEqual([
    ["organisation.connections_changed", admin.id, org.id, { crossOrgConnections: true }],
    ["organisation.connections_changed", admin.id, org.id, { crossOrgConnections: false }],
  ]);
});

test("wishes for group formation are off until an admin turns them on, and off again, each change audited", async () => {
  const { org, admin, cookie } = await orgWithAdmin();
  expect((await orgRow(org.id)).formationPreferences).toBe(false);
  const box = /<input type="checkbox" name="formationPreferences"[^>]*>/;
  expect((await (await server.request("/org/settings", { headers: { Cookie: cookie } })).text()).match(box)?.[0]).not.toContain("checked");
  const on = await postForm(server, "/org/settings", { intent: "formation", formationPreferences: "on" }, cookie);
  expect(on.headers.get("location")).toBe("/org/settings?saved=formation#formation");
  expect((await orgRow(org.id)).formationPreferences).toBe(true);
  const html = await (await server.request("/org/settings?saved=formation", { headers: { Cookie: cookie } })).text();
  expect(html.match(box)?.[0]).toContain('checked=""');
  expect(mainText(html)).toContain("Wishes for group formation Saved.");

  const bad = await postForm(server, "/org/settings", { intent: "formation", formationPreferences: "yes" }, cookie);
  expect(bad.status).toBe(400);
  expect(mainText(await bad.text())).toContain("Tick the box or leave it empty.");
  expect((await orgRow(org.id)).formationPreferences).toBe(true);

  await postForm(server, "/org/settings", { intent: "formation" }, cookie);
  expect((await orgRow(org.id)).formationPreferences).toBe(false);
  const events = await t.db.select().from(auditEvents).where(and(eq(auditEvents.targetType, "organisation"), eq(auditEvents.targetId, org.id))).orderBy(auditEvents.id);
  expect(events.map((e) => [e.action, e.actorId, e.ownerOrgId, e.details])).toEqual([
    ["organisation.formation_preferences_changed", admin.id, org.id, { formationPreferences: true }],
    ["organisation.formation_preferences_changed", admin.id, org.id, { formationPreferences: false }],
  ]);
});

test("an admin sets the founding threshold and approval, and clears the threshold again", async () => {
  const { org, cookie } = await orgWithAdmin();
  const res = await postForm(server, "/org/settings", { intent: "founding", groupFoundingMinPeople: " 4 ", groupFoundingMinDepartments: "2", groupsNeedApproval: "on" }, cookie);
  expect(res.status).toBe(302);
  expect(foundingSettings(await orgRow(org.id))).toEqual({ people: 4, departments: 2, approval: true });
  const html = await (await server.request("/org/settings", { headers: { Cookie: cookie } })).text();
  expect(html).toMatch(/name="groupFoundingMinPeople"[^>]*value="4"/);

  await postForm(server, "/org/settings", { intent: "founding", groupFoundingMinPeople: "", groupFoundingMinDepartments: "" }, cookie);
  expect(foundingSettings(await orgRow(org.id))).toEqual({ people: null, departments: null, approval: false });
});

test.each([
  [{ groupFoundingMinPeople: "3", groupFoundingMinDepartments: "5" }, "People from 5 departments means at least 5 people: raise the number of people or lower the departments."],
  [{ groupFoundingMinPeople: "-4", groupFoundingMinDepartments: "" }, "Enter the number of people as a whole number from 1 to 50, or leave it empty for no minimum."],
  [{ groupFoundingMinPeople: "0", groupFoundingMinDepartments: "" }, "Enter at least 1 for the number of people, or leave it empty for no minimum."],
  [{ groupFoundingMinPeople: "4.5", groupFoundingMinDepartments: "" }, "Enter the number of people as a whole number from 1 to 50, or leave it empty for no minimum."],
  [{ groupFoundingMinPeople: "500", groupFoundingMinDepartments: "" }, "The number of people can be at most 50."],
  [{ groupFoundingMinPeople: "4", groupFoundingMinDepartments: "two" }, "Enter the number of departments as a whole number from 1 to 50, or leave it empty for no minimum."],
])("bad founding numbers %o are refused with a clear message, the input kept and nothing changed", async (fields, message) => {
  const { org, cookie } = await orgWithAdmin();
  const before = foundingSettings(await orgRow(org.id));
  const res = await postForm(server, "/org/settings", { intent: "founding", ...fields, groupsNeedApproval: "on" }, cookie);
  expect(res.status).toBe(400);
  const html = await res.text();
  expect(mainText(html)).toContain(message);
  expect(html).toContain(`value="${fields.groupFoundingMinPeople}"`);
  expect(html).toMatch(/name="groupsNeedApproval" checked=""/);
  expect(foundingSettings(await orgRow(org.id))).toEqual(before);
  expect(await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, org.id))).toEqual([]);
});

test("people who are not the organisation's admins cannot change its settings", async () => {
  const { org } = await orgWithAdmin();
  for (const roles of [["alumnus"], ["moderator"], ["facilitator", "thought_leader"]] as const) {
    const person = await createUser(t.db, { orgId: org.id, roles: [...roles] });
    const cookie = await sessionCookieFor(t.db, person.id);
    expect((await postForm(server, "/org/settings", { intent: "connections", crossOrgConnections: "on" }, cookie)).status).toBe(403);
    expect((await postForm(server, "/org/settings", { intent: "founding", groupFoundingMinPeople: "3" }, cookie)).status).toBe(403);
    expect((await postForm(server, "/org/settings", { intent: "formation", formationPreferences: "on" }, cookie)).status).toBe(403);
  }
  // An admin of another organisation, through the domain (the page only ever changes the admin's own).
  const other = await orgWithAdmin();
  const adminElsewhere = { id: other.admin.id, orgId: other.org.id, roles: other.admin.roles };
  await expect(updateConnectionSettings(t.db, adminElsewhere, org.id, { crossOrgConnections: true })).rejects.toBeInstanceOf(ForbiddenError);
  await expect(updateGroupFoundingSettings(t.db, adminElsewhere, org.id, { groupFoundingMinPeople: 2, groupFoundingMinDepartments: null, groupsNeedApproval: true })).rejects.toBeInstanceOf(ForbiddenError);
  await expect(updateFormationSettings(t.db, adminElsewhere, org.id, { formationPreferences: true })).rejects.toBeInstanceOf(ForbiddenError);
  expect(await orgRow(org.id)).toMatchObject({ crossOrgConnections: false, groupFoundingMinPeople: null, groupsNeedApproval: false, formationPreferences: false });
});

test("the sign-up form keeps working, with or without its intent", async () => {
  const { org, cookie } = await orgWithAdmin();
  const withIntent = await postForm(server, "/org/settings", { intent: "signup", signupMode: "email_domain", allowedEmailDomain: `${org.slug}.example` }, cookie);
  expect(withIntent.status).toBe(302);
  expect(await orgRow(org.id)).toMatchObject({ signupMode: "email_domain", allowedEmailDomain: `${org.slug}.example` });
  const withoutIntent = await postForm(server, "/org/settings", { signupMode: "invite_only" }, cookie);
  expect(withoutIntent.status).toBe(302);
  expect(await orgRow(org.id)).toMatchObject({ signupMode: "invite_only", allowedEmailDomain: null });
  const bad = await postForm(server, "/org/settings", { signupMode: "email_domain", allowedEmailDomain: "not a domain" }, cookie);
  expect(bad.status).toBe(400);
  expect(mainText(await bad.text())).toContain("Enter a domain such as example.com, without the @.");
  const unknown = await postForm(server, "/org/settings", { intent: "bogus" }, cookie);
  expect(unknown.status).toBe(400);
  expect(mainText(await unknown.text())).toContain("That action is not one this page offers. Please reload the page.");
});
