// The use-cases of forming a cohort's groups with the engine: save the
// set-up, propose (a run in a worker), cancel, adjust a proposal (move, swap,
// pin), and publish it through applyFormation, the same use-case the
// hand-made screen saves through. A plan is checked against the cohort as it
// stands under the cohort's lock when published: a plan made before someone
// enrolled or a group finished is refused with the reason, never half-applied.
import { and, desc, eq, ne, sql } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { cohorts, formationPlans } from "../../../../db/schema";
import { recordAudit } from "../../audit/record-audit.server";
import { buildCohortProblem, type CohortProblem } from "../../formation/cohort-problem";
import { groupCountFor, readSettings, sizeProblem, type FormationSettings } from "../../formation/formation-settings";
import { compileRules } from "../../formation/rules";
import { message } from "../../i18n/message";
import { nestedMessage } from "../../i18n/nested-message";
import type { Language } from "../../i18n/languages";
import { translatorFor } from "../../i18n/translators";
import { InputError } from "../../input-error";
import type { Actor } from "../../policy";
import { applyFormation, type CurrentFormation } from "../cohorts/apply-formation.server";
import type { Formation } from "../formation";
import { findCohortForFormation, readFormationContext, type Cohort, type FormationContext, type FormationKind } from "./formation-context.server";
import { SILENT_AFTER_MS, type FormationRunner } from "./formation-runner.server";

export type Plan = typeof formationPlans.$inferSelect;

/** Saves the set-up after checking it against the cohort: pairs name enrolled people and never contradict each other. */
export async function saveFormationSetup(db: Database, actor: Actor, cohortId: string, settings: FormationSettings) {
  const cohort = await findCohortForFormation(db, actor, cohortId);
  if (cohort.sponsorshipEndedAt) throw new InputError({ form: "cohorts:formation.errors.sponsorshipEnded" });
  if (settings.groupSizeMin > settings.groupSizeMax) {
    throw new InputError({ groupSizeMin: message("cohorts:formation.errors.minAboveMax", { min: settings.groupSizeMin, max: settings.groupSizeMax }) });
  }
  const key = ([a, b]: [string, string]) => [a, b].sort().join("|");
  const apart = new Set(settings.keepApart.map(key));
  const both = settings.keepTogether.find((p) => apart.has(key(p)));
  if (both) throw new InputError({ pair: "cohorts:formation.errors.pairContradicts" });
  for (const [a, b] of [...settings.keepTogether, ...settings.keepApart]) if (a === b) throw new InputError({ pair: "cohorts:formation.errors.pairSamePerson" });
  await db.update(cohorts).set({ formationSettings: settings }).where(eq(cohorts.id, cohort.id));
}

/** The set-up as saved, with a pair edit applied (the pair rules are edited one pair at a time). */
export async function editFormationPairs(
  db: Database,
  actor: Actor,
  cohortId: string,
  edit: { intent: "add-pair"; rule: "together" | "apart"; a: string; b: string } | { intent: "remove-pair"; rule: "together" | "apart"; a: string; b: string },
) {
  const cohort = await findCohortForFormation(db, actor, cohortId);
  const settings = readSettings(cohort.formationSettings, cohort);
  const ctx = await readFormationContext(db, cohort);
  const field = edit.rule === "together" ? "keepTogether" : "keepApart";
  const same = (p: [string, string]) => (p[0] === edit.a && p[1] === edit.b) || (p[0] === edit.b && p[1] === edit.a);
  if (edit.intent === "add-pair") {
    if (edit.a === edit.b) throw new InputError({ pair: "cohorts:formation.errors.pairSamePerson" });
    const ids = new Set(ctx.people.map((p) => p.id));
    if (!ids.has(edit.a) || !ids.has(edit.b)) throw new InputError({ pair: "cohorts:formation.errors.pairNotPlaced" });
    if (settings[field].some(same)) throw new InputError({ pair: "cohorts:formation.errors.pairExists" });
    settings[field] = [...settings[field], [edit.a, edit.b]];
  } else {
    settings[field] = settings[field].filter((p) => !same(p));
  }
  await saveFormationSetup(db, actor, cohortId, settings);
}

/** Why this cohort cannot be formed now, as a message (message.ts); null when a run can start. */
export function readinessProblem(cohort: Cohort, ctx: FormationContext): string | null {
  if (cohort.sponsorshipEndedAt) return "cohorts:formation.errors.sponsorshipEnded";
  if (ctx.kind === "late_joiners") return ctx.unplaced === 0 ? "cohorts:formation.errors.nobodyToPlace" : null;
  return sizeProblem(ctx.people.length, ctx.settings.groupSizeMin, ctx.settings.groupSizeMax);
}

