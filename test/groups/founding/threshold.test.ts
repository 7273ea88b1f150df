// The founding threshold: an organisation that asks for 4 interested people
// from at least 2 departments keeps a new group gathering until both are
// met; the expression that meets them starts the group, exactly once, with
// the interested people as members as far as the size cap allows.
import { and, eq } from "drizzle-orm";
import { auditEvents, groupInterest, groupMembers, groups, notifications } from "../../../db/schema";
import { expressInterest, withdrawInterest } from "../../../app/domain/groups/express-interest.server";
import { listGroupDirectory } from "../../../app/domain/groups/group-directory.server";
import { InputError } from "../../../app/domain/input-error";
import { createTestDatabase, type TestDatabase } from "../../support/test-database";
import { found, foundingSetting, person, refusal } from "./founding-setting";
import { messageIn } from "../../../app/domain/i18n/translators";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const FOUR_FROM_TWO = { groupFoundingMinPeople: 4, groupFoundingMinDepartments: 2 };

const statusOf = async (id: string) => (await t.db.select({ status: groups.status }).from(groups).where(eq(groups.id, id)))[0]!.status;
const membersOf = async (id: string) => t.db.select({ userId: groupMembers.userId, role: groupMembers.role }).from(groupMembers).where(eq(groupMembers.groupId, id));

test("four interested people from one department keep the group gathering; one from a second department starts it", async () => {
  const s = await foundingSetting(t.db, { orgA: FOUR_FROM_TWO });
  const group = await found(t.db, s.founder);
  expect(group.status).toBe("gathering");

  const sameDepartment = [s.colleague, await person(t.db, s.orgA.id, ["alumnus"], { departmentId: s.maintenance.id }), await person(t.db, s.orgA.id, ["alumnus"], { departmentId: s.maintenance.id })];
  for (const p of sameDepartment) expect(await expressInterest(t.db, p, group.id)).toEqual({ status: "gathering" });
  // Someone without a department counts as a person, not as a department.
  const noDepartment = await person(t.db, s.orgA.id, ["alumnus"]);
  expect(await expressInterest(t.db, noDepartment, group.id)).toEqual({ status: "gathering" });
  expect(await statusOf(group.id)).toBe("gathering");
  const [listed] = (await listGroupDirectory(t.db, s.colleague, { q: group.name, policy: null })).groups;
  expect(listed).toMatchObject({ status: "gathering", interestedPeople: 5, interestedDepartments: 1, minPeople: 4, minDepartments: 2, interestedByMe: true });

  const fromOperations = await person(t.db, s.orgA.id, ["alumnus"], { departmentId: s.operations.id });
  expect(await expressInterest(t.db, fromOperations, group.id)).toEqual({ status: "active" });

  const members = await membersOf(group.id);
  expect(members).toHaveLength(6);
  expect(members.find((m) => m.userId === s.founder.id)!.role).toBe("convener");
  expect(members.filter((m) => m.role === "member").map((m) => m.userId).sort()).toEqual([...sameDepartment, noDepartment, fromOperations].map((p) => p.id).sort());
  const told = await t.db.select().from(notifications).where(and(eq(notifications.userId, s.colleague.id), eq(notifications.kind, "group")));
  expect(told.map((n) => n.title)).toContain(`“${group.name}” is now active`);
  expect(await t.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, group.id), eq(auditEvents.action, "group.activated")))).toHaveLength(1);
});

test("the group starts with the earliest interested people up to its size cap; the others are told it is full", async () => {
  const s = await foundingSetting(t.db, { orgA: { groupFoundingMinPeople: 2, groupFoundingMinDepartments: 2 } });
  const group = await found(t.db, s.founder, { sizeCap: 3 });
  const later = (seconds: number) => new Date(Date.now() + seconds * 1000);
  const second = await person(t.db, s.orgA.id, ["alumnus"], { departmentId: s.maintenance.id });
  const fromOperations = await person(t.db, s.orgA.id, ["alumnus"], { departmentId: s.operations.id });
  await expressInterest(t.db, s.colleague, group.id, later(1));
  expect(await expressInterest(t.db, second, group.id, later(2))).toEqual({ status: "gathering" });
  // The second department arrives fourth: the group starts, but only three fit.
  expect(await expressInterest(t.db, fromOperations, group.id, later(3))).toEqual({ status: "active" });
  expect((await membersOf(group.id)).map((m) => m.userId).sort()).toEqual([s.founder.id, s.colleague.id, second.id].sort());
  const told = await t.db.select().from(notifications).where(eq(notifications.userId, fromOperations.id));
  expect(told.map((n) => n.title)).toContain(`“${group.name}” started without you: it is full`);
});

