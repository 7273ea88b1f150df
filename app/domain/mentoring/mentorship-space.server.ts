// A mentoring pair's private space: the two of them only (anyone else, admins
// included, gets a 404). Shared goals and check-ins; each person's notes are
// their own and never reach the other.
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../../../db/database";
import { mentoringRequests, mentorshipGoals, mentorshipNotes, mentorshipReflections, mentorships, organisations, reunions, users } from "../../../db/schema";
import { NotFoundError } from "../http-errors";
import { InputError } from "../input-error";
import { canSeeMentorship, type Actor } from "../policy";
import { instantToLocal, isValidLocalDate } from "../reunions/zoned-time";
import { isUuid } from "../uuid";

export const notFoundPair = () => new NotFoundError("mentoring:errors.notFound.pair");

/** The pair, if the actor is its mentor or mentee and it has started; else a 404. */
export async function findMentorship(db: Database, actor: Actor, pairId: string) {
  if (!isUuid(pairId)) throw notFoundPair();
  const mentor = alias(users, "mentor");
  const mentee = alias(users, "mentee");
  const [row] = await db
    .select({
      pair: mentorships,
      mentor: { name: mentor.name, orgId: mentor.orgId, timeZone: mentor.timeZone },
      mentee: { name: mentee.name, orgId: mentee.orgId, timeZone: mentee.timeZone },
    })
    .from(mentorships)
    .innerJoin(mentor, eq(mentor.id, mentorships.mentorId))
    .innerJoin(mentee, eq(mentee.id, mentorships.menteeId))
    .where(eq(mentorships.id, pairId));
  if (!row || !canSeeMentorship(actor, row.pair)) throw notFoundPair();
  // An ask that was never accepted has no space.
  if (row.pair.status !== "active" && row.pair.status !== "ended") throw notFoundPair();
  const role = row.pair.mentorId === actor.id ? ("mentor" as const) : ("mentee" as const);
  const other = role === "mentor" ? { id: row.pair.menteeId, ...row.mentee } : { id: row.pair.mentorId, ...row.mentor };
  return { ...row.pair, mentor: { id: row.pair.mentorId, ...row.mentor }, mentee: { id: row.pair.menteeId, ...row.mentee }, role, other };
}
export type Mentorship = Awaited<ReturnType<typeof findMentorship>>;

export function requireRunning(pair: { status: string }) {
  if (pair.status !== "active") throw new InputError({ form: "mentoring:errors.ended" }, 409);
}

export async function loadPairSpace(db: Database, actor: Actor, pairId: string) {
  const pair = await findMentorship(db, actor, pairId);
  const [request] = pair.requestId ? await db.select({ goal: mentoringRequests.goal }).from(mentoringRequests).where(eq(mentoringRequests.id, pair.requestId)) : [];
  const orgNames = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(inArray(organisations.id, [pair.mentor.orgId, pair.mentee.orgId]));
  const orgName = (id: string) => orgNames.find((o) => o.id === id)?.name ?? "";
  const goals = await db.select().from(mentorshipGoals).where(eq(mentorshipGoals.mentorshipId, pair.id)).orderBy(asc(mentorshipGoals.createdAt), asc(mentorshipGoals.id));
  const checkIns = await db
    .select({ id: reunions.id, startsAt: reunions.startsAt, endsAt: reunions.endsAt, status: reunions.status, location: reunions.location, onlineUrl: reunions.onlineUrl })
    .from(reunions)
    .where(eq(reunions.mentorshipId, pair.id))
    .orderBy(asc(reunions.startsAt));
  // Only the viewer's own notes are ever read.
  const notes = await db
    .select({ id: mentorshipNotes.id, text: mentorshipNotes.text, createdAt: mentorshipNotes.createdAt })
    .from(mentorshipNotes)
    .where(and(eq(mentorshipNotes.mentorshipId, pair.id), eq(mentorshipNotes.authorId, actor.id)))
    .orderBy(desc(mentorshipNotes.createdAt));
  const reflections = await db
    .select({ userId: mentorshipReflections.userId, name: users.name, text: mentorshipReflections.text, createdAt: mentorshipReflections.createdAt })
    .from(mentorshipReflections)
    .innerJoin(users, eq(users.id, mentorshipReflections.userId))
    .where(eq(mentorshipReflections.mentorshipId, pair.id))
    .orderBy(asc(mentorshipReflections.createdAt));
  return {
    pair: {
      id: pair.id,
      status: pair.status,
      role: pair.role,
      endsOn: pair.endsOn,
      startedAt: pair.decidedAt?.toISOString() ?? pair.createdAt.toISOString(),
      endedAt: pair.endedAt?.toISOString() ?? null,
      requestGoal: request?.goal ?? null,
      mentor: { name: pair.mentor.name, orgName: orgName(pair.mentor.orgId) },
      mentee: { name: pair.mentee.name, orgName: orgName(pair.mentee.orgId) },
      otherName: pair.other.name,
    },
    goals: goals.map((g) => ({ id: g.id, text: g.text, doneAt: g.doneAt?.toISOString() ?? null })),
    checkIns: checkIns.map((c) => ({ ...c, startsAt: c.startsAt?.toISOString() ?? null, endsAt: c.endsAt?.toISOString() ?? null })),
    notes: notes.map((n) => ({ ...n, createdAt: n.createdAt.toISOString() })),
    reflections: reflections.map((r) => ({ name: r.name, text: r.text, mine: r.userId === actor.id, createdAt: r.createdAt.toISOString() })),
    mayReflect: pair.status === "ended" && !reflections.some((r) => r.userId === actor.id),
  };
}

export async function addGoal(db: Database, actor: Actor, pairId: string, text: string) {
  const pair = await findMentorship(db, actor, pairId);
  requireRunning(pair);
  await db.insert(mentorshipGoals).values({ mentorshipId: pair.id, text, createdBy: actor.id });
}

export async function setGoalDone(db: Database, actor: Actor, pairId: string, goalId: string, done: boolean, now = new Date()) {
  const pair = await findMentorship(db, actor, pairId);
  requireRunning(pair);
  const updated = await db
    .update(mentorshipGoals)
    .set({ doneAt: done ? now : null })
    .where(and(eq(mentorshipGoals.id, goalId), eq(mentorshipGoals.mentorshipId, pair.id)))
    .returning({ id: mentorshipGoals.id });
  if (updated.length === 0) throw new InputError({ form: "mentoring:errors.goalGone" });
}

/** A private note: kept after the pair ends, for the writer's own look back. */
export async function addNote(db: Database, actor: Actor, pairId: string, text: string) {
  const pair = await findMentorship(db, actor, pairId);
  await db.insert(mentorshipNotes).values({ mentorshipId: pair.id, authorId: actor.id, text });
}

/** The planned end date, as a day in the writer's own zone; empty clears it. */
export async function setEndDate(db: Database, actor: Actor & { timeZone: string }, pairId: string, endsOn: string, now = new Date()) {
  const pair = await findMentorship(db, actor, pairId);
  requireRunning(pair);
  if (endsOn && !isValidLocalDate(endsOn)) throw new InputError({ endsOn: "mentoring:errors.endsOnDate" });
  if (endsOn && endsOn < instantToLocal(now, actor.timeZone).date) throw new InputError({ endsOn: "mentoring:errors.endsOnPast" });
  await db.update(mentorships).set({ endsOn: endsOn || null }).where(eq(mentorships.id, pair.id));
}
