// The hard rules compiled into typed arrays for the search, and the checks
// that find an impossible problem before any search: each names the rule and
// the people, so the admin sees why instead of a bad plan.
import { codes } from "./diversity";
import { nestedMessage as say } from "../i18n/nested-message";
import { personName, type FormationProblem, type Infeasibility } from "./problem";

export type CompiledRules = {
  n: number;
  m: number;
  min: Int32Array;
  max: Int32Array;
  neverStart: Int32Array;
  neverIndex: Int32Array;
  hasNever: boolean;
  /** Block id per person (always-together sets of 2+), -1 when alone. */
  blockOf: Int32Array;
  blocks: Int32Array[];
  /** Group index a person is locked to, -1 when free (a block's pin applies to all its members). */
  pin: Int32Array;
  department: Int32Array;
  departments: string[];
  cap: number;
  hasCap: boolean;
  band: Int32Array;
  /** The band each group serves; -2 for a group that takes only people without a band. */
  groupBand: Int32Array;
  hasBands: boolean;
};

type Compiled = { ok: true; rules: CompiledRules } | { ok: false; problems: Infeasibility[] };

export function compileRules(problem: FormationProblem): Compiled {
  const { n } = problem;
  const m = problem.groups.length;
  const people = problem.people ?? [];
  const rules = problem.rules ?? {};
  const name = (i: number) => personName(problem, i);
  const list = (ids: number[]) => ids.map(name);
  const problems: Infeasibility[] = [];
  const min = Int32Array.from(problem.groups.map((g) => g.min));
  const max = Int32Array.from(problem.groups.map((g) => g.max));

  if (n === 0) return { ok: false, problems: [{ rule: "people", people: [], message: say("cohorts:engine.nobody") }] };
  if (m === 0) return { ok: false, problems: [{ rule: "sizes", people: [], message: say("cohorts:engine.noGroups") }] };
  const badIndex = (i: number) => !Number.isInteger(i) || i < 0 || i >= n;
  const allIndices = [
    ...(rules.neverTogether ?? []).flat(),
    ...(rules.alwaysTogether ?? []).flat(),
    ...(rules.pins ?? []).map(([p]) => p),
  ];
  if (allIndices.some(badIndex)) throw new Error("A rule names a person index outside the problem.");
  for (let g = 0; g < m; g++) {
    if (min[g]! < 0 || max[g]! < min[g]! || max[g]! < 1) {
      problems.push({ rule: "sizes", people: [], message: say("cohorts:engine.notARange", { group: g + 1, min: min[g]!, max: max[g]! }) });
    }
  }
  const sumMin = min.reduce((a, b) => a + b, 0);
  const sumMax = max.reduce((a, b) => a + b, 0);
  if (n < sumMin || n > sumMax) {
    problems.push({
      rule: "sizes",
      people: [],
      message: say("cohorts:engine.sizesCannotSplit", { count: n, groups: m, min: sumMin, max: sumMax }),
    });
  }

  // Always together: union the sets, so overlapping sets become one block.
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (const set of rules.alwaysTogether ?? []) for (let k = 1; k < set.length; k++) parent[find(set[k]!)] = find(set[0]!);
  const byRoot = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    let members = byRoot.get(r);
    if (!members) byRoot.set(r, (members = []));
    members.push(i);
  }
  const blockOf = new Int32Array(n).fill(-1);
  const blocks: Int32Array[] = [];
  for (const members of byRoot.values()) {
    if (members.length < 2) continue;
    for (const i of members) blockOf[i] = blocks.length;
    blocks.push(Int32Array.from(members));
  }
  const maxMax = Math.max(...max);
  for (const block of blocks) {
    if (block.length > maxMax) {
      problems.push({
        rule: "always-together",
        people: [...block],
        message: say("cohorts:engine.blockTooLarge", { people: list([...block]), count: block.length, largest: maxMax }),
      });
    }
  }

  // Never together, in compressed rows; a pair inside one block is a contradiction.
  const neverCount = new Int32Array(n + 1);
  const pairs = (rules.neverTogether ?? []).filter(([a, b]) => a !== b);
  for (const [a, b] of pairs) {
    neverCount[a + 1]!++;
    neverCount[b + 1]!++;
    if (blockOf[a]! >= 0 && blockOf[a] === blockOf[b]) {
      problems.push({
        rule: "always-together",
        people: [a, b],
        message: say("cohorts:engine.neverYetTogether", { a: name(a), b: name(b) }),
      });
    }
  }
  for (let i = 0; i < n; i++) neverCount[i + 1]! += neverCount[i]!;
  const neverIndex = new Int32Array(neverCount[n]!);
  const fill = neverCount.slice(0, n);
  for (const [a, b] of pairs) {
    neverIndex[fill[a]!++] = b;
    neverIndex[fill[b]!++] = a;
  }

  // Department cap.
  const dept = codes(people.length ? people.map((p) => p.department) : new Array<null>(n).fill(null));
  const cap = rules.maxPerDepartment ?? 0;
  const hasCap = cap > 0 && dept.labels.length > 0;
  if (rules.maxPerDepartment !== undefined && rules.maxPerDepartment < 1) {
    problems.push({ rule: "department-cap", people: [], message: say("cohorts:engine.capZero") });
  }
  if (hasCap) {
    const byDept = dept.labels.map(() => [] as number[]);
    for (let i = 0; i < n; i++) if (dept.codes[i]! >= 0) byDept[dept.codes[i]!]!.push(i);
    byDept.forEach((members, d) => {
      if (members.length > cap * m) {
        problems.push({
          rule: "department-cap",
          people: members,
          message: say("cohorts:engine.departmentTooLarge", { department: dept.labels[d]!, count: members.length, cap, groups: m, holds: cap * m }),
        });
      }
    });
    for (const block of blocks) {
      const count = new Map<number, number>();
      for (const i of block) if (dept.codes[i]! >= 0) count.set(dept.codes[i]!, (count.get(dept.codes[i]!) ?? 0) + 1);
      for (const [d, c] of count) {
        if (c > cap) {
          problems.push({
            rule: "department-cap",
            people: [...block],
            message: say("cohorts:engine.blockOverCap", { people: list([...block]), count: c, department: dept.labels[d]!, cap }),
          });
        }
      }
    }
  }

  // Bands: a block must share one band.
  const band = codes(people.length ? people.map((p) => p.band) : new Array<null>(n).fill(null));
  const hasBands = band.labels.length > 0;
  for (const block of blocks) {
    const bands = new Set([...block].map((i) => band.codes[i]!).filter((b) => b >= 0));
    if (bands.size > 1) {
      problems.push({
        rule: "bands",
        people: [...block],
        message: say("cohorts:engine.blockBands", { people: list([...block]), times: [...bands].map((b) => band.labels[b]!) }),
      });
    }
  }

  // Pins: a block follows any member's pin; two pins in one block must agree.
  const pin = new Int32Array(n).fill(-1);
  for (const [i, g] of rules.pins ?? []) {
    if (!Number.isInteger(g) || g < 0 || g >= m) {
      problems.push({ rule: "pins", people: [i], message: say("cohorts:engine.pinnedNowhere", { person: name(i) }) });
      continue;
    }
    pin[i] = g;
  }
  for (const block of blocks) {
    const pinned = [...block].filter((i) => pin[i]! >= 0);
    const targets = new Set(pinned.map((i) => pin[i]!));
    if (targets.size > 1) {
      problems.push({ rule: "pins", people: pinned, message: say("cohorts:engine.blockPinnedApart", { people: list(pinned) }) });
    } else if (targets.size === 1) {
      const g = [...targets][0]!;
      for (const i of block) pin[i] = g;
    }
  }
  const pinnedTo = Array.from({ length: m }, () => [] as number[]);
  for (let i = 0; i < n; i++) if (pin[i]! >= 0) pinnedTo[pin[i]!]!.push(i);
  pinnedTo.forEach((members, g) => {
    if (members.length > max[g]!) {
      problems.push({ rule: "pins", people: members, message: say("cohorts:engine.tooManyPinned", { count: members.length, group: g + 1, max: max[g]! }) });
    }
    const inGroup = new Set(members);
    for (const i of members) {
      for (let k = neverCount[i]!; k < neverCount[i + 1]!; k++) {
        const j = neverIndex[k]!;
        if (j > i && inGroup.has(j)) {
          problems.push({ rule: "never-together", people: [i, j], message: say("cohorts:engine.neverPinnedTogether", { a: name(i), b: name(j), group: g + 1 }) });
        }
      }
    }
    if (hasCap) {
      const byDept = new Map<number, number[]>();
      for (const i of members) if (dept.codes[i]! >= 0) byDept.set(dept.codes[i]!, [...(byDept.get(dept.codes[i]!) ?? []), i]);
      for (const [d, ids] of byDept) {
        if (ids.length > cap) {
          problems.push({ rule: "department-cap", people: ids, message: say("cohorts:engine.pinnedOverCap", { people: list(ids), department: dept.labels[d]!, group: g + 1, cap }) });
        }
      }
    }
    const bands = new Set(members.map((i) => band.codes[i]!).filter((b) => b >= 0));
    if (bands.size > 1) {
      problems.push({ rule: "bands", people: members, message: say("cohorts:engine.pinnedBands", { group: g + 1, people: list(members) }) });
    }
  });

  const groupBand = new Int32Array(m).fill(-2);
  if (hasBands && problems.length === 0) {
    const assigned = assignBands(band.codes, band.labels, min, max, pinnedTo, groupBand);
    if (assigned) problems.push(assigned);
  }

  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    rules: {
      n,
      m,
      min,
      max,
      neverStart: neverCount,
      neverIndex,
      hasNever: pairs.length > 0,
      blockOf,
      blocks,
      pin,
      department: dept.codes,
      departments: dept.labels,
      cap: hasCap ? cap : n + 1,
      hasCap,
      band: band.codes,
      groupBand,
      hasBands,
    },
  };
}