test("a size cap below the number of interested people the organisation asks for is refused", async () => {
  const s = await foundingSetting(t.db, { orgA: FOUR_FROM_TWO });
  const error = (await refusal(found(t.db, s.founder, { sizeCap: 3 }))) as InputError;
  expect(messageIn("en", error.fieldErrors.sizeCap!)).toBe("Your organisation asks for 4 interested people before a group starts, so the size cap must be at least 4.");
  expect(await t.db.select().from(groups).where(eq(groups.founderId, s.founder.id))).toHaveLength(0);
});

test("two people expressing interest at the same moment as the last needed start the group once", async () => {
  for (let round = 0; round < 4; round++) {
    const s = await foundingSetting(t.db, { orgA: { groupFoundingMinPeople: 3 } });
    const group = await found(t.db, s.founder);
    await expressInterest(t.db, s.colleague, group.id);
    const late = [await person(t.db, s.orgA.id, ["alumnus"]), await person(t.db, s.orgA.id, ["alumnus"])];
    const results = await Promise.allSettled(late.map((p) => expressInterest(t.db, p, group.id)));
    const started = results.filter((r) => r.status === "fulfilled");
    expect(started).toHaveLength(1);
    expect((started[0] as PromiseFulfilledResult<{ status: string }>).value).toEqual({ status: "active" });
    const refused = (results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason as InputError;
    expect(refused).toBeInstanceOf(InputError);
    expect(refused.status).toBe(409);
    expect(messageIn("en", refused.fieldErrors.form!)).toContain("has started");
    expect(await membersOf(group.id)).toHaveLength(3);
    expect(await t.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, group.id), eq(auditEvents.action, "group.activated")))).toHaveLength(1);
  }
});

test("interest can be withdrawn while the group gathers, but not by its founder", async () => {
  const s = await foundingSetting(t.db, { orgA: FOUR_FROM_TWO });
  const group = await found(t.db, s.founder);
  await expressInterest(t.db, s.colleague, group.id);
  expect(await withdrawInterest(t.db, s.colleague, group.id)).toEqual({ status: "gathering" });
  expect(await t.db.select().from(groupInterest).where(eq(groupInterest.groupId, group.id))).toEqual([expect.objectContaining({ userId: s.founder.id })]);
  const error = (await refusal(withdrawInterest(t.db, s.founder, group.id))) as InputError;
  expect(messageIn("en", error.fieldErrors.form!)).toContain("You founded this group");
});

test("only alumni who could join may express interest; others are refused and a group they cannot see is a 404", async () => {
  const s = await foundingSetting(t.db, { orgA: FOUR_FROM_TWO });
  const group = await found(t.db, s.founder);
  expect(((await refusal(expressInterest(t.db, s.participant, group.id))) as Response).status).toBe(403);
  expect(((await refusal(expressInterest(t.db, s.outsider, group.id))) as Response).status).toBe(404);
  expect(((await refusal(expressInterest(t.db, s.founder, group.id))) as InputError).status).toBe(409);
  expect(await t.db.select().from(groupInterest).where(eq(groupInterest.groupId, group.id))).toHaveLength(1);
});

test("without a threshold or approval a new group starts at once", async () => {
  const s = await foundingSetting(t.db);
  const group = await found(t.db, s.founder);
  expect(group.status).toBe("active");
  expect(messageIn("en", ((await refusal(expressInterest(t.db, s.colleague, group.id))) as InputError).fieldErrors.form!)).toContain("has started");
});
