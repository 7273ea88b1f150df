// Members invite alumni who may join; the invitee accepts (through
// add-member, so the cap applies) or declines; refusals say why.
import { answerInvitation } from "../../../app/domain/groups/membership/answer-invitation.server";
import { askToJoin } from "../../../app/domain/groups/membership/ask-to-join.server";
import { cancelInvitation, inviteToGroup } from "../../../app/domain/groups/membership/invite-to-group.server";
import { removeMember } from "../../../app/domain/groups/membership/remove-member.server";
import { createTestDatabase, type TestDatabase } from "../../support/test-database";
import { auditActions, memberCount, membershipSetting, noticesFor, person, refusal, requestsOf, roleIn } from "./membership-setting";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

test("any member invites by email; the invitee is told, accepts on the group's page and the inviter hears of it", async () => {
  const { group, members, alumna } = await membershipSetting(t.db);
  const inviter = members[0]!;
  await inviteToGroup(t.db, inviter, group.id, { email: alumna.email.toUpperCase() });
  expect(await noticesFor(t.db, alumna.id)).toEqual([{ kind: "group", title: `${inviter.name} invites you to join ${group.name}`, body: "A peer group on Asset maintenance.", link: `/groups/${group.id}` }]);
  expect(await roleIn(t.db, group.id, alumna.id)).toBeNull();
  await answerInvitation(t.db, alumna, group.id, true);
  expect(await roleIn(t.db, group.id, alumna.id)).toBe("member");
  expect((await requestsOf(t.db, group.id, alumna.id))[0]).toMatchObject({ kind: "invite", status: "accepted", invitedBy: inviter.id });
  expect((await noticesFor(t.db, inviter.id)).map((n) => n.title)).toEqual([`${alumna.name} accepted your invitation to ${group.name}`]);
  expect(await auditActions(t.db, group.id)).toEqual(["group.invited", "group.member_added"]);
});

test("an invitation from the suggestions names the person by id; declining leaves them out", async () => {
  const { group, convener, alumna } = await membershipSetting(t.db);
  await inviteToGroup(t.db, convener, group.id, { id: alumna.id });
  await answerInvitation(t.db, alumna, group.id, false);
  expect(await roleIn(t.db, group.id, alumna.id)).toBeNull();
  expect((await requestsOf(t.db, group.id, alumna.id))[0]!.status).toBe("declined");
  expect((await noticesFor(t.db, convener.id)).map((n) => n.title)).toEqual([`${alumna.name} declined your invitation to ${group.name}`]);
  expect(await refusal(answerInvitation(t.db, alumna, group.id, true))).toEqual({ status: 409, message: "There is no invitation waiting for you in this group." });
});

test("only alumni within reach are invited, and each refusal says why", async () => {
  const { group, orgA, convener, members, participant, alumna, alumnus } = await membershipSetting(t.db);
  const invite = (email: string) => refusal(inviteToGroup(t.db, convener, group.id, { email }));
  expect(await invite(members[0]!.email)).toEqual({ status: 409, message: `${members[0]!.name} is already a member of this group.` });
  expect(await invite(participant.email)).toEqual({ status: 400, message: `${participant.name} is not an alumnus of the programme, so cannot join peer groups yet.` });
  expect(await invite("nobody@example.test")).toEqual({ status: 400, message: `We found no alumnus of ${orgA.name} with that address. This group does not welcome other organisations.` });

  await inviteToGroup(t.db, convener, group.id, { email: alumna.email });
  expect(await invite(alumna.email)).toEqual({ status: 409, message: `${alumna.name} is already invited; they have not answered yet.` });
  await askToJoin(t.db, alumnus, group.id, "");
  expect(await invite(alumnus.email)).toEqual({ status: 409, message: `${alumnus.name} has already asked to join; the request is waiting for a decision.` });
  expect(await requestsOf(t.db, group.id, alumna.id)).toHaveLength(1);
});

test("a banned person cannot be invited", async () => {
  const { group, convener, members } = await membershipSetting(t.db);
  const banned = members[1]!;
  await removeMember(t.db, convener, group.id, banned.id, { ban: true });
  expect(await refusal(inviteToGroup(t.db, members[0]!, group.id, { email: banned.email }))).toEqual({
    status: 400,
    message: `${banned.name} cannot be invited: the conveners have banned them from this group.`,
  });
});

test("a full group takes no new invitations, and an invitation accepted after it filled up is refused without change", async () => {
  const { group, orgA, convener, alumna, alumnus } = await membershipSetting(t.db, { group: { sizeCap: 4 } });
  await inviteToGroup(t.db, convener, group.id, { email: alumna.email });
  await inviteToGroup(t.db, convener, group.id, { email: alumnus.email });
  await answerInvitation(t.db, alumna, group.id, true);
  expect(await refusal(answerInvitation(t.db, alumnus, group.id, true))).toEqual({ status: 409, message: "This group is full (4 of 4)." });
  expect(await memberCount(t.db, group.id)).toBe(4);
  expect((await requestsOf(t.db, group.id, alumnus.id))[0]!.status).toBe("pending");
  const late = await person(t.db, orgA.id);
  expect(await refusal(inviteToGroup(t.db, convener, group.id, { email: late.email }))).toEqual({ status: 409, message: "This group is full (4 of 4)." });
});

test("the inviter or a convener cancels an invitation; another member may not", async () => {
  const { group, convener, members, alumna } = await membershipSetting(t.db);
  await inviteToGroup(t.db, members[0]!, group.id, { email: alumna.email });
  const [invitation] = await requestsOf(t.db, group.id, alumna.id);
  expect((await refusal(cancelInvitation(t.db, members[1]!, group.id, invitation!.id))).status).toBe(403);
  await cancelInvitation(t.db, convener, group.id, invitation!.id);
  expect((await requestsOf(t.db, group.id, alumna.id))[0]!.status).toBe("withdrawn");
  expect(await refusal(answerInvitation(t.db, alumna, group.id, true))).toEqual({ status: 409, message: "There is no invitation waiting for you in this group." });
});

test("people who are not members cannot invite: the group space is a 404 to them", async () => {
  const { group, alumna, alumnus } = await membershipSetting(t.db);
  expect((await refusal(inviteToGroup(t.db, alumna, group.id, { email: alumnus.email }))).status).toBe(404);
});