/** The plan's groups: the existing group's id, or null for a new one. */
function slotsFor(ctx: FormationContext): (string | null)[] {
  if (ctx.kind === "late_joiners") return ctx.slots.map((s) => s.groupId);
  const count = groupCountFor(ctx.people.length, ctx.settings.groupSizeMin, ctx.settings.groupSizeMax)!;
  return Array.from({ length: count }, (_, g) => ctx.reusable[g]?.groupId ?? null);
}

function problemFor(ctx: FormationContext, groupIds: (string | null)[], pins: Record<string, number>, at: Date): CohortProblem {
  return buildCohortProblem({
    people: ctx.people,
    settings: ctx.settings,
    groupCount: groupIds.length,
    metBefore: ctx.metBefore,
    preferences: ctx.preferences,
    pins,
    bounds: ctx.bounds ?? undefined,
    at,
  });
}

/** Starts a run; `from` re-runs around a plan's pins (and keeps its groups). Returns the new plan's id. */
export async function proposeFormation(db: Database, runner: FormationRunner, actor: Actor, cohortId: string, { from }: { from?: string } = {}): Promise<string> {
  const planned = await planRun(db, runner, actor, cohortId, { from });
  planned.start?.();
  return planned.planId;
}

/**
 * "Propose groups" on the set-up form: saves the set-up and proposes from
 * it, all or nothing. A proposal refused under the new set-up (too few
 * people for its group sizes) leaves the saved set-up as it was, so a
 * refused form changes nothing (issue 20). The run starts once both are stored.
 */
export async function saveSetupAndPropose(db: Database, runner: FormationRunner, actor: Actor, cohortId: string, settings: FormationSettings): Promise<string> {
  const planned = await db.transaction(async (tx) => {
    await saveFormationSetup(tx, actor, cohortId, settings);
    return planRun(tx, runner, actor, cohortId, {});
  });
  planned.start?.();
  return planned.planId;
}

/** The plan's row, and how to start its run once that row is stored (none when the rules cannot all hold). */
async function planRun(db: Database, runner: FormationRunner, actor: Actor, cohortId: string, { from }: { from?: string }): Promise<{ planId: string; start: (() => void) | null }> {
  const cohort = await findCohortForFormation(db, actor, cohortId);
  const ctx = await readFormationContext(db, cohort);
  const notReady = readinessProblem(cohort, ctx);
  if (notReady) throw new InputError({ form: notReady });
  let groupIds = slotsFor(ctx);
  let pins: Record<string, number> = {};
  if (from) {
    const earlier = await findPlan(db, cohort, from);
    if (earlier.kind !== ctx.kind || !samePeople(earlier.people, ctx.people.map((p) => p.id))) {
      throw new InputError({ form: "cohorts:formation.errors.pinsNoLongerFit" });
    }
    groupIds = earlier.groupIds;
    pins = earlier.pins;
  }
  const at = new Date();
  const { problem } = problemFor(ctx, groupIds, pins, at);
  const [{ count }] = (await db.select({ count: sql<number>`count(*)::int` }).from(formationPlans).where(eq(formationPlans.cohortId, cohort.id))) as [{ count: number }];
  const base = {
    orgId: cohort.orgId,
    cohortId: cohort.id,
    kind: ctx.kind,
    createdBy: actor.id,
    settings: ctx.settings,
    people: ctx.people.map((p) => p.id),
    groupIds,
    pins,
    timeLimitMs: ctx.settings.seconds * 1000,
    seed: count + 1,
  };
  // Rules that cannot all hold are explained at once, without a run.
  const compiled = compileRules(problem);
  if (!compiled.ok) {
    const name = (i: number) => problem.people?.[i]?.name ?? `person ${i + 1}`;
    const problems = compiled.problems.map((p) => ({ rule: p.rule, people: p.people.map(name), message: p.message }));
    const [row] = await db.insert(formationPlans).values({ ...base, status: "failed", problems }).returning({ id: formationPlans.id });
    return { planId: row!.id, start: null };
  }
  const [row] = await db.insert(formationPlans).values({ ...base, status: "running" }).returning({ id: formationPlans.id });
  return { planId: row!.id, start: () => runner.start(row!.id, problem, { timeLimitMs: base.timeLimitMs, seed: base.seed, start: ctx.start ? Int32Array.from(ctx.start) : undefined }) };
}

export const samePeople = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

async function findPlan(db: Database, cohort: Cohort, planId: string, { forUpdate = false } = {}): Promise<Plan> {
  const query = db
    .select()
    .from(formationPlans)
    .where(and(eq(formationPlans.id, planId), eq(formationPlans.cohortId, cohort.id)));
  const [plan] = forUpdate ? await query.for("update") : await query;
  if (!plan) throw new InputError({ form: "cohorts:formation.errors.planNotFound" }, 409);
  return plan;
}

