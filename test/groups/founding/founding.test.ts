// Founding a peer group over HTTP: each join policy, the founder as
// convener, and the answers to bad input (a taken name, crossing a border
// the organisation keeps closed, missing or impossible numbers), each of
// which changes nothing and keeps what was typed.
import { and, eq, sql } from "drizzle-orm";
import { auditEvents, groupMembers, groups } from "../../../db/schema";
import { InputError } from "../../../app/domain/input-error";
import { sessionCookieFor, uniqueWord } from "../../support/factories";
import { mainText, postForm } from "../../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../../support/test-database";
import { startTestServer, type TestServer } from "../../support/test-server";
import { found, foundingSetting, groupInput, refusal, type Person } from "./founding-setting";

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

const form = (overrides: Record<string, string> = {}) => ({
  name: `Pump people ${uniqueWord()}`,
  field: "Rotating equipment maintenance",
  charter: "We compare how we look after pumps.\nWe meet on the first Tuesday of every month.",
  joinPolicy: "request",
  joinDecision: "conveners",
  voteQuorum: "",
  voteWindow: "3",
  voteWindowUnit: "days",
  sizeCap: "12",
  ...overrides,
});

const groupsNamed = (name: string) => t.db.select().from(groups).where(sql`lower(${groups.name}) = lower(${name})`);

for (const joinPolicy of ["open", "request", "invite"] as const) {
  test(`an alumna founds a group joined “${joinPolicy}”, lands on its page and is its convener`, async () => {
    const { founder } = await foundingSetting(t.db);
    const fields = form({ joinPolicy });
    const res = await postForm(server, "/groups/new", fields, await cookie(founder));
    expect(res.status).toBe(302);
    const location = res.headers.get("location")!;
    expect(location).toMatch(/^\/groups\/[0-9a-f-]{36}$/);
    const id = location.split("/").pop()!;
    const [group] = await t.db.select().from(groups).where(eq(groups.id, id));
    expect(group).toMatchObject({
      name: fields.name,
      kind: "peer",
      field: "Rotating equipment maintenance",
      charter: "We compare how we look after pumps.\nWe meet on the first Tuesday of every month.",
      joinPolicy,
      joinDecision: "conveners",
      voteQuorum: null,
      crossOrg: false,
      sizeCap: 12,
      status: "active",
      founderId: founder.id,
      orgId: founder.orgId,
    });
    expect(await t.db.select({ userId: groupMembers.userId, role: groupMembers.role }).from(groupMembers).where(eq(groupMembers.groupId, id))).toEqual([{ userId: founder.id, role: "convener" }]);
    const audit = await t.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, id), eq(auditEvents.action, "group.founded")));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: founder.id, targetType: "group", ownerOrgId: founder.orgId, targetLabel: fields.name });
  });
}

test("a group whose members vote keeps its quorum and its decision window in hours", async () => {
  const { founder } = await foundingSetting(t.db);
  const fields = form({ joinDecision: "vote", voteQuorum: "3", voteWindow: "2", voteWindowUnit: "days" });
  const res = await postForm(server, "/groups/new", fields, await cookie(founder));
  expect(res.status).toBe(302);
  const [group] = await groupsNamed(fields.name);
  expect(group).toMatchObject({ joinDecision: "vote", voteQuorum: 3, voteWindowHours: 48 });
});

test("a name already taken, in any letter case, is refused with 409, nothing is created and the input is kept", async () => {
  const { founder, colleague } = await foundingSetting(t.db);
  const taken = await found(t.db, colleague);
  const charter = `Our own charter ${uniqueWord()}`;
  const res = await postForm(server, "/groups/new", form({ name: taken.name.toUpperCase(), charter }), await cookie(founder));
  expect(res.status).toBe(409);
  const page = mainText(await res.text());
  expect(page).toContain(`A group called “${taken.name.toUpperCase()}” already exists`);
  const html = await (await postForm(server, "/groups/new", form({ name: taken.name, charter }), await cookie(founder))).text();
  expect(html).toContain(charter);
  expect(html).toContain(`value="${taken.name}"`);
  expect(await groupsNamed(taken.name)).toHaveLength(1);
  expect(await t.db.select().from(groups).where(eq(groups.founderId, founder.id))).toHaveLength(0);
});

