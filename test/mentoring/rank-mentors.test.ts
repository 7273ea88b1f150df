// The ranking of mentor suggestions, on constructed data.
import { rankMentors, type MentorCandidate } from "../../app/domain/mentoring/rank-mentors";

const same = { sameOrg: true, bothOrgsAllow: true };
const crossAllowed = { sameOrg: false, bothOrgsAllow: true };
const crossForbidden = { sameOrg: false, bothOrgsAllow: false };

const mentor = (name: string, overrides: Partial<MentorCandidate> = {}): MentorCandidate => ({
  userId: `id-${name}`,
  name,
  topics: [],
  capacity: 3,
  active: true,
  scope: "own_org",
  taken: 0,
  alreadyAsked: false,
  crossing: same,
  ...overrides,
});

const request = { menteeId: "id-mentee", topics: ["Leading change", "Difficult conversations", "Budgeting"], scope: "own_org" as const };
const names = (ranked: { name: string }[]) => ranked.map((r) => r.name);

test("mentors sharing more of the request's topics come first, matched whatever the case", () => {
  const ranked = rankMentors(request, [
    mentor("One", { topics: ["budgeting"] }),
    mentor("Three", { topics: ["LEADING CHANGE", "difficult conversations", "Budgeting", "Coaching"] }),
    mentor("Two", { topics: ["Leading Change", "Difficult Conversations"] }),
    mentor("None", { topics: ["Gardening"] }),
  ]);
  expect(names(ranked)).toEqual(["Three", "Two", "One", "None"]);
  expect(ranked[0]!.sharedTopics).toEqual(["LEADING CHANGE", "difficult conversations", "Budgeting"]);
  expect(ranked[0]!.coverage).toBe(1);
  expect(ranked[1]!.coverage).toBeCloseTo(2 / 3);
  expect(ranked[3]!.sharedTopics).toEqual([]);
});

test("with the same overlap, more free places come first, then the name", () => {
  const ranked = rankMentors(request, [
    mentor("Zoe", { topics: ["Budgeting"], capacity: 3, taken: 0 }),
    mentor("Adam", { topics: ["Budgeting"], capacity: 3, taken: 2 }),
    mentor("Bea", { topics: ["Budgeting"], capacity: 5, taken: 2 }),
  ]);
  expect(names(ranked)).toEqual(["Bea", "Zoe", "Adam"]);
  expect(ranked.map((r) => r.freePlaces)).toEqual([3, 3, 1]);
});

test("overlap outranks free places", () => {
  const ranked = rankMentors(request, [mentor("Roomy", { topics: ["Budgeting"], capacity: 10 }), mentor("Busy", { topics: ["Budgeting", "Leading change"], capacity: 2, taken: 1 })]);
  expect(names(ranked)).toEqual(["Busy", "Roomy"]);
});

test("paused offers, full mentors, mentors already asked and the mentee themself are never suggested", () => {
  const ranked = rankMentors(request, [
    mentor("Paused", { topics: ["Budgeting"], active: false }),
    mentor("Full", { topics: ["Budgeting"], capacity: 2, taken: 2 }),
    mentor("Asked", { topics: ["Budgeting"], alreadyAsked: true }),
    mentor("Myself", { userId: "id-mentee", topics: ["Budgeting"] }),
    mentor("Free", { topics: ["Budgeting"], capacity: 2, taken: 1 }),
  ]);
  expect(names(ranked)).toEqual(["Free"]);
});

test("across organisations only when both chose any organisation and both organisations allow it", () => {
  const anyRequest = { ...request, scope: "any_org" as const };
  const candidates = [
    mentor("Own scope", { topics: ["Budgeting"], crossing: crossAllowed, scope: "own_org" }),
    mentor("Forbidden", { topics: ["Budgeting"], crossing: crossForbidden, scope: "any_org" }),
    mentor("Allowed", { topics: ["Budgeting"], crossing: crossAllowed, scope: "any_org" }),
    mentor("Colleague", { topics: ["Budgeting"], crossing: same, scope: "any_org" }),
  ];
  expect(names(rankMentors(anyRequest, candidates))).toEqual(["Allowed", "Colleague"]);
  // The mentee who wants a mentor of their own organisation gets only colleagues.
  expect(names(rankMentors(request, candidates))).toEqual(["Colleague"]);
});