/** A plan as a reader should see it: a running plan whose process went silent is reported as interrupted. */
export async function readPlan(db: Database, cohort: Cohort, planId: string): Promise<Plan> {
  const plan = await findPlan(db, cohort, planId);
  if (plan.status === "running" && Date.now() - plan.heartbeatAt.getTime() > SILENT_AFTER_MS) {
    const [ended] = await db
      .update(formationPlans)
      .set({ status: "failed", error: "cohorts:formation.errors.interrupted", updatedAt: new Date() })
      .where(and(eq(formationPlans.id, plan.id), eq(formationPlans.status, "running")))
      .returning();
    return ended ?? (await findPlan(db, cohort, planId));
  }
  return plan;
}

export async function cancelFormation(db: Database, runner: FormationRunner, actor: Actor, cohortId: string, planId: string) {
  const cohort = await findCohortForFormation(db, actor, cohortId);
  await findPlan(db, cohort, planId);
  await db
    .update(formationPlans)
    .set({ status: "cancelled", updatedAt: new Date() })
    .where(and(eq(formationPlans.id, planId), eq(formationPlans.status, "running")));
  // A run of another process notices at its next heartbeat.
  runner.cancel(planId);
}

export type PlanEdit = { intent: "move"; userId: string; toGroup: number } | { intent: "swap"; userId: string; otherId: string } | { intent: "pin"; userId: string; pinned: boolean };

/** Applies an adjustment to a proposal under the plan's row lock, so two quick drags both hold. */
export async function editFormationPlan(db: Database, actor: Actor, cohortId: string, planId: string, edit: PlanEdit) {
  const cohort = await findCohortForFormation(db, actor, cohortId);
  await db.transaction(async (tx) => {
    const plan = await findPlan(tx, cohort, planId, { forUpdate: true });
    if (plan.status !== "proposed" || !plan.assignment) throw new InputError({ form: "cohorts:formation.errors.notAdjustable" }, 409);
    const index = new Map(plan.people.map((id, i) => [id, i]));
    const at = (id: string, field: string) => {
      const i = index.get(id);
      if (i === undefined) throw new InputError({ [field]: "cohorts:formation.errors.personNotInPlan" });
      return i;
    };
    const assignment = [...plan.assignment];
    const pins = { ...plan.pins };
    if (edit.intent === "move") {
      if (edit.toGroup < 0 || edit.toGroup >= plan.groupIds.length) throw new InputError({ toGroup: "cohorts:formation.errors.groupNotInPlan" });
      const i = at(edit.userId, "userId");
      assignment[i] = edit.toGroup;
      if (pins[edit.userId] !== undefined) pins[edit.userId] = edit.toGroup;
    } else if (edit.intent === "swap") {
      const i = at(edit.userId, "userId");
      const j = at(edit.otherId, "otherId");
      [assignment[i], assignment[j]] = [assignment[j]!, assignment[i]!];
      for (const id of [edit.userId, edit.otherId]) if (pins[id] !== undefined) pins[id] = assignment[index.get(id)!]!;
    } else {
      const i = at(edit.userId, "userId");
      if (edit.pinned) pins[edit.userId] = assignment[i]!;
      else delete pins[edit.userId];
    }
    await tx.update(formationPlans).set({ assignment, pins, updatedAt: new Date() }).where(eq(formationPlans.id, plan.id));
  });
}

/** A new group's name in the admin's language ("Group 3", "グループ 3"): it is the name the group keeps once published. */
export const newGroupNames = (language: Language) => {
  const t = translatorFor(language, "cohorts");
  return (n: number) => t("plan.newGroup", { number: n });
};

/** Names for a plan's groups: an existing group keeps its name; new ones take the next free "Group N". */
export function slotNames(
  groupIds: readonly (string | null)[],
  existing: ReadonlyMap<string, string>,
  taken: readonly string[],
  newName: (n: number) => string = newGroupNames("en"),
): string[] {
  const used = new Set([...existing.values(), ...taken].map((n) => n.trim().toLowerCase()));
  let next = 1;
  return groupIds.map((id) => {
    if (id && existing.has(id)) return existing.get(id)!;
    while (used.has(newName(next).toLowerCase())) next++;
    used.add(newName(next).toLowerCase());
    return newName(next++);
  });
}

