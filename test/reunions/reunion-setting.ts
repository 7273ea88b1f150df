// The people and reunions the reunion tests start from: an organisation with
// an alumna who organises, invited alumni, a colleague who is not invited,
// and someone of another organisation.
import { eq } from "drizzle-orm";
import type { Database } from "../../db/database";
import { reunions, users } from "../../db/schema";
import { instantToLocal } from "../../app/domain/reunions/zoned-time";
import { createReunion } from "../../app/domain/reunions/create-reunion.server";
import type { CreateReunionInput } from "../../app/domain/reunions/reunion-fields";
import { createGroup, createOrg, createUser } from "../support/factories";

export type Person = Awaited<ReturnType<typeof createUser>>;

export async function reunionSetting(db: Database, { invitees = 3 }: { invitees?: number } = {}) {
  const org = await createOrg(db);
  const organiser = await createUser(db, { orgId: org.id, roles: ["alumnus"], name: "Olivia Organiser" });
  const guests: Person[] = [];
  for (let i = 0; i < invitees; i++) guests.push(await createUser(db, { orgId: org.id, roles: ["alumnus"], name: `Guest ${i + 1}` }));
  const colleague = await createUser(db, { orgId: org.id, roles: ["participant"], name: "Not Invited" });
  const otherOrg = await createOrg(db);
  const outsider = await createUser(db, { orgId: otherOrg.id, roles: ["org_admin", "alumnus"], name: "Other Org" });
  const group = await createGroup(db, { orgId: org.id, name: "Cohort 7", memberIds: [organiser.id, ...guests.map((g) => g.id)] });
  return { org, organiser, guests, colleague, outsider, group };
}

export async function setTimeZone(db: Database, userId: string, timeZone: string) {
  await db.update(users).set({ timeZone }).where(eq(users.id, userId));
}

const noSlots = Object.fromEntries([1, 2, 3, 4, 5, 6].flatMap((n) => ["Date", "Start", "End", "Zone"].map((k) => [`slot${n}${k}`, ""])));

/** A reunion input with sensible defaults: a fixed date a week ahead in London, for the given group. */
export function reunionInput(overrides: Partial<CreateReunionInput> & Record<string, unknown> = {}): CreateReunionInput {
  return {
    title: "Cohort 7 meets again",
    description: "",
    format: "classic",
    location: "The Harbour Room",
    onlineUrl: null,
    capacity: null,
    timeZone: "Europe/London",
    groupIds: [],
    wholeOrganisation: false,
    inviteEmails: "",
    schedule: "fixed",
    deadline: "",
    date: daysFromNow(7),
    startTime: "18:00",
    endTime: "20:00",
    repeatEveryMonths: null,
    repeatCount: null,
    ...noSlots,
    ...overrides,
  } as CreateReunionInput;
}

/** A local date string N days from now (UTC date; far enough from midnight issues for tests a day apart). */
export function daysFromNow(days: number, from = new Date()) {
  return new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

export async function scheduledReunion(db: Database, organiser: Person, groupId: string, overrides: Partial<CreateReunionInput> & Record<string, unknown> = {}) {
  return createReunion(db, organiser, reunionInput({ groupIds: [groupId], ...overrides }));
}

/** The reunion's current date fields, as the edit form shows them. */
export async function currentDate(db: Database, id: string) {
  const [r] = await db.select().from(reunions).where(eq(reunions.id, id));
  const start = instantToLocal(r!.startsAt!, r!.timeZone);
  return { date: start.date, startTime: start.time, endTime: instantToLocal(r!.endsAt!, r!.timeZone).time };
}
