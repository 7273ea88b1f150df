// What a plan achieves and which rules it breaks, in numbers and messages
// (i18n/nested-message.ts, translated where the page shows them):
// the compare screen sets the proposal beside two naive baselines, and the
// adjust screen recomputes this on every drag. Pure and browser-safe. Rules
// are checked directly rather than through compileRules, which refuses an
// infeasible problem, because a baseline or a hand-moved plan must still be
// reported with whatever it breaks.
import { codes, compileDiversity, metBefore, objective } from "./diversity";
import { nestedMessage as say } from "../i18n/nested-message";
import { personName, type FormationProblem } from "./problem";
import { seededRandom, shuffleInPlace } from "./random";

export type Violation = {
  rule: "sizes" | "never-together" | "always-together" | "department-cap" | "bands" | "pins";
  group: number;
  people: number[];
  message: string;
};

export type GroupReport = { index: number; size: number; departments: number; sites: number; repeats: number; line: string; violations: string[] };

export type PlanReport = {
  objective: number;
  crossDepartmentTies: number;
  crossSiteTies: number;
  repeats: number;
  violations: Violation[];
  groups: GroupReport[];
};

/** A new group's name before it has one: "Group 3". */
export const numberedGroup = (g: number) => say("cohorts:plan.groupNumber", { number: g + 1 });

function pushTo(map: Map<number, number[]>, key: number, value: number) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Why a group is mixed, e.g. "4 departments, 3 sites, nobody has met before". */
function groupLine(size: number, departments: number, sites: number, repeats: number): string {
  if (size === 0) return say("cohorts:plan.line.empty");
  return say("cohorts:plan.line.mixed", {
    departments: departments === 0 ? say("cohorts:plan.line.noDepartment") : say("cohorts:plan.line.departments", { count: departments }),
    sites: sites === 0 ? say("cohorts:plan.line.noSite") : say("cohorts:plan.line.sites", { count: sites }),
    met: repeats === 0 ? say("cohorts:plan.line.nobodyMet") : say("cohorts:plan.line.pairsMet", { count: repeats }),
  });
}

/**
 * The report of one plan. People whose group is outside 0..groupCount−1 are
 * in no group's numbers (the objective is the engine's, over the whole
 * assignment). Work is per group, so a cohort of thousands stays cheap.
 */
