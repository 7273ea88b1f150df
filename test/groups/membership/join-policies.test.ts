// Every join policy: an open group is joined at once, a request waits for
// the conveners' decision, an invite-only group admits only those invited.
import { eq } from "drizzle-orm";
import { groupJoinRequests } from "../../../db/schema";
import { answerInvitation } from "../../../app/domain/groups/membership/answer-invitation.server";
import { askToJoin, withdrawJoinRequest } from "../../../app/domain/groups/membership/ask-to-join.server";
import { decideJoinRequest } from "../../../app/domain/groups/membership/decide-join-request.server";
import { inviteToGroup } from "../../../app/domain/groups/membership/invite-to-group.server";
import { joinGroup } from "../../../app/domain/groups/membership/join-group.server";
import { createTestDatabase, type TestDatabase } from "../../support/test-database";
import { auditActions, memberCount, membershipSetting, noticesFor, refusal, requestsOf, roleIn } from "./membership-setting";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

test("an open group is joined at once; the conveners hear of it and it is audited", async () => {
  const { group, convener, alumna } = await membershipSetting(t.db, { group: { joinPolicy: "open" } });
  await joinGroup(t.db, alumna, group.id);
  expect(await roleIn(t.db, group.id, alumna.id)).toBe("member");
  expect(await noticesFor(t.db, convener.id)).toEqual([expect.objectContaining({ kind: "group", title: `${alumna.name} joined ${group.name}` })]);
  expect(await auditActions(t.db, group.id)).toEqual(["group.member_added"]);
  // Joining again is a clear conflict, not a second row.
  expect(await refusal(joinGroup(t.db, alumna, group.id))).toEqual({ status: 409, message: "You are already a member of this group." });
});

test("a request-policy group is asked, not joined; the request waits for the conveners", async () => {
  const { group, convener, members, alumna } = await membershipSetting(t.db, { group: { joinPolicy: "request" } });
  expect(await refusal(joinGroup(t.db, alumna, group.id))).toEqual({ status: 409, message: "This group decides on each request. Ask to join instead." });
  await askToJoin(t.db, alumna, group.id, "I run the pump workshop.");
  expect(await roleIn(t.db, group.id, alumna.id)).toBeNull();
  const [request] = await requestsOf(t.db, group.id, alumna.id);
  expect(request).toMatchObject({ kind: "request", status: "pending", message: "I run the pump workshop.", closesAt: null });
  // The conveners decide, so only they are told.
  expect((await noticesFor(t.db, convener.id)).map((n) => n.title)).toEqual([`${alumna.name} asks to join ${group.name}`]);
  expect(await noticesFor(t.db, members[0]!.id)).toEqual([]);
});

test("asking twice is refused with a clear message and changes nothing, even when both arrive together", async () => {
  const { group, alumna, alumnus } = await membershipSetting(t.db);
  await askToJoin(t.db, alumna, group.id, "");
  expect(await refusal(askToJoin(t.db, alumna, group.id, "Again"))).toEqual({ status: 409, message: "You have already asked to join; the group has not decided yet." });
  expect(await requestsOf(t.db, group.id, alumna.id)).toHaveLength(1);

  const both = await Promise.allSettled([askToJoin(t.db, alumnus, group.id, "one"), askToJoin(t.db, alumnus, group.id, "two")]);
  expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  expect(await requestsOf(t.db, group.id, alumnus.id)).toHaveLength(1);
});

test("a convener accepts a request: the person becomes a member and is told", async () => {
  const { group, convener, alumna } = await membershipSetting(t.db);
  await askToJoin(t.db, alumna, group.id, "");
  const [request] = await requestsOf(t.db, group.id, alumna.id);
  await decideJoinRequest(t.db, convener, group.id, request!.id, "accept");
  expect(await roleIn(t.db, group.id, alumna.id)).toBe("member");
  expect((await requestsOf(t.db, group.id, alumna.id))[0]).toMatchObject({ status: "accepted", decidedBy: convener.id });
  expect(await noticesFor(t.db, alumna.id)).toEqual([{ kind: "group", title: `You are now a member of ${group.name}`, body: "", link: `/groups/${group.id}` }]);
  expect(await auditActions(t.db, group.id)).toEqual(["group.join_requested", "group.member_added", "group.join_request_accepted"]);
  // Deciding the same request again is a conflict.
  expect((await refusal(decideJoinRequest(t.db, convener, group.id, request!.id, "decline"))).status).toBe(409);
});

