// Goals of a cycle. While it is planned or running each member writes one
// goal, private unless shared with the group, and the facilitator writes the
// group's goal and their concerns. From the cycle's last meeting on, members
// rate their progress (1–5) and say what helped, and the facilitator rates
// the group's goal.
import { and, eq, gte, ne, sql } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { cycleGoals, cycleMeetings, cycles, reunions } from "../../../../db/schema";
import { ForbiddenError } from "../../http-errors";
import { InputError } from "../../input-error";
import { isCycleMember, isGroupFacilitator, type Actor } from "../../policy";
import { findProgrammeGroup, type Cycle } from "../load-programme-group.server";

const OPEN_FOR_GOALS = new Set<Cycle["state"]>(["planned", "running"]);

/** Whether the cycle's last meeting has begun (or the cycle is past its meetings): the time to rate goals. */
export async function reachedLastMeeting(db: Database, cycle: Cycle, now: Date) {
  if (cycle.state !== "planned" && cycle.state !== "running") return true;
  const [row] = await db
    .select({ started: sql<number>`count(*)::int` })
    .from(cycleMeetings)
    .innerJoin(reunions, eq(reunions.id, cycleMeetings.reunionId))
    .where(and(eq(cycleMeetings.cycleId, cycle.id), ne(reunions.status, "cancelled"), gte(sql`${now.toISOString()}::timestamptz`, reunions.startsAt)));
  return (row?.started ?? 0) >= cycle.meetingsPlanned;
}

async function currentCycle(db: Database, actor: Actor, groupId: string, role: "member" | "facilitator") {
  const group = await findProgrammeGroup(db, actor, groupId);
  const allowed = role === "member" ? isCycleMember(actor, group.access) : isGroupFacilitator(actor, group.access);
  if (!allowed) throw new ForbiddenError(role === "member" ? "groups:cycle.errors.goalsMembers" : "groups:cycle.errors.groupGoalFacilitator");
  if (!group.cycle) throw new InputError({ form: "groups:cycle.errors.noCycle" }, 409);
  return { group, cycle: group.cycle };
}

const tooLate = () => new InputError({ form: "groups:cycle.errors.tooLate" }, 409);
const tooEarly = () => new InputError({ form: "groups:cycle.errors.tooEarly" }, 409);

export async function writeGoal(db: Database, actor: Actor, groupId: string, input: { text: string; shared: boolean }) {
  const { cycle } = await currentCycle(db, actor, groupId, "member");
  if (!OPEN_FOR_GOALS.has(cycle.state)) throw tooLate();
  await db
    .insert(cycleGoals)
    .values({ cycleId: cycle.id, userId: actor.id, text: input.text, shared: input.shared })
    .onConflictDoUpdate({ target: [cycleGoals.cycleId, cycleGoals.userId], set: { text: input.text, shared: input.shared } });
}

export async function rateGoal(db: Database, actor: Actor, groupId: string, input: { progress: number; whatHelped: string }, now = new Date()) {
  const { cycle } = await currentCycle(db, actor, groupId, "member");
  if (!(await reachedLastMeeting(db, cycle, now))) throw tooEarly();
  const rated = await db
    .update(cycleGoals)
    .set({ progress: input.progress, whatHelped: input.whatHelped, ratedAt: now })
    .where(and(eq(cycleGoals.cycleId, cycle.id), eq(cycleGoals.userId, actor.id)))
    .returning({ userId: cycleGoals.userId });
  if (!rated.length) throw new InputError({ form: "groups:cycle.errors.noGoal" }, 409);
}

export async function writeGroupGoal(db: Database, actor: Actor, groupId: string, input: { groupGoal: string; concerns: string }) {
  const { cycle } = await currentCycle(db, actor, groupId, "facilitator");
  if (!OPEN_FOR_GOALS.has(cycle.state)) throw tooLate();
  await db.update(cycles).set({ groupGoal: input.groupGoal, concerns: input.concerns }).where(eq(cycles.id, cycle.id));
}

export async function rateGroupGoal(db: Database, actor: Actor, groupId: string, input: { rating: number; note: string }, now = new Date()) {
  const { cycle } = await currentCycle(db, actor, groupId, "facilitator");
  if (!cycle.groupGoal) throw new InputError({ form: "groups:cycle.errors.groupGoalFirst" }, 409);
  if (!(await reachedLastMeeting(db, cycle, now))) throw tooEarly();
  await db.update(cycles).set({ groupGoalRating: input.rating, groupGoalNote: input.note }).where(eq(cycles.id, cycle.id));
}
