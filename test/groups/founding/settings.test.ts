// A peer group's settings: its conveners change them and each change is
// audited; a cap below the membership, a taken name or opening up against an
// organisation's rule change nothing. Members who are not conveners are
// refused (403); anyone else does not find the page (404).
import { and, eq } from "drizzle-orm";
import { auditEvents, groups } from "../../../db/schema";
import { changeGroupSettings } from "../../../app/domain/groups/group-settings.server";
import type { GroupSettingsInput } from "../../../app/domain/groups/group-fields";
import { InputError } from "../../../app/domain/input-error";
import { createPeerGroup, sessionCookieFor } from "../../support/factories";
import { mainText, postForm } from "../../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../../support/test-database";
import { startTestServer, type TestServer } from "../../support/test-server";
import { found, foundingSetting, person, setOrg, type Person } from "./founding-setting";

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

const cookie = (p: Person) => sessionCookieFor(t.db, p.id);
const rowOf = async (id: string) => (await t.db.select().from(groups).where(eq(groups.id, id)))[0]!;

const settingsOf = (g: typeof groups.$inferSelect, overrides: Record<string, string> = {}) => ({
  name: g.name,
  field: g.field,
  charter: g.charter || "We meet monthly.",
  joinPolicy: g.joinPolicy,
  joinDecision: g.joinDecision,
  voteQuorum: g.voteQuorum === null ? "" : String(g.voteQuorum),
  voteWindow: String(g.voteWindowHours),
  voteWindowUnit: "hours",
  ...(g.crossOrg ? { crossOrg: "on" } : {}),
  sizeCap: String(g.sizeCap ?? 12),
  ...overrides,
});

async function groupWithMembers(memberCount = 3) {
  const s = await foundingSetting(t.db);
  const members: Person[] = [];
  for (let i = 0; i < memberCount; i++) members.push(await person(t.db, s.orgA.id, ["alumnus"]));
  const group = await createPeerGroup(t.db, { orgId: s.orgA.id, convenerIds: [s.founder.id], memberIds: members.map((m) => m.id), sizeCap: 10, charter: "We meet monthly." });
  return { ...s, group, members };
}

test("a convener sees the settings and changes them; the change is audited", async () => {
  const { group, founder } = await groupWithMembers();
  const page = await server.request(`/groups/${group.id}/settings`, { headers: { Cookie: await cookie(founder) } });
  expect(page.status).toBe(200);
  expect(await page.text()).toContain(`value="${group.name}"`);

  const res = await postForm(
    server,
    `/groups/${group.id}/settings`,
    settingsOf(group, { field: "Reliability engineering", joinPolicy: "open", joinDecision: "vote", voteQuorum: "2", voteWindow: "2", voteWindowUnit: "days", sizeCap: "8" }),
    await cookie(founder),
  );
  expect(res.status).toBe(302);
  expect(await rowOf(group.id)).toMatchObject({ field: "Reliability engineering", joinPolicy: "open", joinDecision: "vote", voteQuorum: 2, voteWindowHours: 48, sizeCap: 8 });
  const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, group.id), eq(auditEvents.action, "group.settings_changed")));
  expect(audit).toMatchObject({ actorId: founder.id, targetType: "group", ownerOrgId: group.orgId });
  expect(audit!.details).toMatchObject({ changes: { field: { from: "Asset maintenance", to: "Reliability engineering" }, sizeCap: { from: 10, to: 8 }, joinPolicy: { from: "request", to: "open" } } });
});

test("a cap below the current membership is refused and nothing changes", async () => {
  const { group, founder } = await groupWithMembers(3);
  const res = await postForm(server, `/groups/${group.id}/settings`, settingsOf(group, { sizeCap: "3", field: "Something else" }), await cookie(founder));
  expect(res.status).toBe(400);
  const html = await res.text();
  expect(mainText(html)).toContain("The group has 4 members; the cap cannot be lower.");
  expect(html).toContain('value="Something else"');
  expect(await rowOf(group.id)).toMatchObject({ sizeCap: 10, field: "Asset maintenance" });
  expect(await t.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, group.id), eq(auditEvents.action, "group.settings_changed")))).toHaveLength(0);
});

