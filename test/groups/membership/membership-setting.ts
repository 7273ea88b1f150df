// The people and groups the membership tests start from, built fresh per
// test: organisation A (Ada the convener, two members, two alumni who are
// not in the group, a participant) and organisation B with an alumnus.
// Both organisations allow cross-organisation connections unless told.
import { and, eq } from "drizzle-orm";
import type { Database } from "../../../db/database";
import type { Role } from "../../../db/roles";
import { auditEvents, groupJoinRequests, groupMembers, groups, notifications, organisations } from "../../../db/schema";
import { createOrg, createPeerGroup, createUser, uniqueWord } from "../../support/factories";
import { messageIn } from "../../../app/domain/i18n/translators";

export type Person = Awaited<ReturnType<typeof createUser>>;

export const person = (db: Database, orgId: string, roles: Role[] = ["alumnus"], name = `Person ${uniqueWord()}`) => createUser(db, { orgId, roles, name });

export async function membershipSetting(
  db: Database,
  { group = {}, orgA = {}, orgB = {} }: { group?: Partial<typeof groups.$inferInsert>; orgA?: Partial<typeof organisations.$inferInsert>; orgB?: Partial<typeof organisations.$inferInsert> } = {},
) {
  const a = await createOrg(db, { crossOrgConnections: true, ...orgA });
  const b = await createOrg(db, { crossOrgConnections: true, ...orgB });
  const convener = await person(db, a.id, ["alumnus"], `Ada ${uniqueWord()}`);
  const members = [await person(db, a.id), await person(db, a.id)];
  const alumna = await person(db, a.id, ["alumnus"], `Alma ${uniqueWord()}`);
  const alumnus = await person(db, a.id, ["alumnus"], `Bert ${uniqueWord()}`);
  const participant = await person(db, a.id, ["participant"]);
  const outsider = await person(db, b.id, ["alumnus", "org_admin"], `Olu ${uniqueWord()}`);
  const peerGroup = await createPeerGroup(db, { orgId: a.id, convenerIds: [convener.id], memberIds: members.map((m) => m.id), ...group });
  return { orgA: a, orgB: b, group: peerGroup, convener, members, alumna, alumnus, participant, outsider };
}

export async function roleIn(db: Database, groupId: string, userId: string) {
  const [row] = await db.select({ role: groupMembers.role }).from(groupMembers).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId)));
  return row?.role ?? null;
}

export async function memberCount(db: Database, groupId: string) {
  return (await db.select().from(groupMembers).where(eq(groupMembers.groupId, groupId))).length;
}

export async function requestsOf(db: Database, groupId: string, userId: string) {
  return db.select().from(groupJoinRequests).where(and(eq(groupJoinRequests.groupId, groupId), eq(groupJoinRequests.userId, userId)));
}

export async function noticesFor(db: Database, userId: string) {
  return (await db.select().from(notifications).where(eq(notifications.userId, userId))).map((n) => ({ kind: n.kind, title: n.title, body: n.body, link: n.link }));
}

export async function auditActions(db: Database, groupId: string) {
  return (await db.select().from(auditEvents).where(eq(auditEvents.targetId, groupId))).map((e) => e.action);
}

/** What a rejected promise carried: an HTTP-like status and message, for InputError and the Response errors alike. */
export async function refusal(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    // Refusals carry catalogue keys; the message is what an English reader is told.
    if (error instanceof Response) return { status: error.status, message: messageIn("en", await error.text()) };
    const e = error as { status?: number; fieldErrors?: Record<string, string> };
    if (e.fieldErrors) return { status: e.status ?? 400, message: Object.values(e.fieldErrors).map((m) => messageIn("en", m)).join(" ") };
    throw error;
  }
  throw new Error("expected a refusal, but it went through");
}
