// What the two formation pages show. The set-up page: the saved set-up, who
// each rule touches, the pairs, recent proposals. The plan page: a run's
// progress, or its proposal beside a random split and a split by department
// (numbers, a chart and a line per group), with everything the browser needs
// to recompute the score while the admin drags people around.
import { formatDateTimeInZone } from "../../../components/format-time";
import type { Database } from "../../../../db/database";
import { ruleReach } from "../../formation/cohort-problem";
import { comparisonChartSvg } from "../../formation/comparison-chart.server";
import type { FormationProblem } from "../../formation/problem";
import { departmentSplit, randomSplit, reportPlan, type PlanReport } from "../../formation/plan-report";
import type { Language } from "../../i18n/languages";
import { translatorFor } from "../../i18n/translators";
import type { Actor } from "../../policy";
import { findCohortForFormation, readFormationContext, type FormationContext } from "./formation-context.server";
import { listPlans, newGroupNames, planProblem, readinessProblem, readPlan, samePeople, slotNames } from "./formation-plans.server";

export async function loadFormationSetup(db: Database, actor: Actor & { timeZone: string }, cohortId: string, language: Language = "en") {
  const cohort = await findCohortForFormation(db, actor, cohortId);
  const [ctx, plans] = await Promise.all([readFormationContext(db, cohort), listPlans(db, cohort)]);
  const names = new Map(ctx.people.map((p) => [p.id, p.name]));
  const pairs = [
    ...ctx.settings.keepTogether.map(([a, b]) => ({ rule: "together" as const, a, b })),
    ...ctx.settings.keepApart.map(([a, b]) => ({ rule: "apart" as const, a, b })),
  ]
    // A pair whose people are no longer placed by this formation is kept in the set-up but not shown.
    .filter((p) => names.has(p.a) && names.has(p.b))
    .map((p) => ({ rule: p.rule, a: { id: p.a, name: names.get(p.a)! }, b: { id: p.b, name: names.get(p.b)! } }));
  return {
    cohort: { id: cohort.id, name: cohort.name },
    kind: ctx.kind,
    settings: ctx.settings,
    preferencesOn: ctx.preferencesOn,
    reach: ruleReach({ people: ctx.people, settings: ctx.settings, preferences: ctx.preferences, pins: {}, at: new Date() }, ctx.preferencesOn),
    people: ctx.people.map((p) => ({ id: p.id, name: p.name })),
    pairs,
    plans: plans.map((p) => ({ id: p.id, status: p.status, people: p.people, when: formatDateTimeInZone(p.createdAt, actor.timeZone, language) })),
    notReady: readinessProblem(cohort, ctx),
    counts: { toPlace: ctx.people.length, enrolled: ctx.enrolled, kept: ctx.kept.length },
  };
}

/** `label` is a catalogue key: the proposal, the random split, the split by department. */
export type Summary = { label: string; objective: number; crossDepartmentTies: number; crossSiteTies: number; repeats: number; violations: number };

const summary = (label: string, r: PlanReport): Summary => ({
  label,
  objective: r.objective,
  crossDepartmentTies: r.crossDepartmentTies,
  crossSiteTies: r.crossSiteTies,
  repeats: r.repeats,
  violations: r.violations.length,
});

export async function loadFormationPlan(db: Database, actor: Actor & { timeZone: string }, cohortId: string, planId: string, language: Language = "en") {
  const cohort = await findCohortForFormation(db, actor, cohortId);
  const plan = await readPlan(db, cohort, planId);
  const base = {
    cohort: { id: cohort.id, name: cohort.name },
    plan: {
      id: plan.id,
      status: plan.status,
      kind: plan.kind,
      value: plan.value,
      progressValue: plan.progressValue,
      progressMs: plan.progressMs,
      timeLimitMs: plan.timeLimitMs,
      error: plan.error,
      problems: plan.problems ?? [],
      people: plan.people.length,
      groups: plan.groupIds.length,
      when: formatDateTimeInZone(plan.createdAt, actor.timeZone, language),
    },
  };
  // A published plan's groups are the cohort's groups now: the groups page shows them.
  if (plan.status !== "proposed" || !plan.assignment) return { ...base, proposal: null, stale: null };

  const ctx: FormationContext = await readFormationContext(db, cohort);
  const stale = ctx.kind !== plan.kind || !samePeople(plan.people, ctx.people.map((p) => p.id));
  // The proposal is scored on the people as they are now, in the plan's order.
  const byId = new Map(ctx.people.map((p) => [p.id, p]));
  if (stale || plan.people.some((id) => !byId.has(id))) {
    return {
      ...base,
      proposal: null,
      stale: "cohorts:plan.stale",
    };
  }
  const ordered = { ...ctx, settings: { ...ctx.settings, ...(plan.settings as object) }, people: plan.people.map((id) => byId.get(id)!) };
  const { problem } = planProblem(ordered, plan.groupIds, plan.pins, new Date());
  const { state } = ctx;
  const existing = new Map(state.formation.groups.map((g) => [g.groupId!, g.name]));
  const groupNames = slotNames(plan.groupIds, existing, state.finishedGroups.map((g) => g.name), newGroupNames(language));
  const name = (g: number) => groupNames[g]!;
  const assignment = plan.assignment;
  const proposalReport = reportPlan(problem, assignment, plan.groupIds.length, name);
  const rows: Summary[] = [summary("cohorts:plan.rows.proposal", proposalReport)];
  // Baselines only mean something when everyone is placed afresh; late joiners join fixed groups.
  if (plan.kind !== "late_joiners") {
    rows.push(summary("cohorts:plan.rows.random", reportPlan(problem, randomSplit(problem, plan.groupIds.length, plan.seed), plan.groupIds.length, name)));
    rows.push(summary("cohorts:plan.rows.byDepartment", reportPlan(problem, departmentSplit(problem, plan.groupIds.length), plan.groupIds.length, name)));
  }
  const t = translatorFor(language);
  const chart = comparisonChartSvg(rows.map((r) => ({ label: t(r.label), crossDepartmentTies: r.crossDepartmentTies, crossSiteTies: r.crossSiteTies, repeats: r.repeats, violations: r.violations })), language);
  return {
    ...base,
    stale: null,
    proposal: {
      people: ordered.people.map((p) => ({ id: p.id, name: p.name, department: p.department, site: p.site })),
      groupNames,
      assignment,
      pinned: Object.keys(plan.pins),
      problem: problem as FormationProblem,
      rows,
      chart: `data:image/svg+xml;base64,${Buffer.from(chart).toString("base64")}`,
      kept: ctx.kept,
    },
  };
}
