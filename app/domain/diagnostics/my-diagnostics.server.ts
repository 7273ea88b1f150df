// A person's own ARC self-assessments: the moments open to them now, what
// they answered before (their before and after per dimension), and the next
// steps their latest answers suggest. Only ever the person's own rows: every
// query is scoped to the actor, and another person's cycle is a 404.
import { and, asc, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { cohorts, cycles, diagnosticResponses, groupMembers, groups, mentorships, users } from "../../../db/schema";
import { NotFoundError } from "../http-errors";
import { InputError } from "../input-error";
import { canPropose, type Actor } from "../policy";
import { isUuid } from "../uuid";
import { ARC_INSTRUMENT, arcScores, type ArcAnswers, type ArcScores } from "./arc-self-assessment";
import { DIAGNOSTIC_MOMENTS, isMomentOpen, openMoments, type CycleDates, type DiagnosticMoment } from "./diagnostic-moments";
import { nextSteps, type NextStep } from "./next-steps";
import { loadTies } from "./ties.server";

// The meetings are over when the continue vote opened, or when the cycle ended without one.
export const cycleFinishedAt = sql<Date | null>`coalesce(${cycles.voteOpenedAt}, ${cycles.endedAt})`.mapWith((v) => (v === null ? null : new Date(v)));

/** The programme cycles the actor is (or was) a member of, newest first. */
async function myCycles(db: Database, actor: Actor) {
  return db
    .select({ id: cycles.id, number: cycles.number, groupName: groups.name, startedAt: cycles.startedAt, finishedAt: cycleFinishedAt })
    .from(groupMembers)
    .innerJoin(groups, and(eq(groups.id, groupMembers.groupId), eq(groups.orgId, actor.orgId)))
    .innerJoin(cohorts, eq(cohorts.id, groups.cohortId))
    .innerJoin(cycles, eq(cycles.groupId, groups.id))
    .where(and(eq(groupMembers.userId, actor.id), eq(groupMembers.role, "member")))
    .orderBy(desc(cycles.createdAt), asc(groups.name));
}

export type MyCycleDiagnostics = {
  cycleId: string;
  /** The page names it from these ("group · cycle N"), in the reader's language. */
  groupName: string;
  number: number;
  open: DiagnosticMoment[];
  answered: { moment: DiagnosticMoment; answeredAt: string; scores: ArcScores }[];
};

export type MyDiagnostics = { cycles: MyCycleDiagnostics[]; latestAnswers: ArcAnswers | null; nextSteps: NextStep[] };

export async function loadMyDiagnostics(db: Database, actor: Actor, now = new Date()): Promise<MyDiagnostics> {
  const mine = await myCycles(db, actor);
  const responses = mine.length
    ? await db
        .select({ cycleId: diagnosticResponses.cycleId, moment: diagnosticResponses.moment, answers: diagnosticResponses.answers, answeredAt: diagnosticResponses.answeredAt })
        .from(diagnosticResponses)
        .where(and(eq(diagnosticResponses.userId, actor.id), inArray(diagnosticResponses.cycleId, mine.map((c) => c.id)), eq(diagnosticResponses.instrument, ARC_INSTRUMENT)))
        .orderBy(asc(diagnosticResponses.answeredAt))
    : [];
  const list: MyCycleDiagnostics[] = mine.map((c) => {
    const own = responses.filter((r) => r.cycleId === c.id).sort((x, y) => DIAGNOSTIC_MOMENTS.indexOf(x.moment) - DIAGNOSTIC_MOMENTS.indexOf(y.moment));
    return {
      cycleId: c.id,
      groupName: c.groupName,
      number: c.number,
      open: openMoments(c, new Set(own.map((r) => r.moment)), now),
      answered: own.map((r) => ({ moment: r.moment, answeredAt: r.answeredAt.toISOString(), scores: arcScores(r.answers) })),
    };
  }).filter((c) => c.open.length || c.answered.length);
  const latest = responses.at(-1);
  if (!latest) return { cycles: list, latestAnswers: null, nextSteps: [] };
  const [crossDepartmentTies, hasMentor] = await Promise.all([countCrossDepartmentTies(db, actor), hasMentorNow(db, actor)]);
  return {
    cycles: list,
    latestAnswers: latest.answers,
    nextSteps: nextSteps({ answers: latest.answers, crossDepartmentTies, canPropose: canPropose(actor), hasMentor }),
  };
}

async function countCrossDepartmentTies(db: Database, actor: Actor) {
  const ties = await loadTies(db, actor.orgId, [actor.id]);
  const others = ties.map((t) => (t.a === actor.id ? t.b : t.a));
  if (!others.length) return 0;
  const rows = await db.select({ id: users.id, departmentId: users.departmentId }).from(users).where(inArray(users.id, [actor.id, ...others]));
  const mine = rows.find((r) => r.id === actor.id)?.departmentId ?? null;
  // With no department of one's own, nobody can be said to be from another one.
  return mine === null ? 0 : rows.filter((r) => r.id !== actor.id && r.departmentId !== null && r.departmentId !== mine).length;
}

async function hasMentorNow(db: Database, actor: Actor) {
  const [row] = await db.select({ id: mentorships.id }).from(mentorships).where(and(eq(mentorships.menteeId, actor.id), inArray(mentorships.status, ["asked", "active"]))).limit(1);
  return !!row;
}

/** The actor's own cycle, or a 404: someone else's cycle, another organisation's, or not a member. */
export async function findMyCycle(db: Database, actor: Actor, cycleId: string): Promise<CycleDates & { id: string; groupName: string; number: number }> {
  if (!isUuid(cycleId)) throw new NotFoundError();
  const [row] = await db
    .select({ id: cycles.id, number: cycles.number, groupName: groups.name, startedAt: cycles.startedAt, finishedAt: cycleFinishedAt })
    .from(cycles)
    // A programme group that carried on as a peer group keeps its cohort, and its cycles their moments.
    .innerJoin(groups, and(eq(groups.id, cycles.groupId), eq(groups.orgId, actor.orgId), isNotNull(groups.cohortId)))
    .innerJoin(groupMembers, and(eq(groupMembers.groupId, groups.id), eq(groupMembers.userId, actor.id), eq(groupMembers.role, "member")))
    .where(eq(cycles.id, cycleId));
  if (!row) throw new NotFoundError();
  return row;
}

/** Stores the actor's answers for one open moment of their cycle; a second answer to the same moment is refused. */
export async function answerDiagnostic(db: Database, actor: Actor, input: { cycleId: string; moment: DiagnosticMoment; answers: ArcAnswers }, now = new Date()) {
  const cycle = await findMyCycle(db, actor, input.cycleId);
  if (!isMomentOpen(cycle, input.moment, now)) throw new InputError({ form: "programme:diagnostics.errors.notOpen" });
  const [row] = await db
    .insert(diagnosticResponses)
    .values({ userId: actor.id, cycleId: cycle.id, moment: input.moment, instrument: ARC_INSTRUMENT, answers: input.answers, answeredAt: now })
    .onConflictDoNothing()
    .returning({ moment: diagnosticResponses.moment });
  if (!row) throw new InputError({ form: "programme:diagnostics.errors.alreadyAnswered" }, 409);
}
