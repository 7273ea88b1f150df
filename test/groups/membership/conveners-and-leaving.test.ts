// Conveners remove and ban members, make mentors and pass their role on;
// anyone can leave, but the last convener passes the role on first.
import { askToJoin } from "../../../app/domain/groups/membership/ask-to-join.server";
import { changeMemberRole, passOnConvenerRole } from "../../../app/domain/groups/membership/change-member-role.server";
import { joinGroup } from "../../../app/domain/groups/membership/join-group.server";
import { leaveGroup } from "../../../app/domain/groups/membership/leave-group.server";
import { removeMember } from "../../../app/domain/groups/membership/remove-member.server";
import { findVisibleGroup } from "../../../app/domain/groups/load-group.server";
import { inviteToGroup } from "../../../app/domain/groups/membership/invite-to-group.server";
import { createGroup } from "../../support/factories";
import { createTestDatabase, type TestDatabase } from "../../support/test-database";
import { addToGroup } from "./add-to-group";
import { auditActions, memberCount, membershipSetting, noticesFor, person, refusal, roleIn } from "./membership-setting";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

test("a convener removes a member, who is told and may come back", async () => {
  const { group, convener, members } = await membershipSetting(t.db, { group: { joinPolicy: "open" } });
  const [gone] = members;
  await removeMember(t.db, convener, group.id, gone!.id);
  expect(await roleIn(t.db, group.id, gone!.id)).toBeNull();
  expect((await noticesFor(t.db, gone!.id)).map((n) => n.title)).toEqual([`You were removed from ${group.name}`]);
  expect(await auditActions(t.db, group.id)).toEqual(["group.member_removed"]);
  await joinGroup(t.db, gone!, group.id);
  expect(await roleIn(t.db, group.id, gone!.id)).toBe("member");
});

test("a ban removes the member and keeps them from seeing, joining or asking again", async () => {
  const { group, convener, members } = await membershipSetting(t.db, { group: { joinPolicy: "open" } });
  const banned = members[0]!;
  await removeMember(t.db, convener, group.id, banned.id, { ban: true });
  expect(await roleIn(t.db, group.id, banned.id)).toBeNull();
  expect(await auditActions(t.db, group.id)).toEqual(["group.member_banned"]);
  expect((await refusal(joinGroup(t.db, banned, group.id))).status).toBe(404);
  expect((await refusal(askToJoin(t.db, banned, group.id, ""))).status).toBe(404);
  expect((await refusal(findVisibleGroup(t.db, banned, group.id))).status).toBe(404);
});

test("only conveners remove members, and a convener is not removed by another", async () => {
  const { group, convener, members, orgA } = await membershipSetting(t.db);
  expect(await refusal(removeMember(t.db, members[0]!, group.id, members[1]!.id))).toEqual({ status: 403, message: "Only the group's conveners remove or ban members." });
  const second = await person(t.db, orgA.id);
  await addToGroup(t.db, group.id, [second], "convener");
  expect((await refusal(removeMember(t.db, convener, group.id, second.id))).status).toBe(409);
  expect((await refusal(removeMember(t.db, convener, group.id, convener.id))).status).toBe(400);
  expect(await memberCount(t.db, group.id)).toBe(4);
});

test("a convener makes a member a mentor and back; the member is told", async () => {
  const { group, convener, members } = await membershipSetting(t.db);
  const mentor = members[0]!;
  await changeMemberRole(t.db, convener, group.id, mentor.id, "mentor");
  expect(await roleIn(t.db, group.id, mentor.id)).toBe("mentor");
  expect((await noticesFor(t.db, mentor.id)).map((n) => n.title)).toEqual([`You are now a mentor of ${group.name}`]);
  await changeMemberRole(t.db, convener, group.id, mentor.id, "member");
  expect(await roleIn(t.db, group.id, mentor.id)).toBe("member");
  expect(await auditActions(t.db, group.id)).toEqual(["group.role_changed", "group.role_changed"]);
  expect((await refusal(changeMemberRole(t.db, members[1]!, group.id, mentor.id, "mentor"))).status).toBe(403);
});

test("passing on the convener role makes the member the convener and the old convener a member", async () => {
  const { group, convener, members, alumna } = await membershipSetting(t.db);
  const next = members[1]!;
  expect((await refusal(passOnConvenerRole(t.db, convener, group.id, alumna.id))).message).toBe("That person is not a member of this group any more.");
  await passOnConvenerRole(t.db, convener, group.id, next.id);
  expect(await roleIn(t.db, group.id, next.id)).toBe("convener");
  expect(await roleIn(t.db, group.id, convener.id)).toBe("member");
  expect((await noticesFor(t.db, next.id)).map((n) => n.title)).toEqual([`You are now a convener of ${group.name}`]);
  expect(await auditActions(t.db, group.id)).toEqual(["group.convener_passed_on"]);
  // The old convener no longer runs the group.
  expect((await refusal(removeMember(t.db, convener, group.id, members[0]!.id))).status).toBe(403);
});

test("anyone can leave; the only convener of a group with others in it passes the role on first", async () => {
  const { group, convener, members } = await membershipSetting(t.db);
  await leaveGroup(t.db, members[0]!, group.id);
  expect(await roleIn(t.db, group.id, members[0]!.id)).toBeNull();
  expect((await noticesFor(t.db, convener.id)).map((n) => n.title)).toEqual([`${members[0]!.name} left ${group.name}`]);

  expect(await refusal(leaveGroup(t.db, convener, group.id))).toEqual({
    status: 409,
    message: "You are the group's only convener. Pass the convener role on to another member (on the Members page) before you leave.",
  });
  expect(await roleIn(t.db, group.id, convener.id)).toBe("convener");
  await passOnConvenerRole(t.db, convener, group.id, members[1]!.id);
  await leaveGroup(t.db, convener, group.id);
  // The last member may simply leave.
  await leaveGroup(t.db, members[1]!, group.id);
  expect(await memberCount(t.db, group.id)).toBe(0);
  expect(await auditActions(t.db, group.id)).toEqual(["group.member_left", "group.convener_passed_on", "group.member_left", "group.member_left"]);
  // Someone who is no longer a member has no group space to leave.
  expect((await refusal(leaveGroup(t.db, members[0]!, group.id))).status).toBe(404);
});

test("a programme group is set by the programme: its members neither leave it nor invite to it", async () => {
  const { orgA, alumna, alumnus } = await membershipSetting(t.db);
  const cohort = await createGroup(t.db, { orgId: orgA.id, memberIds: [alumna.id] });
  const programmeGroup = { status: 403, message: "This is a programme group: the programme sets who is in it." };
  expect(await refusal(leaveGroup(t.db, alumna, cohort.id))).toEqual(programmeGroup);
  expect(await refusal(inviteToGroup(t.db, alumna, cohort.id, { email: alumnus.email }))).toEqual(programmeGroup);
  expect(await roleIn(t.db, cohort.id, alumna.id)).toBe("member");
});
