// The group directory: peer groups of one's own organisation, and of
// another when the group welcomes other organisations and both
// organisations allow it; never programme groups. Searchable by field and
// name, filtered by join policy, with my groups on top.
import { eq } from "drizzle-orm";
import { groupBans } from "../../../db/schema";
import { createGroup, createPeerGroup, sessionCookieFor, uniqueWord } from "../../support/factories";
import { mainText } from "../../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../../support/test-database";
import { startTestServer, type TestServer } from "../../support/test-server";
import { expressInterest } from "../../../app/domain/groups/express-interest.server";
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
const directory = async (p: Person, query = "") => {
  const res = await server.request(`/groups${query}`, { headers: { Cookie: await cookie(p) } });
  expect(res.status).toBe(200);
  return res.text();
};
const linked = (html: string, id: string) => html.includes(`href="/groups/${id}"`);

test("alumni see their organisation's peer groups with the join policy, organisation, openness and size", async () => {
  const s = await foundingSetting(t.db);
  const group = await createPeerGroup(t.db, { orgId: s.orgA.id, convenerIds: [s.founder.id], memberIds: [s.colleague.id], joinPolicy: "open", sizeCap: 8, name: `Pumps ${uniqueWord()}` });
  const html = await directory(s.participant);
  expect(linked(html, group.id)).toBe(true);
  const text = mainText(html);
  expect(text).toContain(group.name);
  expect(text).toContain("Asset maintenance");
  expect(text).toContain(s.orgA.name);
  expect(text).toContain("Open: anyone may join");
  expect(text).toContain(`Only for people of ${s.orgA.name}`);
  expect(text).toContain("2 of 8 members");
});

test("another organisation's group shows only when it welcomes other organisations and both organisations allow it", async () => {
  const s = await foundingSetting(t.db, { orgA: { crossOrgConnections: true }, orgB: { crossOrgConnections: true } });
  const bConvener = await person(t.db, s.orgB.id, ["alumnus"]);
  const welcoming = await createPeerGroup(t.db, { orgId: s.orgB.id, convenerIds: [bConvener.id], crossOrg: true, joinPolicy: "request", name: `Welcoming ${uniqueWord()}` });
  const closed = await createPeerGroup(t.db, { orgId: s.orgB.id, convenerIds: [bConvener.id], crossOrg: false, name: `Closed ${uniqueWord()}` });

  const html = await directory(s.colleague);
  expect(linked(html, welcoming.id)).toBe(true);
  expect(mainText(html)).toContain("People from other organisations are welcome");
  expect(mainText(html)).toContain("By request: members decide");
  expect(linked(html, closed.id)).toBe(false);

  // Either organisation closing its borders hides it.
  await setOrg(t.db, s.orgA.id, { crossOrgConnections: false });
  expect(linked(await directory(s.colleague), welcoming.id)).toBe(false);
  await setOrg(t.db, s.orgA.id, { crossOrgConnections: true });
  await setOrg(t.db, s.orgB.id, { crossOrgConnections: false });
  expect(linked(await directory(s.colleague), welcoming.id)).toBe(false);
});

test("programme groups are not listed, and a banned person no longer finds the group", async () => {
  const s = await foundingSetting(t.db);
  const programme = await createGroup(t.db, { orgId: s.orgA.id, name: `Cohort ${uniqueWord()}`, memberIds: [s.founder.id] });
  const peer = await createPeerGroup(t.db, { orgId: s.orgA.id, convenerIds: [s.founder.id] });
  await t.db.insert(groupBans).values({ groupId: peer.id, userId: s.colleague.id, bannedBy: s.founder.id });
  const html = await directory(s.colleague);
  expect(mainText(html)).not.toContain(programme.name);
  expect(linked(html, peer.id)).toBe(false);
  expect(linked(await directory(s.participant), peer.id)).toBe(true);
  await t.db.delete(groupBans).where(eq(groupBans.groupId, peer.id));
});

test("the search finds groups by field or name in any letter case, and the filter by join policy", async () => {
  const s = await foundingSetting(t.db);
  const word = uniqueWord();
  const byField = await createPeerGroup(t.db, { orgId: s.orgA.id, convenerIds: [s.founder.id], field: `Turbine ${word} inspection`, joinPolicy: "invite" });
  const byName = await createPeerGroup(t.db, { orgId: s.orgA.id, convenerIds: [s.founder.id], name: `The ${word} circle`, joinPolicy: "open" });
  const unrelated = await createPeerGroup(t.db, { orgId: s.orgA.id, convenerIds: [s.founder.id], field: "Procurement" });

  const results = await directory(s.colleague, `?q=${word.toUpperCase()}`);
  expect(linked(results, byField.id)).toBe(true);
  expect(linked(results, byName.id)).toBe(true);
  expect(linked(results, unrelated.id)).toBe(false);
  expect(mainText(results)).toContain("By invitation only");

  const inviteOnly = await directory(s.colleague, `?q=${word}&policy=invite`);
  expect(linked(inviteOnly, byField.id)).toBe(true);
  expect(linked(inviteOnly, byName.id)).toBe(false);

  // LIKE wildcards are searched for literally.
  expect(mainText(await directory(s.colleague, `?q=${encodeURIComponent("%_")}`))).toContain("No peer groups match your search.");
});

test("my groups come first with my role; programme groups are listed there too, and each of my groups links to its page and its meetings", async () => {
  const s = await foundingSetting(t.db);
  const cohort = await createGroup(t.db, { orgId: s.orgA.id, name: `Cohort ${uniqueWord()}`, memberIds: [s.colleague.id] });
  const peer = await createPeerGroup(t.db, { orgId: s.orgA.id, convenerIds: [s.founder.id], memberIds: [s.colleague.id], name: `Guild ${uniqueWord()}` });
  const html = await directory(s.colleague);
  const mine = html.slice(html.indexOf('id="my-groups-title"'), html.indexOf('id="find-groups-title"'));
  expect(mainText(`<main>${mine}</main>`)).toContain(`${peer.name} Member`);
  expect(mainText(`<main>${mine}</main>`)).toContain(`${cohort.name} Member`);
  for (const group of [peer, cohort]) {
    expect(mine).toContain(`href="/groups/${group.id}"`);
    expect(mine).toContain(`href="/groups/${group.id}/meetings"`);
  }
  expect(html).toContain('href="/groups/new"');
  expect(await directory(s.participant)).not.toContain('href="/groups/new"');
});

test("a group gathering interest shows how far it has come against its organisation's threshold", async () => {
  const s = await foundingSetting(t.db, { orgA: { groupFoundingMinPeople: 4, groupFoundingMinDepartments: 2 } });
  const group = await found(t.db, s.founder);
  await expressInterest(t.db, s.colleague, group.id);
  const html = await directory(s.colleague);
  expect(linked(html, group.id)).toBe(true);
  expect(mainText(html)).toContain("gathering interest: 2 of 4 people, 1 of 2 departments · including you");
});
