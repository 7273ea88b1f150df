// The people a group space test starts from: a cross-organisation peer group
// of organisation A with a convener and a member of A and a member of B, and
// people of A who are not in it (an alumna, the organisation's admin, a
// moderator), and a moderator of B.
import { eq } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { users } from "../../../db/schema";
import type { ScheduleMeetingInput } from "../../../app/domain/groups/meetings/meeting-fields";
import { scheduleGroupMeeting } from "../../../app/domain/groups/meetings/schedule-group-meeting.server";
import { createOrg, createPeerGroup, createUser, sessionCookieFor, uniqueWord } from "../../support/factories";
import { postForm } from "../../support/http-helpers";
import type { TestServer } from "../../support/test-server";

export type Person = Awaited<ReturnType<typeof createUser>>;

export async function spaceSetting(db: Database) {
  const orgA = await createOrg(db, { crossOrgConnections: true });
  const orgB = await createOrg(db, { crossOrgConnections: true });
  // Unique names, so a mention in one test never matches a person of another.
  const person = (orgId: string, first: string, roles: Person["roles"]) => createUser(db, { orgId, roles, name: `${first} ${uniqueWord()}` });
  const convener = await person(orgA.id, "Carla", ["alumnus"]);
  const member = await person(orgA.id, "Mina", ["alumnus"]);
  const guest = await person(orgB.id, "Otto", ["alumnus"]);
  const outsider = await person(orgA.id, "Nora", ["alumnus"]);
  const orgAdmin = await person(orgA.id, "Adam", ["org_admin", "alumnus"]);
  const moderator = await person(orgA.id, "Mo", ["moderator"]);
  const moderatorOfB = await person(orgB.id, "Bea", ["moderator"]);
  const group = await createPeerGroup(db, { orgId: orgA.id, convenerIds: [convener.id], memberIds: [member.id, guest.id], crossOrg: true });
  return { orgA, orgB, convener, member, guest, outsider, orgAdmin, moderator, moderatorOfB, group };
}

export async function setTimeZone(db: Database, userId: string, timeZone: string) {
  await db.update(users).set({ timeZone }).where(eq(users.id, userId));
}

/** A local date N days from now. */
export const daysFromNow = (days: number, from = new Date()) => new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);

export function meetingInput(overrides: Partial<ScheduleMeetingInput> = {}): ScheduleMeetingInput {
  return {
    intent: "schedule",
    title: "Maintenance guild monthly meeting",
    date: daysFromNow(7),
    startTime: "18:00",
    endTime: "19:30",
    timeZone: "Europe/London",
    location: "",
    onlineUrl: "https://meet.example.test/guild",
    repeatCount: 1,
    moduleId: null,
    ...overrides,
  };
}

export const scheduleMeeting = (db: Database, who: Person, groupId: string, overrides: Partial<ScheduleMeetingInput> = {}, now?: Date) =>
  scheduleGroupMeeting(db, who, groupId, meetingInput(overrides), now);

/** Requests to the test server, signed in as a person. */
export function asPerson(server: () => TestServer, db: () => Database) {
  return {
    get: async (path: string, person: Person) => server().request(path, { headers: { Cookie: await sessionCookieFor(db(), person.id) } }),
    post: async (path: string, fields: Record<string, string>, person: Person) => postForm(server(), path, fields, await sessionCookieFor(db(), person.id)),
  };
}
