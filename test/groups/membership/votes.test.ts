// Requests decided by a vote of the members: the rule on constructed tallies,
// then the vote and the job that closes expired votes on a real database.
import { eq } from "drizzle-orm";
import { groups } from "../../../db/schema";
import { askToJoin } from "../../../app/domain/groups/membership/ask-to-join.server";
import { closeExpiredJoinVotes } from "../../../app/domain/groups/membership/close-join-votes.server";
import { decideJoinRequest } from "../../../app/domain/groups/membership/decide-join-request.server";
import { effectiveQuorum, joinVoteOutcome } from "../../../app/domain/groups/membership/join-vote-outcome";
import { voteOnJoinRequest } from "../../../app/domain/groups/membership/vote-on-join-request.server";
import { createTestDatabase, type TestDatabase } from "../../support/test-database";
import { addToGroup } from "./add-to-group";
import { auditActions, membershipSetting, noticesFor, person, refusal, requestsOf, roleIn } from "./membership-setting";

describe("the vote rule", () => {
  test("the default quorum is a majority of the current members; a larger quorum counts as everyone", () => {
    expect([1, 2, 3, 4, 5, 6].map((m) => effectiveQuorum(m, null))).toEqual([1, 2, 2, 3, 3, 4]);
    expect(effectiveQuorum(3, 5)).toBe(3);
    expect(effectiveQuorum(10, 2)).toBe(2);
  });

  test("a majority of all members voting yes accepts at once; voting no declines at once", () => {
    expect(joinVoteOutcome({ members: 5, quorum: null, yes: 3, no: 0, windowOver: false })).toBe("accepted");
    expect(joinVoteOutcome({ members: 5, quorum: null, yes: 2, no: 0, windowOver: false })).toBe("open");
    expect(joinVoteOutcome({ members: 5, quorum: null, yes: 0, no: 3, windowOver: false })).toBe("declined");
    // Half saying no is enough to decline early: yes can no longer outnumber no.
    expect(joinVoteOutcome({ members: 4, quorum: 2, yes: 0, no: 2, windowOver: false })).toBe("declined");
    // A small quorum alone does not accept early while the others could still outvote it.
    expect(joinVoteOutcome({ members: 6, quorum: 2, yes: 2, no: 0, windowOver: false })).toBe("open");
  });

  test("when the window ends: quorum reached decides by majority (a tie declines); too few votes expire", () => {
    expect(joinVoteOutcome({ members: 6, quorum: 2, yes: 2, no: 0, windowOver: true })).toBe("accepted");
    expect(joinVoteOutcome({ members: 4, quorum: null, yes: 2, no: 1, windowOver: true })).toBe("accepted");
    expect(joinVoteOutcome({ members: 4, quorum: null, yes: 1, no: 2, windowOver: true })).toBe("declined");
    expect(joinVoteOutcome({ members: 4, quorum: 2, yes: 1, no: 1, windowOver: true })).toBe("declined");
    expect(joinVoteOutcome({ members: 5, quorum: null, yes: 2, no: 0, windowOver: true })).toBe("expired");
    expect(joinVoteOutcome({ members: 5, quorum: null, yes: 0, no: 0, windowOver: true })).toBe("expired");
  });
});