/**
 * Gives each group the band it serves: groups with pinned banded people keep
 * that band, then each band takes groups (largest first) until they hold its
 * people; people without a band fill the rest. Returns why it cannot, or null.
 */
function assignBands(
  bandOf: Int32Array,
  labels: string[],
  min: Int32Array,
  max: Int32Array,
  pinnedTo: number[][],
  groupBand: Int32Array,
): Infeasibility | null {
  const m = min.length;
  const count = new Array<number>(labels.length).fill(0);
  let unbanded = 0;
  for (const b of bandOf) {
    if (b >= 0) count[b]!++;
    else unbanded++;
  }
  const capacity = new Array<number>(labels.length).fill(0);
  const floor = new Array<number>(labels.length).fill(0);
  pinnedTo.forEach((members, g) => {
    const b = members.map((i) => bandOf[i]!).find((x) => x >= 0);
    if (b !== undefined) {
      groupBand[g] = b;
      capacity[b]! += max[g]!;
      floor[b]! += min[g]!;
    }
  });
  const free = [...Array(m).keys()].filter((g) => groupBand[g] === -2).sort((a, b) => max[b]! - max[a]!);
  const order = [...labels.keys()].sort((a, b) => count[b]! - count[a]!);
  for (const b of order) {
    while (capacity[b]! < count[b]!) {
      const g = free.shift();
      if (g === undefined) {
        const people = [...bandOf.keys()].filter((i) => bandOf[i] === b);
        return {
          rule: "bands",
          people,
          message: say("cohorts:engine.bandShort", { count: count[b]!, time: labels[b]!, holds: capacity[b]! }),
        };
      }
      groupBand[g] = b;
      capacity[b]! += max[g]!;
      floor[b]! += min[g]!;
    }
  }
  // Groups no band needed go to a band with people to spare (most to spare first), so a group is
  // left only to people without a band when no band can fill it to its minimum.
  for (let k = 0; k < free.length; ) {
    const g = free[k]!;
    let best = -1;
    for (const b of order) if (count[b]! - floor[b]! >= min[g]! && (best < 0 || count[b]! - floor[b]! > count[best]! - floor[best]!)) best = b;
    if (best < 0) {
      k++;
      continue;
    }
    groupBand[g] = best;
    capacity[best]! += max[g]!;
    floor[best]! += min[g]!;
    free.splice(k, 1);
  }
  // People without a band make up each band's shortfall and fill the groups no band needed.
  let needed = 0;
  let room = 0;
  labels.forEach((_, b) => {
    needed += Math.max(0, floor[b]! - count[b]!);
    room += capacity[b]! - count[b]!;
  });
  for (const g of free) {
    needed += min[g]!;
    room += max[g]!;
  }
  if (needed > unbanded || room < unbanded) {
    return {
      rule: "bands",
      people: [],
      message:
        needed > unbanded
          ? say("cohorts:engine.bandsLeaveShort", { needed, count: unbanded })
          : say("cohorts:engine.bandsLeaveNoRoom", { count: unbanded, room }),
    };
  }
  return null;
}
