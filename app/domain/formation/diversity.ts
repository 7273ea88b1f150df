// Pairwise diversity in one of three shapes. Dense keeps an n×n matrix (only
// for benchmark instances and small cohorts); sparse keeps each person's
// non-zero pairs in compressed rows; attributes computes d(i, j) from codes
// on the fly, so a cohort of 10,000 never builds an n×n matrix.
import type { DiversitySource, PersonAttributes } from "./problem";

export const DENSE = 0;
export const SPARSE = 1;
export const ATTRIBUTES = 2;

export type Diversity = {
  n: number;
  kind: typeof DENSE | typeof SPARSE | typeof ATTRIBUTES;
  dense: Float64Array;
  rowStart: Int32Array;
  rowIndex: Int32Array;
  rowValue: Float64Array;
  department: Int32Array;
  site: Int32Array;
  level: Int32Array;
  weights: Float64Array; // department, site, level, not met before
  /** Earlier pairs as sorted compressed rows (no hashing in the search's loops). */
  metStart: Int32Array;
  metIndex: Int32Array;
  /** Every pair ≥ 0: lets the search bound a swap's gain and stop scanning early. */
  nonNegative: boolean;
};

/** Codes for a string attribute: -1 for missing, so missing is neither same nor different. */
export function codes(values: ReadonlyArray<string | null | undefined>): { codes: Int32Array; labels: string[] } {
  const index = new Map<string, number>();
  const out = new Int32Array(values.length);
  values.forEach((v, i) => {
    const key = v?.trim();
    if (!key) {
      out[i] = -1;
      return;
    }
    let c = index.get(key);
    if (c === undefined) {
      c = index.size;
      index.set(key, c);
    }
    out[i] = c;
  });
  return { codes: out, labels: [...index.keys()] };
}

export function compileDiversity(n: number, source: DiversitySource, people: readonly PersonAttributes[] = []): Diversity {
  const empty = new Int32Array(0);
  const base: Diversity = {
    n,
    kind: DENSE,
    dense: new Float64Array(0),
    rowStart: empty,
    rowIndex: empty,
    rowValue: new Float64Array(0),
    department: empty,
    site: empty,
    level: empty,
    weights: new Float64Array(4),
    metStart: new Int32Array(n + 1),
    metIndex: empty,
    nonNegative: true,
  };
  if (source.kind === "dense") {
    if (source.values.length !== n * n) throw new Error(`A dense diversity matrix for ${n} people needs ${n * n} values.`);
    return { ...base, kind: DENSE, dense: source.values, nonNegative: source.values.every((v) => v >= 0) };
  }
  if (source.kind === "sparse") {
    const count = new Int32Array(n + 1);
    for (const [i, j] of source.pairs) {
      count[i + 1]!++;
      count[j + 1]!++;
    }
    for (let i = 0; i < n; i++) count[i + 1]! += count[i]!;
    const rowIndex = new Int32Array(count[n]!);
    const rowValue = new Float64Array(count[n]!);
    const fill = count.slice(0, n);
    const rows: Array<Array<[number, number]>> = Array.from({ length: n }, () => []);
    for (const [i, j, d] of source.pairs) {
      rows[i]!.push([j, d]);
      rows[j]!.push([i, d]);
    }
    rows.forEach((row, i) => {
      row.sort((a, b) => a[0] - b[0]);
      for (const [j, d] of row) {
        rowIndex[fill[i]!] = j;
        rowValue[fill[i]!] = d;
        fill[i]!++;
      }
    });
    return { ...base, kind: SPARSE, rowStart: count, rowIndex, rowValue, nonNegative: rowValue.every((v) => v >= 0) };
  }
  const w = source.weights;
  const rows: number[][] = Array.from({ length: n }, () => []);
  for (const [i, j] of source.metBefore ?? []) {
    if (i === j) continue;
    rows[i]!.push(j);
    rows[j]!.push(i);
  }
  const metStart = new Int32Array(n + 1);
  const flat: number[] = [];
  rows.forEach((row, i) => {
    const sorted = [...new Set(row)].sort((a, b) => a - b);
    flat.push(...sorted);
    metStart[i + 1] = flat.length;
  });
  return {
    ...base,
    kind: ATTRIBUTES,
    department: codes(people.map((p) => p.department)).codes,
    site: codes(people.map((p) => p.site)).codes,
    level: codes(people.map((p) => p.level)).codes,
    weights: Float64Array.from([w.department ?? 0, w.site ?? 0, w.level ?? 0, w.notMetBefore ?? 0]),
    metStart,
    metIndex: Int32Array.from(flat),
    nonNegative: [w.department, w.site, w.level, w.notMetBefore].every((v) => (v ?? 0) >= 0),
  };
}

/** d(i, j) for i ≠ j. */
export function pairDiversity(d: Diversity, i: number, j: number): number {
  if (d.kind === DENSE) return d.dense[i * d.n + j]!;
  if (d.kind === SPARSE) {
    let lo = d.rowStart[i]!;
    let hi = d.rowStart[i + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const k = d.rowIndex[mid]!;
      if (k === j) return d.rowValue[mid]!;
      if (k < j) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }
  return attributeDiversity(d, i, j);
}

/** d(i, j) from department, site and level only (the "not met before" weight is added by the caller). */
export function attributeBase(d: Diversity, i: number, j: number): number {
  const w = d.weights;
  let s = 0;
  const a = d.department[i]!, b = d.department[j]!;
  if (a >= 0 && b >= 0 && a !== b) s += w[0]!;
  const c = d.site[i]!, e = d.site[j]!;
  if (c >= 0 && e >= 0 && c !== e) s += w[1]!;
  const f = d.level[i]!, g = d.level[j]!;
  if (f >= 0 && g >= 0 && f !== g) s += w[2]!;
  return s;
}

export function metBefore(d: Diversity, i: number, j: number): boolean {
  let lo = d.metStart[i]!;
  let hi = d.metStart[i + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const k = d.metIndex[mid]!;
    if (k === j) return true;
    if (k < j) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

export function attributeDiversity(d: Diversity, i: number, j: number): number {
  const w3 = d.weights[3]!;
  return attributeBase(d, i, j) + (w3 !== 0 && !metBefore(d, i, j) ? w3 : 0);
}

/** The objective of an assignment, recomputed from scratch (for checks and the CLI's final line). */
export function objective(d: Diversity, assignment: ArrayLike<number>): number {
  const n = d.n;
  let total = 0;
  if (d.kind === SPARSE) {
    for (let i = 0; i < n; i++) {
      for (let k = d.rowStart[i]!; k < d.rowStart[i + 1]!; k++) {
        const j = d.rowIndex[k]!;
        if (j > i && assignment[j] === assignment[i]) total += d.rowValue[k]!;
      }
    }
    return total;
  }
  // Group by group so the cost is the sum of squared group sizes, not n².
  const byGroup = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const g = assignment[i]!;
    let list = byGroup.get(g);
    if (!list) byGroup.set(g, (list = []));
    list.push(i);
  }
  for (const members of byGroup.values()) {
    for (let a = 0; a < members.length; a++) {
      for (let b = a + 1; b < members.length; b++) total += pairDiversity(d, members[a]!, members[b]!);
    }
  }
  return total;
}
