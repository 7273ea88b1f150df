// Moderator approval: an organisation that wants to approve new groups gets
// them in its moderators' queue once the threshold is met (or at once when
// there is none); approving starts the group with the people who gathered,
// declining removes it and tells them why. Nobody else may decide, or see
// the page.
import { and, eq } from "drizzle-orm";
import { auditEvents, groupMembers, groups, notifications, reviewItems } from "../../../db/schema";
import { expressInterest } from "../../../app/domain/groups/express-interest.server";
import { approveGroup } from "../../../app/domain/groups/approve-group.server";
import { ForbiddenError } from "../../../app/domain/http-errors";
import { InputError } from "../../../app/domain/input-error";
import { sessionCookieFor } from "../../support/factories";
import { mainText, postForm } from "../../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../../support/test-database";
import { startTestServer, type TestServer } from "../../support/test-server";
import { found, foundingSetting, person, refusal, type Person } from "./founding-setting";
import { messageIn } from "../../../app/domain/i18n/translators";
import { nestedMessageIn } from "../../../app/domain/i18n/translators";

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
const get = async (path: string, p: Person) => server.request(path, { headers: { Cookie: await cookie(p) } });
const statusOf = async (id: string) => (await t.db.select({ status: groups.status }).from(groups).where(eq(groups.id, id)))[0]?.status;

/** A group in an organisation that asks for 2 interested people and a moderator's approval, with the threshold met. */
async function waitingGroup() {
  const s = await foundingSetting(t.db, { orgA: { groupFoundingMinPeople: 2, groupsNeedApproval: true } });
  const group = await found(t.db, s.founder);
  expect(group.status).toBe("gathering");
  expect(await expressInterest(t.db, s.colleague, group.id)).toEqual({ status: "awaiting_approval" });
  return { ...s, group };
}

test("a group that met the threshold waits in its organisation's moderators' queue, linked to the approval page", async () => {
  const { group, moderator, outsideModerator, founder } = await waitingGroup();
  const [item] = await t.db.select().from(reviewItems).where(eq(reviewItems.groupId, group.id));
  expect(item).toMatchObject({ kind: "group", ownerOrgId: founder.orgId, closedAt: null });
  expect(nestedMessageIn("en", item!.title)).toBe(`Peer group: ${group.name}`);

  const queue = await (await get("/review", moderator)).text();
  expect(queue).toContain(`href="/review/groups/${group.id}"`);
  expect(mainText(queue)).toContain(`Peer group: ${group.name}`);
  expect(await (await get("/review", outsideModerator)).text()).not.toContain(group.name);

  const told = await t.db.select().from(notifications).where(eq(notifications.userId, moderator.id));
  expect(told.map((n) => n.link)).toContain(`/review/groups/${group.id}`);

  const page = await get(`/review/groups/${group.id}`, moderator);
  expect(page.status).toBe(200);
  const text = mainText(await page.text());
  expect(text).toContain(group.name);
  expect(text).toContain(group.charter);
  expect(text).toContain("Waiting for a moderator's approval");
});

test("without a threshold, a group of an organisation that approves groups waits for approval from its founding", async () => {
  const s = await foundingSetting(t.db, { orgA: { groupsNeedApproval: true } });
  const group = await found(t.db, s.founder);
  expect(group.status).toBe("awaiting_approval");
  expect(await t.db.select().from(reviewItems).where(eq(reviewItems.groupId, group.id))).toHaveLength(1);
});

