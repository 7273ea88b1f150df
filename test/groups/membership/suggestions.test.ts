// Suggested members: the ranking on constructed data, then who may be
// suggested at all on a real database (opted in, within reach, not in it).
import { eq } from "drizzle-orm";
import { directoryProfiles, users } from "../../../db/schema";
import { findGroupSpace } from "../../../app/domain/groups/load-group.server";
import { removeMember } from "../../../app/domain/groups/membership/remove-member.server";
import { inviteToGroup } from "../../../app/domain/groups/membership/invite-to-group.server";
import { expertiseMatch, rankSuggestions, terms } from "../../../app/domain/groups/membership/rank-suggestions";
import { suggestMembers } from "../../../app/domain/groups/membership/suggest-members.server";
import { createGroup } from "../../support/factories";
import { createTestDatabase, type TestDatabase } from "../../support/test-database";
import { membershipSetting, person, type Person } from "./membership-setting";

describe("the ranking, on constructed data", () => {
  test("the field's words are compared case-blind, without filler words or a plural s", () => {
    expect(terms("Maintenance of Rotating Pumps & Compressors")).toEqual(["maintenance", "rotating", "pump", "compressor"]);
    expect(terms("IT and HR")).toEqual(["it", "hr"]);
  });

  test("a word of the field in an expertise tag counts 2, only in the bio 1; the tags that matched are shown", () => {
    const field = "Rotating equipment maintenance";
    expect(expertiseMatch(field, { tags: ["Pump maintenance", "Lean"], bio: "" })).toEqual({ strength: 2, matchedTags: ["Pump maintenance"] });
    expect(expertiseMatch(field, { tags: ["Rotating equipment", "Maintenance planning"], bio: "" })).toEqual({ strength: 6, matchedTags: ["Rotating equipment", "Maintenance planning"] });
    expect(expertiseMatch(field, { tags: ["Safety"], bio: "Twenty years on rotating machines" })).toEqual({ strength: 1, matchedTags: [] });
    expect(expertiseMatch(field, { tags: ["Safety"], bio: "" }).strength).toBe(0);
  });

  test("new connections come first, then the stronger match, then the name; no match is no suggestion", () => {
    const ranked = rankSuggestions([
      { id: "1", name: "Carla", metMembers: 2, strength: 6 },
      { id: "2", name: "Ben", metMembers: 0, strength: 2 },
      { id: "3", name: "Anna", metMembers: 0, strength: 2 },
      { id: "4", name: "Dev", metMembers: 0, strength: 4 },
      { id: "5", name: "Eve", metMembers: 1, strength: 1 },
      { id: "6", name: "Finn", metMembers: 0, strength: 0 },
    ]);
    expect(ranked.map((c) => c.name)).toEqual(["Dev", "Anna", "Ben", "Eve", "Carla"]);
  });
});

test("the worked example of docs/group-suggestions.md comes out as written there", () => {
  const field = "Asset maintenance";
  const people = [
    { id: "d", name: "Dev", tags: ["Asset maintenance"], bio: "", metMembers: 2 },
    { id: "e", name: "Eli", tags: ["Maintenance"], bio: "", metMembers: 0 },
    { id: "f", name: "Fay", tags: ["Asset integrity", "Maintenance strategy"], bio: "", metMembers: 1 },
    { id: "g", name: "Gus", tags: ["Safety"], bio: "Thirty years of maintenance on offshore rigs", metMembers: 0 },
    { id: "h", name: "Hal", tags: ["Safety"], bio: "", metMembers: 0 },
  ].map((p) => ({ ...p, strength: expertiseMatch(field, p).strength }));
  expect(people.map((p) => p.strength)).toEqual([4, 2, 4, 1, 0]);
  expect(rankSuggestions(people).map((p) => p.name)).toEqual(["Eli", "Gus", "Fay", "Dev"]);
});