test("two founders racing for one name: exactly one group is created, the other is told the name is taken", async () => {
  const { founder, colleague } = await foundingSetting(t.db);
  const name = `Race ${uniqueWord()}`;
  const results = await Promise.allSettled([found(t.db, founder, { name }), found(t.db, colleague, { name: name.toLowerCase() })]);
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
  expect(rejected.reason).toBeInstanceOf(InputError);
  expect((rejected.reason as InputError).status).toBe(409);
  expect(await groupsNamed(name)).toHaveLength(1);
});

test("opening a group to other organisations is refused when the founder's organisation forbids it", async () => {
  const { founder } = await foundingSetting(t.db, { orgA: { crossOrgConnections: false } });
  const fields = form({ crossOrg: "on" });
  const res = await postForm(server, "/groups/new", fields, await cookie(founder));
  expect(res.status).toBe(400);
  const html = await res.text();
  expect(mainText(html)).toContain("does not allow connections with other organisations");
  expect(html).toContain(`value="${fields.name}"`);
  expect(await groupsNamed(fields.name)).toHaveLength(0);
});

test("an organisation that allows connections lets the founder welcome other organisations", async () => {
  const { founder } = await foundingSetting(t.db, { orgA: { crossOrgConnections: true } });
  const fields = form({ crossOrg: "on" });
  expect((await postForm(server, "/groups/new", fields, await cookie(founder))).status).toBe(302);
  const [group] = await groupsNamed(fields.name);
  expect(group!.crossOrg).toBe(true);
});

test("missing fields and impossible numbers are answered with 400 and a message next to each field", async () => {
  const { founder } = await foundingSetting(t.db);
  const res = await postForm(server, "/groups/new", form({ name: "  ", field: "", charter: "", sizeCap: "1" }), await cookie(founder));
  expect(res.status).toBe(400);
  const page = mainText(await res.text());
  expect(page).toContain("Give the group a name.");
  expect(page).toContain("Say which field or speciality the group is about.");
  expect(page).toContain("Write the charter: what the group is for and how often it meets.");
  expect(page).toContain("Enter a size cap from 2 to 500 people.");

  for (const [fields, message] of [
    [{ sizeCap: "" }, "Enter a size cap from 2 to 500 people."],
    [{ sizeCap: "501" }, "Enter a size cap from 2 to 500 people."],
    [{ sizeCap: "twelve" }, "Enter a size cap from 2 to 500 people."],
    [{ joinPolicy: "everyone" }, "Choose how people join the group."],
    [{ joinDecision: "vote", voteQuorum: "" }, "When members vote, say how many votes are needed (at least 1)."],
    [{ joinDecision: "vote", voteQuorum: "13", sizeCap: "12" }, "The number of votes needed cannot be larger than the size cap (12)."],
    [{ joinDecision: "vote", voteQuorum: "2", voteWindow: "31", voteWindowUnit: "days" }, "Give the members from 1 hour to 30 days to vote."],
  ] as const) {
    const bad = form(fields);
    const answer = await postForm(server, "/groups/new", bad, await cookie(founder));
    expect(answer.status, JSON.stringify(fields)).toBe(400);
    expect(mainText(await answer.text())).toContain(message);
    expect(await groupsNamed(bad.name)).toHaveLength(0);
  }
});

test("only alumni may found a group: others read why, and their posts are refused", async () => {
  const { participant } = await foundingSetting(t.db);
  const page = await server.request("/groups/new", { headers: { Cookie: await cookie(participant) } });
  expect(page.status).toBe(200);
  expect(mainText(await page.text())).toContain("Alumni can found peer groups.");
  const fields = form();
  expect((await postForm(server, "/groups/new", fields, await cookie(participant))).status).toBe(403);
  expect(await groupsNamed(fields.name)).toHaveLength(0);
});

test("the form tells the founder what their organisation asks before a group starts", async () => {
  const { founder } = await foundingSetting(t.db, { orgA: { groupFoundingMinPeople: 4, groupFoundingMinDepartments: 2, groupsNeedApproval: true } });
  const page = mainText(await (await server.request("/groups/new", { headers: { Cookie: await cookie(founder) } })).text());
  expect(page).toContain("gathers interest until it has 4 interested people (you included) and people from at least 2 departments");
  expect(page).toContain("A moderator of your organisation then approves it");
});

test("a founder who is not an alumnus is refused by the use-case too", async () => {
  const { participant } = await foundingSetting(t.db);
  const error = await refusal(found(t.db, participant, groupInput()));
  expect((error as Response).status).toBe(403);
});
