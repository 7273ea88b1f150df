// The size cap holds under concurrent joins: exactly the cap, never more.
// On PostgreSQL the joins really run at once; on PGlite they take turns.
import { joinGroup } from "../../../app/domain/groups/membership/join-group.server";
import { askToJoin } from "../../../app/domain/groups/membership/ask-to-join.server";
import { decideJoinRequest } from "../../../app/domain/groups/membership/decide-join-request.server";
import { createOrg, createPeerGroup, createUser } from "../../support/factories";
import { createTestDatabase, type TestDatabase } from "../../support/test-database";
import { auditActions, memberCount, membershipSetting, refusal, requestsOf, roleIn } from "./membership-setting";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

test("12 alumni joining an open group with a cap of 5 at the same moment: exactly 5 get in", async () => {
  const org = await createOrg(t.db);
  const convener = await createUser(t.db, { orgId: org.id, roles: ["alumnus"] });
  const group = await createPeerGroup(t.db, { orgId: org.id, convenerIds: [convener.id], joinPolicy: "open", sizeCap: 5 });
  const joiners = await Promise.all(Array.from({ length: 12 }, () => createUser(t.db, { orgId: org.id, roles: ["alumnus"] })));
  const results = await Promise.allSettled(joiners.map((j) => joinGroup(t.db, j, group.id)));
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(4);
  const refused = await Promise.all(results.filter((r) => r.status === "rejected").map((r) => refusal(Promise.reject((r as PromiseRejectedResult).reason))));
  expect(refused).toHaveLength(8);
  expect(new Set(refused.map((r) => `${r.status} ${r.message}`))).toEqual(new Set(["409 This group is full (5 of 5)."]));
  expect(await memberCount(t.db, group.id)).toBe(5);
  expect((await auditActions(t.db, group.id)).filter((a) => a === "group.member_added")).toHaveLength(4);
});

test("joining a full group is refused with the count and changes nothing", async () => {
  const { group, alumna } = await membershipSetting(t.db, { group: { joinPolicy: "open", sizeCap: 3 } });
  expect(await refusal(joinGroup(t.db, alumna, group.id))).toEqual({ status: 409, message: "This group is full (3 of 3)." });
  expect(await memberCount(t.db, group.id)).toBe(3);
  expect(await roleIn(t.db, group.id, alumna.id)).toBeNull();
  expect(await auditActions(t.db, group.id)).toEqual([]);
});

test("asking a full group is refused; a request accepted after the group filled up is refused and stays waiting", async () => {
  const { group, convener, alumna, alumnus } = await membershipSetting(t.db, { group: { sizeCap: 4 } });
  await askToJoin(t.db, alumna, group.id, "");
  await askToJoin(t.db, alumnus, group.id, "");
  const [first] = await requestsOf(t.db, group.id, alumna.id);
  const [second] = await requestsOf(t.db, group.id, alumnus.id);
  await decideJoinRequest(t.db, convener, group.id, first!.id, "accept");
  expect(await refusal(decideJoinRequest(t.db, convener, group.id, second!.id, "accept"))).toEqual({ status: 409, message: "This group is full (4 of 4)." });
  expect((await requestsOf(t.db, group.id, alumnus.id))[0]!.status).toBe("pending");
  expect(await memberCount(t.db, group.id)).toBe(4);
});

test("several requests accepted at the same moment still stop at the cap", async () => {
  const { group, convener, orgA } = await membershipSetting(t.db, { group: { sizeCap: 6 } });
  const askers = await Promise.all(Array.from({ length: 4 }, () => createUser(t.db, { orgId: orgA.id, roles: ["alumnus"] })));
  for (const a of askers) await askToJoin(t.db, a, group.id, "");
  const requests = (await Promise.all(askers.map((a) => requestsOf(t.db, group.id, a.id)))).map((r) => r[0]!);
  const results = await Promise.allSettled(requests.map((r) => decideJoinRequest(t.db, convener, group.id, r.id, "accept")));
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
  expect(await memberCount(t.db, group.id)).toBe(6);
});
