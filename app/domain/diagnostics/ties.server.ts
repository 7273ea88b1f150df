// Who has met whom inside one organisation: two people in the same programme
// group or peer group (any role), or a mentoring pair that got going. A tie
// dates from when both were there (the later of the two joins, or the pair's
// start); the same two people met twice keep their earliest date. One query
// per source, whatever the size of the organisation.
import { and, eq, inArray, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../../../db/database";
import { groupMembers, groups, mentorships, users } from "../../../db/schema";

export type Tie = { a: string; b: string; since: Date };

/** The ties of the organisation, or only those touching `people` when given. Each pair once, a < b. */
export async function loadTies(db: Database, orgId: string, people?: readonly string[]): Promise<Tie[]> {
  if (people && people.length === 0) return [];
  const g1 = alias(groupMembers, "g1");
  const g2 = alias(groupMembers, "g2");
  const u1 = alias(users, "u1");
  const u2 = alias(users, "u2");
  const touches = (a: typeof g1.userId | typeof mentorships.mentorId, b: typeof g2.userId | typeof mentorships.menteeId) =>
    people ? or(inArray(a, [...people]), inArray(b, [...people])) : undefined;
  const [fromGroups, fromMentoring] = await Promise.all([
    db
      .select({ a: g1.userId, b: g2.userId, aJoined: g1.joinedAt, bJoined: g2.joinedAt })
      .from(g1)
      .innerJoin(g2, and(eq(g2.groupId, g1.groupId), sql`${g1.userId} < ${g2.userId}`))
      .innerJoin(groups, eq(groups.id, g1.groupId))
      .innerJoin(u1, and(eq(u1.id, g1.userId), eq(u1.orgId, orgId)))
      .innerJoin(u2, and(eq(u2.id, g2.userId), eq(u2.orgId, orgId)))
      .where(and(eq(groups.orgId, orgId), touches(g1.userId, g2.userId))),
    db
      .select({ mentor: mentorships.mentorId, mentee: mentorships.menteeId, decidedAt: mentorships.decidedAt, createdAt: mentorships.createdAt })
      .from(mentorships)
      .innerJoin(u1, and(eq(u1.id, mentorships.mentorId), eq(u1.orgId, orgId)))
      .innerJoin(u2, and(eq(u2.id, mentorships.menteeId), eq(u2.orgId, orgId)))
      .where(and(inArray(mentorships.status, ["active", "ended"]), touches(mentorships.mentorId, mentorships.menteeId))),
  ]);
  const earliest = new Map<string, Tie>();
  const add = (x: string, y: string, since: Date) => {
    const [a, b] = x < y ? [x, y] : [y, x];
    const key = `${a} ${b}`;
    const known = earliest.get(key);
    if (!known || since < known.since) earliest.set(key, { a, b, since });
  };
  for (const t of fromGroups) add(t.a, t.b, t.aJoined > t.bJoined ? t.aJoined : t.bJoined);
  for (const t of fromMentoring) add(t.mentor, t.mentee, t.decidedAt ?? t.createdAt);
  return [...earliest.values()];
}
