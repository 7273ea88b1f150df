// Saving a formation: applyFormation writes only the difference, and a
// formation with problems is refused with nothing written.
import { messageIn } from "~/domain/i18n/translators";
import { and, eq } from "drizzle-orm";
import { auditEvents, cohortMembers, groupMembers, groups } from "../../db/schema";
import { applyFormation } from "~/domain/programme/cohorts/apply-formation.server";
import { loadFormationScreen } from "~/domain/programme/cohorts/load-formation.server";
import { movePerson } from "~/domain/programme/formation";
import { InputError } from "~/domain/input-error";
import { NotFoundError } from "~/domain/http-errors";
import { createUser } from "../support/factories";
import { createCycle, monthlyMeetings, programmeSetting } from "../support/programme-factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);
const membersOf = async (groupId: string) =>
  (await t.db.select({ userId: groupMembers.userId, role: groupMembers.role }).from(groupMembers).where(eq(groupMembers.groupId, groupId))).sort((a, b) => a.userId.localeCompare(b.userId));

async function setting() {
  const s = await programmeSetting(t.db, { members: 6 });
  const extra = await Promise.all(Array.from({ length: 4 }, () => createUser(t.db, { orgId: s.org.id, roles: ["participant"] })));
  await t.db.insert(cohortMembers).values(extra.map((p) => ({ cohortId: s.cohort.id, userId: p.id })));
  const secondFacilitator = await createUser(t.db, { orgId: s.org.id, roles: ["facilitator"] });
  return { ...s, extra, secondFacilitator };
}

test("a new group, a moved person and a facilitator are written as the difference", async () => {
  const s = await setting();
  const screen = await loadFormationScreen(t.db, s.admin, s.cohort.id);
  expect(screen.unplaced.map((p) => p.id).sort()).toEqual(s.extra.map((p) => p.id).sort());
  expect(screen.check.warnings.map((w) => messageIn("en", w)).join(" ")).toMatch(/4 enrolled people are not in a group yet/);

  const current = { groups: screen.groups.map((g) => ({ groupId: g.id, name: g.name, facilitatorId: g.facilitatorId, memberIds: g.members.map((m) => m.id) })) };
  const withNew = { groups: [...current.groups, { groupId: null, name: "Circle B", facilitatorId: s.secondFacilitator.id, memberIds: s.extra.map((p) => p.id) }] };
  const moved = movePerson(withNew, s.people[0]!.id, 1);
  const result = await applyFormation(t.db, s.admin, s.cohort.id, moved);
  expect(result).toMatchObject({ created: 1, added: 6, removed: 1 });
  // Five and five, everyone placed, both facilitated: nothing to warn about.
  expect(result.warnings).toEqual([]);

  const [b] = await t.db.select().from(groups).where(and(eq(groups.cohortId, s.cohort.id), eq(groups.name, "Circle B")));
  expect(b).toMatchObject({ kind: "programme", orgId: s.org.id });
  const inB = await membersOf(b!.id);
  expect(inB).toHaveLength(6);
  expect(inB.find((m) => m.userId === s.secondFacilitator.id)?.role).toBe("facilitator");
  expect(inB.find((m) => m.userId === s.people[0]!.id)?.role).toBe("member");
  expect((await membersOf(s.group.id)).map((m) => m.userId)).not.toContain(s.people[0]!.id);
  const audits = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "cohort.groups_formed"), eq(auditEvents.targetId, s.cohort.id)));
  expect(audits).toHaveLength(1);

  // Saving the same formation again writes nothing.
  const again = await loadFormationScreen(t.db, s.admin, s.cohort.id);
  const same = { groups: again.groups.map((g) => ({ groupId: g.id, name: g.name, facilitatorId: g.facilitatorId, memberIds: g.members.map((m) => m.id) })) };
  expect(await applyFormation(t.db, s.admin, s.cohort.id, same)).toMatchObject({ created: 0, added: 0, removed: 0, changed: 0 });
});

test("problems refuse the formation and change nothing", async () => {
  const s = await setting();
  const before = await membersOf(s.group.id);
  const notEnrolled = await createUser(t.db, { orgId: s.org.id, roles: ["participant"] });
  const base = { groupId: s.group.id, name: s.group.name, facilitatorId: s.facilitator.id, memberIds: s.people.map((p) => p.id) };
  const cases = [
    { groups: [base, { groupId: null, name: "Twice", facilitatorId: null, memberIds: [s.people[0]!.id] }], message: /is in both/ },
    { groups: [{ ...base, memberIds: [...base.memberIds, notEnrolled.id] }], message: /is not enrolled in this cohort/ },
    { groups: [{ ...base, facilitatorId: s.people[1]!.id }], message: /is not a facilitator/ },
    { groups: [base, { groupId: null, name: "", facilitatorId: null, memberIds: [] }], message: /needs a name/ },
    { groups: [base, { groupId: crypto.randomUUID(), name: "Stranger", facilitatorId: null, memberIds: [] }], message: /not one of this cohort's groups/ },
  ];
  for (const { message, ...formation } of cases) {
    const error = await refusal(applyFormation(t.db, s.admin, s.cohort.id, formation));
    expect(error).toBeInstanceOf(InputError);
    expect(messageIn("en", (error as InputError).fieldErrors.form!)).toMatch(message);
  }
  expect(await membersOf(s.group.id)).toEqual(before);
  expect(await t.db.select().from(groups).where(eq(groups.cohortId, s.cohort.id))).toHaveLength(1);

  // A group that has met cannot be left out; another organisation gets a 404.
  await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, meetings: monthlyMeetings(6, 1) });
  const dropped = await refusal(applyFormation(t.db, s.admin, s.cohort.id, { groups: [] }));
  expect(messageIn("en", (dropped as InputError).fieldErrors.form!)).toMatch(/has already met/);
  expect(await refusal(applyFormation(t.db, s.outsiderAdmin, s.cohort.id, { groups: [] }))).toBeInstanceOf(NotFoundError);
});

test("two admins' edits made at the same moment both hold: each applies to the formation read under the cohort's lock", async () => {
  const s = await setting();
  const [first, second] = s.extra;
  // Both edits were made on the same page (neither knows of the other): each places one unplaced person in the group.
  const place = (userId: string) => (current: { formation: { groups: { groupId: string | null }[] } }) =>
    movePerson(current.formation as Parameters<typeof movePerson>[0], userId, current.formation.groups.findIndex((g) => g.groupId === s.group.id));
  await Promise.all([applyFormation(t.db, s.admin, s.cohort.id, place(first!.id)), applyFormation(t.db, s.admin, s.cohort.id, place(second!.id))]);
  const members = (await membersOf(s.group.id)).map((m) => m.userId);
  expect(members).toContain(first!.id);
  expect(members).toContain(second!.id);
});