describe("who is suggested", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.drop();
  });

  async function profile(p: Person, expertise: string[], overrides: Partial<typeof directoryProfiles.$inferInsert> = {}, bio = "") {
    await t.db.update(users).set({ expertise, bio }).where(eq(users.id, p.id));
    await t.db.insert(directoryProfiles).values({ userId: p.id, listed: true, showExpertise: true, ...overrides });
  }
  const names = async (viewer: Person, groupId: string) => (await suggestMembers(t.db, viewer, await findGroupSpace(t.db, viewer, groupId))).map((s) => s.name);

  test("alumni whose expertise matches, ranked to favour people the members have not met in a group", async () => {
    const { orgA, group, convener, members } = await membershipSetting(t.db);
    const met = await person(t.db, orgA.id, ["alumnus"], "Met Before");
    const fresh = await person(t.db, orgA.id, ["alumnus"], "Fresh Face");
    const strong = await person(t.db, orgA.id, ["alumnus"], "Strong Match");
    await profile(met, ["Asset maintenance"]);
    await profile(fresh, ["Maintenance"]);
    await profile(strong, ["Asset integrity", "Maintenance strategy"]);
    // Met Before shares a programme group with two of the members.
    await createGroup(t.db, { orgId: orgA.id, memberIds: [met.id, convener.id, members[0]!.id] });
    await createGroup(t.db, { orgId: orgA.id, memberIds: [strong.id, members[0]!.id] });
    expect(await names(convener, group.id)).toEqual(["Fresh Face", "Strong Match", "Met Before"]);
    // Every member sees the same list as the founder.
    expect(await names(members[1]!, group.id)).toEqual(["Fresh Face", "Strong Match", "Met Before"]);
    const [first] = await suggestMembers(t.db, convener, await findGroupSpace(t.db, convener, group.id));
    expect(first).toMatchObject({ name: "Fresh Face", orgName: orgA.name, matchedTags: ["Maintenance"], metMembers: 0 });
  });

  test("never people who did not opt in, who show no expertise, who are not alumni, members, banned, asked or invited", async () => {
    const { orgA, group, convener, members, participant } = await membershipSetting(t.db);
    const unlisted = await person(t.db, orgA.id, ["alumnus"], "Not Listed");
    const hidden = await person(t.db, orgA.id, ["alumnus"], "Hides Expertise");
    const noProfile = await person(t.db, orgA.id, ["alumnus"], "No Profile");
    const invited = await person(t.db, orgA.id, ["alumnus"], "Already Invited");
    const bioOnly = await person(t.db, orgA.id, ["alumnus"], "Private Bio");
    await profile(unlisted, ["Maintenance"], { listed: false });
    await profile(hidden, ["Maintenance"], { showExpertise: false });
    await t.db.update(users).set({ expertise: ["Maintenance"] }).where(eq(users.id, noProfile.id));
    await profile(participant, ["Maintenance"]);
    await profile(members[0]!, ["Maintenance"]);
    await profile(invited, ["Maintenance"]);
    await profile(bioOnly, ["Safety"], { showBio: false }, "Asset maintenance all my life");
    await profile(members[1]!, ["Maintenance"]);
    await removeMember(t.db, convener, group.id, members[1]!.id, { ban: true });
    await inviteToGroup(t.db, convener, group.id, { email: invited.email });
    expect(await names(convener, group.id)).toEqual([]);
    // A bio shown in the directory does count.
    await t.db.update(directoryProfiles).set({ showBio: true }).where(eq(directoryProfiles.userId, bioOnly.id));
    expect(await names(convener, group.id)).toEqual(["Private Bio"]);
  });

  test("people of another organisation only when they could join and have chosen to be seen across organisations", async () => {
    const { orgB, group, convener } = await membershipSetting(t.db, { group: { crossOrg: true } });
    const shown = await person(t.db, orgB.id, ["alumnus"], "Across Shown");
    const ownOrgOnly = await person(t.db, orgB.id, ["alumnus"], "Across Private");
    await profile(shown, ["Maintenance"], { crossOrg: true });
    await profile(ownOrgOnly, ["Maintenance"], { crossOrg: false });
    expect(await names(convener, group.id)).toEqual(["Across Shown"]);

    const closed = await membershipSetting(t.db, { group: { crossOrg: false } });
    const elsewhere = await person(t.db, closed.orgB.id, ["alumnus"], "Elsewhere");
    await profile(elsewhere, ["Maintenance"], { crossOrg: true });
    expect(await names(closed.convener, closed.group.id)).toEqual([]);
  });
});