test("approving starts the group with the people who gathered, closes the queue item and is audited", async () => {
  const { group, moderator, founder, colleague } = await waitingGroup();
  const res = await postForm(server, `/review/groups/${group.id}`, { intent: "approve" }, await cookie(moderator));
  expect(res.status).toBe(302);
  expect(await statusOf(group.id)).toBe("active");
  const members = await t.db.select({ userId: groupMembers.userId, role: groupMembers.role }).from(groupMembers).where(eq(groupMembers.groupId, group.id));
  expect(members.sort((a, b) => a.role.localeCompare(b.role))).toEqual([
    { userId: founder.id, role: "convener" },
    { userId: colleague.id, role: "member" },
  ]);
  const [item] = await t.db.select().from(reviewItems).where(eq(reviewItems.groupId, group.id));
  expect(item!.closedAt).not.toBeNull();
  const [row] = await t.db.select().from(groups).where(eq(groups.id, group.id));
  expect(row!.approvedBy).toBe(moderator.id);
  expect(await t.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, group.id), eq(auditEvents.action, "group.approved"), eq(auditEvents.actorId, moderator.id)))).toHaveLength(1);
  const told = await t.db.select().from(notifications).where(eq(notifications.userId, colleague.id));
  expect(told.map((n) => n.title)).toContain(`“${group.name}” is now active`);

  // Deciding twice is answered, not repeated.
  const again = await postForm(server, `/review/groups/${group.id}`, { intent: "approve" }, await cookie(moderator));
  expect(again.status).toBe(409);
  expect(mainText(await again.text())).toContain("someone has already decided");
});

test("declining needs a reason; with one the group is removed and its founder and the interested people are told why", async () => {
  const { group, moderator, founder, colleague } = await waitingGroup();
  const withoutReason = await postForm(server, `/review/groups/${group.id}`, { intent: "decline", reason: "  " }, await cookie(moderator));
  expect(withoutReason.status).toBe(400);
  expect(mainText(await withoutReason.text())).toContain("Say why the group is declined");
  expect(await statusOf(group.id)).toBe("awaiting_approval");

  const reason = "We already run a maintenance guild; please join that one.";
  const res = await postForm(server, `/review/groups/${group.id}`, { intent: "decline", reason }, await cookie(moderator));
  expect(res.status).toBe(302);
  expect(await statusOf(group.id)).toBeUndefined();
  expect(await t.db.select().from(reviewItems).where(eq(reviewItems.groupId, group.id))).toHaveLength(0);
  for (const p of [founder, colleague]) {
    const told = await t.db.select().from(notifications).where(and(eq(notifications.userId, p.id), eq(notifications.title, `“${group.name}” was not approved`)));
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toBe(reason);
  }
  const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, group.id), eq(auditEvents.action, "group.declined")));
  expect(audit).toMatchObject({ actorId: moderator.id, reason, ownerOrgId: founder.orgId, targetLabel: group.name });
  expect((await get(`/review/groups/${group.id}`, moderator)).status).toBe(404);
});

test("a moderator of another organisation, and anyone who is not a moderator, gets a 404 and decides nothing", async () => {
  const { group, outsideModerator, founder, colleague, participant } = await waitingGroup();
  for (const p of [outsideModerator, founder, colleague, participant]) {
    expect((await get(`/review/groups/${group.id}`, p)).status).toBe(404);
    expect((await postForm(server, `/review/groups/${group.id}`, { intent: "approve" }, await cookie(p))).status).toBe(404);
    expect((await postForm(server, `/review/groups/${group.id}`, { intent: "decline", reason: "No." }, await cookie(p))).status).toBe(404);
  }
  expect(await statusOf(group.id)).toBe("awaiting_approval");
  expect((await get("/review/groups/not-a-uuid", outsideModerator)).status).toBe(404);
});

test("a moderator who founded the group cannot approve it themselves", async () => {
  const s = await foundingSetting(t.db, { orgA: { groupsNeedApproval: true } });
  const founderModerator = await person(t.db, s.orgA.id, ["alumnus", "moderator"]);
  const group = await found(t.db, founderModerator);
  const error = (await refusal(approveGroup(t.db, founderModerator, group.id))) as ForbiddenError;
  expect(error).toBeInstanceOf(ForbiddenError);
  expect(error.status).toBe(403);
  expect(messageIn("en", await error.text())).toContain("another moderator must approve it");
  // Through the page too: a 403, not a form error.
  expect((await postForm(server, `/review/groups/${group.id}`, { intent: "approve" }, await cookie(founderModerator))).status).toBe(403);
  expect(await statusOf(group.id)).toBe("awaiting_approval");
});