test("a convener declines a request: no membership, the person is told, and may ask again later", async () => {
  const { group, convener, alumna } = await membershipSetting(t.db);
  await askToJoin(t.db, alumna, group.id, "");
  const [request] = await requestsOf(t.db, group.id, alumna.id);
  await decideJoinRequest(t.db, convener, group.id, request!.id, "decline");
  expect(await roleIn(t.db, group.id, alumna.id)).toBeNull();
  expect((await noticesFor(t.db, alumna.id)).map((n) => n.title)).toEqual([`Your request to join ${group.name} was declined`]);
  await askToJoin(t.db, alumna, group.id, "A second try");
  expect((await requestsOf(t.db, group.id, alumna.id)).map((r) => r.status).sort()).toEqual(["declined", "pending"]);
});

test("only conveners decide on requests; a member is refused and a non-member gets a 404", async () => {
  const { group, members, alumna, alumnus } = await membershipSetting(t.db);
  await askToJoin(t.db, alumna, group.id, "");
  const [request] = await requestsOf(t.db, group.id, alumna.id);
  expect(await refusal(decideJoinRequest(t.db, members[0]!, group.id, request!.id, "accept"))).toEqual({ status: 403, message: "Only the group's conveners decide on requests to join." });
  expect((await refusal(decideJoinRequest(t.db, alumnus, group.id, request!.id, "accept"))).status).toBe(404);
  expect(await roleIn(t.db, group.id, alumna.id)).toBeNull();
});

test("a request can be withdrawn", async () => {
  const { group, alumna } = await membershipSetting(t.db);
  await askToJoin(t.db, alumna, group.id, "");
  await withdrawJoinRequest(t.db, alumna, group.id);
  expect((await requestsOf(t.db, group.id, alumna.id))[0]!.status).toBe("withdrawn");
  expect((await refusal(withdrawJoinRequest(t.db, alumna, group.id))).status).toBe(409);
});

test("an invite-only group refuses joining and asking, and admits the people it invites", async () => {
  const { group, members, alumna } = await membershipSetting(t.db, { group: { joinPolicy: "invite" } });
  const byInvitationOnly = { status: 403, message: "This group admits people by invitation only. A member can invite you." };
  expect(await refusal(joinGroup(t.db, alumna, group.id))).toEqual(byInvitationOnly);
  expect(await refusal(askToJoin(t.db, alumna, group.id, "Please"))).toEqual(byInvitationOnly);
  expect(await requestsOf(t.db, group.id, alumna.id)).toEqual([]);

  await inviteToGroup(t.db, members[0]!, group.id, { email: alumna.email });
  await answerInvitation(t.db, alumna, group.id, true);
  expect(await roleIn(t.db, group.id, alumna.id)).toBe("member");
});

test("an open group cannot be asked: it says to join", async () => {
  const { group, alumna } = await membershipSetting(t.db, { group: { joinPolicy: "open" } });
  expect(await refusal(askToJoin(t.db, alumna, group.id, ""))).toEqual({ status: 409, message: "This group is open: you can join it straight away." });
});

test("peer groups are for alumni, and a group gathering interest is not joined yet", async () => {
  const { group, participant } = await membershipSetting(t.db, { group: { joinPolicy: "open" } });
  expect(await refusal(joinGroup(t.db, participant, group.id))).toEqual({ status: 403, message: "Peer groups are for alumni of the programme." });
  const gathering = await membershipSetting(t.db, { group: { joinPolicy: "open", status: "gathering" } });
  expect((await refusal(joinGroup(t.db, gathering.alumna, gathering.group.id))).message).toContain("still gathering interest");
  expect(await memberCount(t.db, gathering.group.id)).toBe(3);
});

test("with a member vote, a request gets its closing time from the window and all members are told", async () => {
  const now = new Date("2030-01-01T12:00:00Z");
  const { group, members, convener, alumna } = await membershipSetting(t.db, { group: { joinDecision: "vote", voteWindowHours: 48 } });
  await askToJoin(t.db, alumna, group.id, "", now);
  const [request] = await t.db.select().from(groupJoinRequests).where(eq(groupJoinRequests.userId, alumna.id));
  expect(request!.closesAt).toEqual(new Date("2030-01-03T12:00:00Z"));
  for (const m of [convener, ...members]) expect((await noticesFor(t.db, m.id)).map((n) => n.body)).toEqual(["The members vote on it: give your vote."]);
});