/** The cohort's formation with this plan's groups, or the reason the plan no longer fits the cohort. */
export function formationFromPlan(
  plan: Pick<Plan, "kind" | "people" | "groupIds" | "assignment">,
  current: CurrentFormation,
  newName: (n: number) => string = newGroupNames("en"),
): Formation {
  const active = current.formation.groups;
  const placed = new Set(active.flatMap((g) => g.memberIds));
  const stale = (why: string, values?: Record<string, number>) => new InputError({ form: message(`cohorts:formation.stale.${why}`, values) }, 409);
  const expected =
    plan.kind === "form"
      ? [...current.enrolled]
      : plan.kind === "re_form"
        ? [...current.enrolled].filter((id) => !placed.has(id))
        : [...active.flatMap((g) => g.memberIds), ...[...current.enrolled].filter((id) => !placed.has(id))];
  const kindNow: FormationKind = !active.some((g) => current.groupsWithCycles.has(g.groupId!)) ? "form" : current.finishedNames.length ? "re_form" : "late_joiners";
  if (kindNow !== plan.kind) throw stale("groupsChanged");
  if (!samePeople(plan.people, expected)) {
    const now = new Set(expected);
    const was = new Set(plan.people);
    const joined = expected.filter((id) => !was.has(id)).length;
    const left = plan.people.filter((id) => !now.has(id)).length;
    if (joined && left) {
      throw new InputError({ form: nestedMessage("cohorts:formation.stale.joinedAndLeft", { count: joined, left: message("cohorts:formation.stale.leftPart", { count: left }) }) }, 409);
    }
    throw joined ? stale("joined", { count: joined }) : stale("left", { count: left });
  }
  const existing = new Map(active.map((g) => [g.groupId!, g.name]));
  if (plan.groupIds.some((id) => id !== null && !existing.has(id))) throw stale("groupGone");
  const names = slotNames(plan.groupIds, existing, current.finishedNames, newName);
  const members = plan.groupIds.map(() => [] as string[]);
  plan.assignment!.forEach((g, i) => members[g]!.push(plan.people[i]!));
  const planned: Formation["groups"] = plan.groupIds.map((groupId, g) => ({
    groupId,
    name: names[g]!,
    facilitatorId: groupId ? (active.find((a) => a.groupId === groupId)?.facilitatorId ?? null) : null,
    memberIds: members[g]!,
  }));
  if (plan.kind === "form") return { groups: planned.filter((g) => g.memberIds.length > 0 || g.groupId !== null) };
  // re_form keeps the continuing groups as they are beside the new ones.
  if (plan.kind === "re_form") return { groups: [...active, ...planned.filter((g) => g.memberIds.length > 0)] };
  return { groups: planned };
}

/** Publishes a proposal: the cohort's groups become the plan's, with an audit entry and a notice to each person placed. */
export async function publishFormation(db: Database, actor: Actor, cohortId: string, planId: string, language: Language = "en") {
  const cohort = await findCohortForFormation(db, actor, cohortId);
  return db.transaction(async (tx) => {
    const plan = await findPlan(tx, cohort, planId, { forUpdate: true });
    if (plan.status === "published") throw new InputError({ form: "cohorts:formation.errors.alreadyPublished" }, 409);
    if (plan.status !== "proposed" || !plan.assignment) throw new InputError({ form: "cohorts:formation.errors.notFinished" }, 409);
    const result = await applyFormation(tx, actor, cohort.id, (current) => formationFromPlan(plan, current, newGroupNames(language)));
    const now = new Date();
    await tx.update(formationPlans).set({ status: "published", publishedAt: now, publishedBy: actor.id, updatedAt: now }).where(eq(formationPlans.id, plan.id));
    // Other proposals of the cohort were made for a formation that no longer stands.
    await tx
      .update(formationPlans)
      .set({ status: "superseded", updatedAt: now })
      .where(and(eq(formationPlans.cohortId, cohort.id), ne(formationPlans.id, plan.id), eq(formationPlans.status, "proposed")));
    await recordAudit(tx, {
      actorId: actor.id,
      action: "cohort.formation_published",
      targetType: "cohort",
      targetId: cohort.id,
      targetLabel: cohort.name,
      ownerOrgId: cohort.orgId,
      details: { kind: plan.kind, people: plan.people.length, groups: plan.groupIds.length },
    });
    return result;
  });
}

export async function listPlans(db: Database, cohort: Cohort) {
  return db
    .select({ id: formationPlans.id, status: formationPlans.status, kind: formationPlans.kind, value: formationPlans.value, createdAt: formationPlans.createdAt, people: sql<number>`jsonb_array_length(${formationPlans.people})::int` })
    .from(formationPlans)
    .where(eq(formationPlans.cohortId, cohort.id))
    .orderBy(desc(formationPlans.createdAt))
    .limit(10);
}

export { findPlan as findFormationPlan, problemFor as planProblem };