describe("voting on a real request", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.drop();
  });

  const START = new Date("2030-03-01T09:00:00Z");
  const hoursLater = (h: number) => new Date(START.getTime() + h * 3_600_000);

  /** A group of five (Ada and four members) where the members vote within 24 hours, and a pending request. */
  async function votingGroup(group: Record<string, unknown> = {}) {
    const setting = await membershipSetting(t.db, { group: { joinDecision: "vote", voteWindowHours: 24, ...group } });
    const more = [await person(t.db, setting.orgA.id), await person(t.db, setting.orgA.id)];
    await addToGroup(t.db, setting.group.id, more);
    const voters = [setting.convener, ...setting.members, ...more];
    await askToJoin(t.db, setting.alumna, setting.group.id, "", START);
    const [request] = await requestsOf(t.db, setting.group.id, setting.alumna.id);
    return { ...setting, voters, request: request! };
  }

  test("a majority voting yes accepts the request at once; the requester is told", async () => {
    const { group, voters, alumna, request } = await votingGroup();
    expect(await voteOnJoinRequest(t.db, voters[0]!, group.id, request.id, "yes", hoursLater(1))).toBe("open");
    expect(await voteOnJoinRequest(t.db, voters[1]!, group.id, request.id, "yes", hoursLater(2))).toBe("open");
    expect(await roleIn(t.db, group.id, alumna.id)).toBeNull();
    expect(await voteOnJoinRequest(t.db, voters[2]!, group.id, request.id, "yes", hoursLater(3))).toBe("accepted");
    expect(await roleIn(t.db, group.id, alumna.id)).toBe("member");
    expect((await requestsOf(t.db, group.id, alumna.id))[0]).toMatchObject({ status: "accepted", decidedBy: null });
    expect((await noticesFor(t.db, alumna.id)).map((n) => n.title)).toEqual([`You are now a member of ${group.name}`]);
    // The request is closed: a late vote is a conflict.
    expect((await refusal(voteOnJoinRequest(t.db, voters[3]!, group.id, request.id, "no", hoursLater(4)))).status).toBe(409);
  });

  test("a majority voting no declines; a vote can be changed until then", async () => {
    const { group, voters, alumna, request } = await votingGroup();
    await voteOnJoinRequest(t.db, voters[0]!, group.id, request.id, "yes", hoursLater(1));
    await voteOnJoinRequest(t.db, voters[0]!, group.id, request.id, "no", hoursLater(2));
    await voteOnJoinRequest(t.db, voters[1]!, group.id, request.id, "no", hoursLater(3));
    expect(await voteOnJoinRequest(t.db, voters[2]!, group.id, request.id, "no", hoursLater(4))).toBe("declined");
    expect(await roleIn(t.db, group.id, alumna.id)).toBeNull();
    expect((await requestsOf(t.db, group.id, alumna.id))[0]!.status).toBe("declined");
    expect((await noticesFor(t.db, alumna.id)).map((n) => n.title)).toEqual([`Your request to join ${group.name} was declined`]);
  });

  test("in a voting group the conveners do not decide alone, and in a convener group members do not vote", async () => {
    const { group, convener, request } = await votingGroup();
    expect(await refusal(decideJoinRequest(t.db, convener, group.id, request.id, "accept"))).toEqual({ status: 403, message: "In this group the members vote on requests to join." });
    const other = await membershipSetting(t.db);
    await askToJoin(t.db, other.alumna, other.group.id, "");
    const [asked] = await requestsOf(t.db, other.group.id, other.alumna.id);
    expect(await refusal(voteOnJoinRequest(t.db, other.members[0]!, other.group.id, asked!.id, "yes"))).toEqual({ status: 403, message: "In this group the conveners decide on requests to join." });
  });

  test("the job: a window that ends without a quorum of votes expires the request, and the requester is told", async () => {
    const { group, voters, alumna, request } = await votingGroup();
    await voteOnJoinRequest(t.db, voters[0]!, group.id, request.id, "yes", hoursLater(1));
    await closeExpiredJoinVotes(t.db, { now: hoursLater(23) });
    expect((await requestsOf(t.db, group.id, alumna.id))[0]!.status).toBe("pending");
    expect(await refusal(voteOnJoinRequest(t.db, voters[1]!, group.id, request.id, "yes", hoursLater(25)))).toEqual({
      status: 409,
      message: "The vote on this request has closed; the outcome follows shortly.",
    });
    expect(await closeExpiredJoinVotes(t.db, { now: hoursLater(25) })).toBeGreaterThanOrEqual(1);
    expect((await requestsOf(t.db, group.id, alumna.id))[0]!.status).toBe("expired");
    expect(await roleIn(t.db, group.id, alumna.id)).toBeNull();
    expect((await noticesFor(t.db, alumna.id)).map((n) => n.title)).toEqual([`Your request to join ${group.name} expired: not enough members voted in time`]);
    expect(await auditActions(t.db, group.id)).toContain("group.join_request_expired");
  });

  test("the job: a quorum with more yes than no accepts when the window ends, through add-member", async () => {
    const { group, voters, alumna, request } = await votingGroup();
    await voteOnJoinRequest(t.db, voters[0]!, group.id, request.id, "yes", hoursLater(1));
    await voteOnJoinRequest(t.db, voters[1]!, group.id, request.id, "yes", hoursLater(1));
    expect(await voteOnJoinRequest(t.db, voters[2]!, group.id, request.id, "no", hoursLater(1))).toBe("open");
    await closeExpiredJoinVotes(t.db, { now: hoursLater(24) });
    expect(await roleIn(t.db, group.id, alumna.id)).toBe("member");
    expect(await auditActions(t.db, group.id)).toEqual(expect.arrayContaining(["group.member_added", "group.join_request_accepted"]));
  });

  test("the job: a vote to accept into a group that filled up meanwhile declines, saying the group is full", async () => {
    const { group, voters, alumna, request } = await votingGroup({ sizeCap: 6 });
    // The conveners lower the cap to the five members there are now.
    await t.db.update(groups).set({ sizeCap: 5 }).where(eq(groups.id, group.id));
    await voteOnJoinRequest(t.db, voters[0]!, group.id, request.id, "yes", hoursLater(1));
    await voteOnJoinRequest(t.db, voters[1]!, group.id, request.id, "yes", hoursLater(1));
    // A majority: accepted early if there were room; the group is full, so it waits for the window's end.
    expect(await voteOnJoinRequest(t.db, voters[2]!, group.id, request.id, "yes", hoursLater(1))).toBe("open");
    await closeExpiredJoinVotes(t.db, { now: hoursLater(24) });
    expect(await roleIn(t.db, group.id, alumna.id)).toBeNull();
    expect((await requestsOf(t.db, group.id, alumna.id))[0]!.status).toBe("declined");
    expect(await noticesFor(t.db, alumna.id)).toEqual([expect.objectContaining({ title: `Your request to join ${group.name} was declined`, body: "The reason: This group is full (5 of 5)." })]);
  });

  test("a request made while the conveners decided gets its window from when it was made once the group votes", async () => {
    const setting = await membershipSetting(t.db);
    await askToJoin(t.db, setting.alumna, setting.group.id, "", START);
    await t.db.update(groups).set({ joinDecision: "vote", voteWindowHours: 24 }).where(eq(groups.id, setting.group.id));
    await closeExpiredJoinVotes(t.db, { now: hoursLater(23) });
    expect((await requestsOf(t.db, setting.group.id, setting.alumna.id))[0]!.status).toBe("pending");
    await closeExpiredJoinVotes(t.db, { now: hoursLater(24) });
    expect((await requestsOf(t.db, setting.group.id, setting.alumna.id))[0]!.status).toBe("expired");
  });
});