test("renaming to another peer group's name, in any letter case, is refused with 409", async () => {
  const { group, founder, colleague } = await groupWithMembers(1);
  const other = await found(t.db, colleague);
  const res = await postForm(server, `/groups/${group.id}/settings`, settingsOf(group, { name: other.name.toLowerCase() }), await cookie(founder));
  expect(res.status).toBe(409);
  expect(mainText(await res.text())).toContain(`A group called “${other.name.toLowerCase()}” already exists`);
  expect((await rowOf(group.id)).name).toBe(group.name);
  // Its own name in another letter case is fine.
  expect((await postForm(server, `/groups/${group.id}/settings`, settingsOf(group, { name: group.name.toUpperCase() }), await cookie(founder))).status).toBe(302);
});

test("the group cannot be opened to other organisations while its organisation forbids it", async () => {
  const { group, founder, orgA } = await groupWithMembers(1);
  const res = await postForm(server, `/groups/${group.id}/settings`, settingsOf(group, { crossOrg: "on" }), await cookie(founder));
  expect(res.status).toBe(400);
  expect(mainText(await res.text())).toContain("does not allow connections with other organisations");
  expect((await rowOf(group.id)).crossOrg).toBe(false);

  await setOrg(t.db, orgA.id, { crossOrgConnections: true });
  expect((await postForm(server, `/groups/${group.id}/settings`, settingsOf(group, { crossOrg: "on" }), await cookie(founder))).status).toBe(302);
  expect((await rowOf(group.id)).crossOrg).toBe(true);
});

test("a group with members from another organisation stays open to other organisations", async () => {
  const s = await foundingSetting(t.db, { orgA: { crossOrgConnections: true }, orgB: { crossOrgConnections: true } });
  const group = await createPeerGroup(t.db, { orgId: s.orgA.id, convenerIds: [s.founder.id], memberIds: [s.outsider.id], crossOrg: true, sizeCap: 10 });
  const fields = settingsOf(group);
  delete (fields as Record<string, string>).crossOrg;
  const res = await postForm(server, `/groups/${group.id}/settings`, fields, await cookie(s.founder));
  expect(res.status).toBe(400);
  expect(mainText(await res.text())).toContain("1 member comes from other organisations");
  expect((await rowOf(group.id)).crossOrg).toBe(true);
});

test("a member who is not a convener is refused (403), and a non-member does not find the page (404)", async () => {
  const { group, members, colleague, outsider, moderator } = await groupWithMembers(1);
  const member = members[0]!;
  const fields = settingsOf(group, { sizeCap: "50", field: "Taken over" });
  expect((await server.request(`/groups/${group.id}/settings`, { headers: { Cookie: await cookie(member) } })).status).toBe(403);
  expect((await postForm(server, `/groups/${group.id}/settings`, fields, await cookie(member))).status).toBe(403);
  for (const p of [colleague, outsider, moderator]) {
    expect((await server.request(`/groups/${group.id}/settings`, { headers: { Cookie: await cookie(p) } })).status).toBe(404);
    expect((await postForm(server, `/groups/${group.id}/settings`, fields, await cookie(p))).status).toBe(404);
  }
  expect(await rowOf(group.id)).toMatchObject({ sizeCap: 10, field: "Asset maintenance" });
  expect((await server.request("/groups/not-a-uuid/settings", { headers: { Cookie: await cookie(member) } })).status).toBe(404);
});

test("two conveners renaming their groups to the same name at once: one keeps it, the other is told it is taken", async () => {
  const first = await groupWithMembers(1);
  const second = await groupWithMembers(1);
  const name = `Shared name ${first.group.id.slice(0, 8)}`;
  const results = await Promise.allSettled([
    changeGroupSettings(t.db, first.founder, first.group.id, { ...inputOf(first.group), name }),
    changeGroupSettings(t.db, second.founder, second.group.id, { ...inputOf(second.group), name }),
  ]);
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  const refused = (results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason as InputError;
  expect(refused).toBeInstanceOf(InputError);
  expect(refused.status).toBe(409);
  expect(await t.db.select().from(groups).where(eq(groups.name, name))).toHaveLength(1);
});

const inputOf = (g: typeof groups.$inferSelect): GroupSettingsInput => ({
  name: g.name,
  field: g.field,
  charter: g.charter,
  joinPolicy: g.joinPolicy,
  joinDecision: g.joinDecision,
  voteQuorum: g.voteQuorum,
  voteWindowHours: g.voteWindowHours,
  crossOrg: g.crossOrg,
  sizeCap: g.sizeCap ?? 12,
});
