// A random plan that keeps every hard rule: pins first, then the people with
// the most rules on them, each into a random group that takes them, groups
// below their minimum first. Retried with other orders; when every try
// fails, it names the person who could not be placed.
import { nestedMessage } from "../i18n/nested-message";
import { personName, type FormationProblem, type Infeasibility } from "./problem";
import { shuffleInPlace, type Random } from "./random";
import type { CompiledRules } from "./rules";

export function constructPlan(
  problem: FormationProblem,
  r: CompiledRules,
  random: Random,
  start?: ArrayLike<number>,
): { ok: true; assignment: Int32Array } | { ok: false; problem: Infeasibility } {
  let lastFailure: Infeasibility | null = null;
  for (let attempt = 0; attempt < 50; attempt++) {
    const result = tryConstruct(problem, r, random, start);
    if (result.ok) return result;
    lastFailure = result.problem;
  }
  return { ok: false, problem: lastFailure! };
}

function tryConstruct(
  problem: FormationProblem,
  r: CompiledRules,
  random: Random,
  start?: ArrayLike<number>,
): { ok: true; assignment: Int32Array } | { ok: false; problem: Infeasibility } {
  const { n, m } = r;
  const group = new Int32Array(n).fill(-1);
  const size = new Int32Array(m);
  const D = Math.max(1, r.departments.length);
  const deptCount = new Int32Array(m * D);
  const put = (i: number, g: number) => {
    group[i] = g;
    size[g]!++;
    if (r.department[i]! >= 0) deptCount[g * D + r.department[i]!]!++;
  };
  const fits = (unit: ArrayLike<number>, g: number): boolean => {
    if (size[g]! + unit.length > r.max[g]!) return false;
    for (let k = 0; k < unit.length; k++) {
      const i = unit[k]!;
      if (r.hasBands && r.band[i]! >= 0 && r.groupBand[g] !== r.band[i]) return false;
      if (r.hasCap && r.department[i]! >= 0) {
        let c = deptCount[g * D + r.department[i]!]!;
        for (let q = 0; q < k; q++) if (r.department[unit[q]!] === r.department[i]) c++;
        if (c >= r.cap) return false;
      }
      for (let e = r.neverStart[i]!; e < r.neverStart[i + 1]!; e++) if (group[r.neverIndex[e]!] === g) return false;
    }
    return true;
  };
  // Pins (and kept places for late joiners) are fixed before anyone else.
  for (let i = 0; i < n; i++) {
    const fixed = r.pin[i]! >= 0 ? r.pin[i]! : start && start[i]! >= 0 ? start[i]! : -1;
    if (fixed >= 0) put(i, fixed);
  }
  // Units: whole blocks and single people not yet placed, hardest first.
  const units: Int32Array[] = [];
  const inBlock = new Uint8Array(n);
  for (const block of r.blocks) {
    block.forEach((i) => (inBlock[i] = 1));
    if (group[block[0]!] === -1) units.push(block);
  }
  for (let i = 0; i < n; i++) if (!inBlock[i] && group[i] === -1) units.push(Int32Array.of(i));
  const order = Int32Array.from(units.keys());
  shuffleInPlace(order, random);
  const difficulty = (u: Int32Array) => {
    let s = u.length * 4;
    for (const i of u) s += (r.neverStart[i + 1]! - r.neverStart[i]!) + (r.hasBands && r.band[i]! >= 0 ? 1 : 0);
    return s;
  };
  const sorted = [...order].sort((a, b) => difficulty(units[b]!) - difficulty(units[a]!));
  let remaining = 0;
  for (const u of units) remaining += u.length;
  const candidates = new Int32Array(m);
  for (const index of sorted) {
    const unit = units[index]!;
    remaining -= unit.length;
    // Prefer the group furthest below its minimum; otherwise any group with room.
    let best = -1;
    let count = 0;
    let deficit = 0;
    for (let g = 0; g < m; g++) {
      if (!fits(unit, g)) continue;
      const need = r.min[g]! - size[g]!;
      if (need > deficit) {
        deficit = need;
        count = 0;
      }
      if (need === deficit || (deficit <= 0 && need <= 0)) candidates[count++] = g;
    }
    if (count === 0) {
      const ids = [...unit];
      return {
        ok: false,
        problem: {
          rule: "placement",
          people: ids,
          message: nestedMessage("cohorts:engine.cannotPlace", { people: ids.map((i) => personName(problem, i)) }),
        },
      };
    }
    best = candidates[random.int(count)]!;
    for (const i of unit) put(i, best);
  }
  for (let g = 0; g < m; g++) {
    if (size[g]! < r.min[g]!) {
      return {
        ok: false,
        problem: { rule: "placement", people: [], message: nestedMessage("cohorts:engine.cannotFill", { group: g + 1, count: r.min[g]! }) },
      };
    }
  }
  return { ok: true, assignment: group };
}
