// Joining across organisations: only where the group welcomes other
// organisations and both organisations allow it; otherwise a clear message
// and nothing changes. A group private to its organisation stays a 404.
import { eq } from "drizzle-orm";
import { groups, organisations } from "../../../db/schema";
import { askToJoin } from "../../../app/domain/groups/membership/ask-to-join.server";
import { decideJoinRequest } from "../../../app/domain/groups/membership/decide-join-request.server";
import { inviteToGroup } from "../../../app/domain/groups/membership/invite-to-group.server";
import { joinGroup } from "../../../app/domain/groups/membership/join-group.server";
import { createTestDatabase, type TestDatabase } from "../../support/test-database";
import { memberCount, membershipSetting, refusal, requestsOf, roleIn } from "./membership-setting";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const forbid = (orgId: string) => t.db.update(organisations).set({ crossOrgConnections: false }).where(eq(organisations.id, orgId));

test("someone of another organisation asks to join a group that welcomes them, and the convener accepts", async () => {
  const { group, convener, outsider } = await membershipSetting(t.db, { group: { crossOrg: true } });
  await askToJoin(t.db, outsider, group.id, "We run the same compressors.");
  const [request] = await requestsOf(t.db, group.id, outsider.id);
  await decideJoinRequest(t.db, convener, group.id, request!.id, "accept");
  expect(await roleIn(t.db, group.id, outsider.id)).toBe("member");
});

test("a group that does not welcome other organisations: private to outsiders (404), and an invitation says why", async () => {
  const { group, orgA, convener, outsider } = await membershipSetting(t.db, { group: { joinPolicy: "open", crossOrg: false } });
  expect((await refusal(joinGroup(t.db, outsider, group.id))).status).toBe(404);
  expect(await refusal(inviteToGroup(t.db, convener, group.id, { email: outsider.email }))).toEqual({
    status: 400,
    message: `We found no alumnus of ${orgA.name} with that address. This group does not welcome other organisations.`,
  });
  expect(await memberCount(t.db, group.id)).toBe(3);
});

test("a group that stops welcoming other organisations: accepting a waiting request says why and changes nothing", async () => {
  const { group, convener, outsider } = await membershipSetting(t.db, { group: { crossOrg: true } });
  await askToJoin(t.db, outsider, group.id, "");
  const [request] = await requestsOf(t.db, group.id, outsider.id);
  await t.db.update(groups).set({ crossOrg: false }).where(eq(groups.id, group.id));
  expect(await refusal(decideJoinRequest(t.db, convener, group.id, request!.id, "accept"))).toEqual({
    status: 403,
    message: `${outsider.name} is from another organisation, and this group does not welcome other organisations.`,
  });
  expect(await roleIn(t.db, group.id, outsider.id)).toBeNull();
  expect((await requestsOf(t.db, group.id, outsider.id))[0]!.status).toBe("pending");
});

test("when the person's organisation forbids it, joining is refused with that reason and nothing changes", async () => {
  const { group, orgB, outsider } = await membershipSetting(t.db, { group: { joinPolicy: "open", crossOrg: true } });
  await forbid(orgB.id);
  expect(await refusal(joinGroup(t.db, outsider, group.id))).toEqual({ status: 403, message: "Your organisation does not allow joining groups of other organisations." });
  expect(await refusal(askToJoin(t.db, outsider, group.id, ""))).toEqual({ status: 403, message: "Your organisation does not allow joining groups of other organisations." });
  expect(await roleIn(t.db, group.id, outsider.id)).toBeNull();
  expect(await requestsOf(t.db, group.id, outsider.id)).toEqual([]);
});

test("when the group's organisation forbids it, joining is refused with that reason", async () => {
  const { group, orgA, outsider } = await membershipSetting(t.db, { group: { joinPolicy: "open", crossOrg: true } });
  await forbid(orgA.id);
  expect(await refusal(joinGroup(t.db, outsider, group.id))).toEqual({ status: 403, message: `${orgA.name} does not allow people from other organisations in its groups.` });
  expect(await roleIn(t.db, group.id, outsider.id)).toBeNull();
});

test("a request made while allowed, accepted after the person's organisation forbade it, is refused with the reason", async () => {
  const { group, orgB, convener, outsider } = await membershipSetting(t.db, { group: { crossOrg: true } });
  await askToJoin(t.db, outsider, group.id, "");
  const [request] = await requestsOf(t.db, group.id, outsider.id);
  await forbid(orgB.id);
  expect(await refusal(decideJoinRequest(t.db, convener, group.id, request!.id, "accept"))).toEqual({
    status: 403,
    message: `${outsider.name}'s organisation does not allow joining groups of other organisations.`,
  });
  expect(await roleIn(t.db, group.id, outsider.id)).toBeNull();
});

test("an invitation across organisations works where both allow it, and is refused with one answer where the person's organisation does not", async () => {
  const { group, orgB, convener, outsider } = await membershipSetting(t.db, { group: { crossOrg: true } });
  await inviteToGroup(t.db, convener, group.id, { email: outsider.email });
  expect((await requestsOf(t.db, group.id, outsider.id))[0]).toMatchObject({ kind: "invite", status: "pending" });

  const other = await membershipSetting(t.db, { group: { crossOrg: true } });
  await forbid(other.orgB.id);
  const unreachable = await refusal(inviteToGroup(t.db, other.convener, other.group.id, { email: other.outsider.email }));
  const unknown = await refusal(inviteToGroup(t.db, other.convener, other.group.id, { email: "nobody@example.test" }));
  // The same words for an address that exists elsewhere and one that does not.
  expect(unreachable).toEqual(unknown);
  expect(unreachable.message).toContain("only when their organisation allows it too");
  expect(orgB.id).not.toBe(other.orgB.id);
});