export function reportPlan(
  problem: FormationProblem,
  assignment: ArrayLike<number>,
  groupCount: number,
  groupName: (g: number) => string = numberedGroup,
): PlanReport {
  const { n } = problem;
  const people = problem.people ?? [];
  const rules = problem.rules ?? {};
  const d = compileDiversity(n, problem.diversity, people);
  // Only the attribute form knows who met before; a matrix instance has no history.
  const knowsHistory = problem.diversity.kind === "attributes";
  const dept = codes(Array.from({ length: n }, (_, i) => people[i]?.department));
  const site = codes(Array.from({ length: n }, (_, i) => people[i]?.site));
  const band = codes(Array.from({ length: n }, (_, i) => people[i]?.band));
  const name = (i: number) => personName(problem, i);
  const names = (ids: number[]) => ids.map(name);

  const members: number[][] = Array.from({ length: groupCount }, () => []);
  for (let i = 0; i < n; i++) {
    const g = assignment[i]!;
    if (g >= 0 && g < groupCount) members[g]!.push(i);
  }

  const violations: Violation[] = [];
  let crossDepartmentTies = 0;
  let crossSiteTies = 0;
  let repeats = 0;
  const groupRepeats = new Array<number>(groupCount).fill(0);
  const cap = rules.maxPerDepartment ?? 0;

  members.forEach((ids, g) => {
    for (let a = 0; a < ids.length; a++) {
      const i = ids[a]!;
      for (let b = a + 1; b < ids.length; b++) {
        const j = ids[b]!;
        if (knowsHistory && metBefore(d, i, j)) {
          groupRepeats[g]!++;
          continue;
        }
        const di = dept.codes[i]!, dj = dept.codes[j]!;
        if (di >= 0 && dj >= 0 && di !== dj) crossDepartmentTies++;
        const si = site.codes[i]!, sj = site.codes[j]!;
        if (si >= 0 && sj >= 0 && si !== sj) crossSiteTies++;
      }
    }
    repeats += groupRepeats[g]!;

    const bounds = problem.groups[g];
    if (bounds && (ids.length < bounds.min || ids.length > bounds.max)) {
      const message =
        bounds.min === bounds.max
          ? say("cohorts:plan.violations.sizeExactly", { group: groupName(g), count: ids.length, size: bounds.min })
          : say("cohorts:plan.violations.sizeRange", { group: groupName(g), count: ids.length, min: bounds.min, max: bounds.max });
      violations.push({ rule: "sizes", group: g, people: [], message });
    }
    if (cap > 0) {
      const byDept = new Map<number, number[]>();
      for (const i of ids) {
        const c = dept.codes[i]!;
        if (c >= 0) pushTo(byDept, c, i);
      }
      for (const [c, from] of byDept) {
        if (from.length > cap) {
          violations.push({
            rule: "department-cap",
            group: g,
            people: from,
            message: say("cohorts:plan.violations.departmentCap", { people: names(from), department: dept.labels[c]!, group: groupName(g), cap }),
          });
        }
      }
    }
    const byBand = new Map<number, number[]>();
    for (const i of ids) {
      const c = band.codes[i]!;
      if (c >= 0) pushTo(byBand, c, i);
    }
    if (byBand.size > 1) {
      const parts = [...byBand].map(([c, from]) => say("cohorts:plan.violations.atTime", { people: names(from), time: band.labels[c]! }));
      violations.push({
        rule: "bands",
        group: g,
        people: [...byBand.values()].flat(),
        message: say("cohorts:plan.violations.bands", { group: groupName(g), parts }),
      });
    }
  });

  // Rules between people: each is looked at once, so the cost follows the rules, not n².
  for (const [a, b] of rules.neverTogether ?? []) {
    const g = assignment[a]!;
    if (a !== b && g === assignment[b] && g >= 0 && g < groupCount) {
      violations.push({ rule: "never-together", group: g, people: [a, b], message: say("cohorts:plan.violations.neverTogether", { a: name(a), b: name(b), group: groupName(g) }) });
    }
  }
  for (const set of rules.alwaysTogether ?? []) {
    const groups = [...new Set(set.map((i) => assignment[i]!))];
    if (groups.length > 1) {
      violations.push({
        rule: "always-together",
        group: groups[0]!,
        people: [...set],
        message: say("cohorts:plan.violations.alwaysTogether", { people: names([...set]), groups: groups.map(groupName) }),
      });
    }
  }
  for (const [i, g] of rules.pins ?? []) {
    const at = assignment[i]!;
    if (at !== g) {
      violations.push({ rule: "pins", group: at, people: [i], message: say("cohorts:plan.violations.pinned", { person: name(i), pinnedTo: groupName(g), group: groupName(at) }) });
    }
  }
  violations.sort((x, y) => x.group - y.group);

  const byGroup = members.map(() => [] as string[]);
  for (const v of violations) byGroup[v.group]?.push(v.message);

  const groups = members.map((ids, g): GroupReport => {
    const departments = new Set(ids.map((i) => dept.codes[i]!).filter((c) => c >= 0)).size;
    const sites = new Set(ids.map((i) => site.codes[i]!).filter((c) => c >= 0)).size;
    return {
      index: g,
      size: ids.length,
      departments,
      sites,
      repeats: groupRepeats[g]!,
      line: groupLine(ids.length, departments, sites, groupRepeats[g]!),
      violations: byGroup[g]!,
    };
  });

  return { objective: objective(d, assignment), crossDepartmentTies, crossSiteTies, repeats, violations, groups };
}

function checkGroupCount(groupCount: number) {
  if (!Number.isInteger(groupCount) || groupCount < 1) throw new RangeError("A split needs at least one group.");
}

/** Group sizes as even as possible: the first n mod groupCount groups take one more. */
function evenSizes(n: number, groupCount: number): number[] {
  checkGroupCount(groupCount);
  const base = Math.floor(n / groupCount);
  return Array.from({ length: groupCount }, (_, g) => base + (g < n % groupCount ? 1 : 0));
}

/** The naive baseline: a seeded shuffle dealt round the groups, rules ignored. */
export function randomSplit(problem: FormationProblem, groupCount: number, seed: number): Int32Array {
  checkGroupCount(groupCount);
  const order = Int32Array.from({ length: problem.n }, (_, i) => i);
  shuffleInPlace(order, seededRandom(seed));
  const assignment = new Int32Array(problem.n);
  order.forEach((person, k) => (assignment[person] = k % groupCount));
  return assignment;
}

/**
 * How a company's teams already sit: people ordered by department, then site,
 * then index (unknown last), cut into consecutive groups of even sizes.
 */
export function departmentSplit(problem: FormationProblem, groupCount: number): Int32Array {
  const sizes = evenSizes(problem.n, groupCount);
  const people = problem.people ?? [];
  const key = (v: string | null | undefined) => v?.trim() || null;
  // Code-unit order, not locale order, so the baseline is the same in every browser.
  const compare = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);
  const order = Array.from({ length: problem.n }, (_, i) => i).sort(
    (i, j) =>
      compare(key(people[i]?.department), key(people[j]?.department)) ||
      compare(key(people[i]?.site), key(people[j]?.site)) ||
      i - j,
  );
  const assignment = new Int32Array(problem.n);
  let k = 0;
  sizes.forEach((size, g) => {
    for (let s = 0; s < size; s++) assignment[order[k++]!] = g;
  });
  return assignment;
}
