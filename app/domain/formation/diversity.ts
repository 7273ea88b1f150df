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
  /** Soft wishes per pair as compressed rows (attributes only); empty for most people. */
  adjStart: Int32Array;
  adjIndex: Int32Array;
  adjValue: Float64Array;
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
    adjStart: new Int32Array(n + 1),
    adjIndex: empty,
    adjValue: new Float64Array(0),
    nonNegative: true,
  };
  if (source.kind === "dense") {
    if (source.values.length !== n * n) throw new Error(`A dense diversity matrix for ${n} people needs ${n * n} values.`);
    return { ...base, kind: DENSE, dense: source.values, nonNegative: source.values.every((v) => v >= 0) };
  }
  if (source.kind === "sparse") {
    const rows = compressedRows(n, source.pairs);
    return { ...base, kind: SPARSE, rowStart: rows.start, rowIndex: rows.index, rowValue: rows.value, nonNegative: rows.value.every((v) => v >= 0) };
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
  const adjust = compressedRows(n, (source.adjust ?? []).filter(([i, j]) => i !== j));
  return {
    ...base,
    kind: ATTRIBUTES,
    adjStart: adjust.start,
    adjIndex: adjust.index,
    adjValue: adjust.value,
    department: codes(people.map((p) => p.department)).codes,
    site: codes(people.map((p) => p.site)).codes,
    level: codes(people.map((p) => p.level)).codes,
    weights: Float64Array.from([w.department ?? 0, w.site ?? 0, w.level ?? 0, w.notMetBefore ?? 0]),
    metStart,
    metIndex: Int32Array.from(flat),
    nonNegative: [w.department, w.site, w.level, w.notMetBefore].every((v) => (v ?? 0) >= 0) && adjust.value.every((v) => v >= 0),
  };
}

/** Symmetric pairs (each given once) as sorted compressed rows; a pair given twice adds up. */
function compressedRows(n: number, pairs: ReadonlyArray<readonly [number, number, number]>) {
  const rows: Array<Map<number, number>> = Array.from({ length: n }, () => new Map());
  for (const [i, j, d] of pairs) {
    rows[i]!.set(j, (rows[i]!.get(j) ?? 0) + d);
    rows[j]!.set(i, (rows[j]!.get(i) ?? 0) + d);
  }
  const start = new Int32Array(n + 1);
  rows.forEach((row, i) => (start[i + 1] = start[i]! + row.size));
  const index = new Int32Array(start[n]!);
  const value = new Float64Array(start[n]!);
  rows.forEach((row, i) => {
    let k = start[i]!;
    for (const [j, d] of [...row].sort((a, b) => a[0] - b[0])) {
      index[k] = j;
      value[k++] = d;
    }
  });
  return { start, index, value };
}

function rowLookup(start: Int32Array, index: Int32Array, i: number, j: number): number {
  let lo = start[i]!;
  let hi = start[i + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const k = index[mid]!;
    if (k === j) return mid;
    if (k < j) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** d(i, j) for i ≠ j. */
export function pairDiversity(d: Diversity, i: number, j: number): number {
  if (d.kind === DENSE) return d.dense[i * d.n + j]!;
  if (d.kind === SPARSE) {
    const k = rowLookup(d.rowStart, d.rowIndex, i, j);
    return k < 0 ? 0 : d.rowValue[k]!;
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
  return rowLookup(d.metStart, d.metIndex, i, j) >= 0;
}

/** The soft wishes' weight for a pair (0 for most). */
export function pairAdjustment(d: Diversity, i: number, j: number): number {
  if (d.adjIndex.length === 0) return 0;
  const k = rowLookup(d.adjStart, d.adjIndex, i, j);
  return k < 0 ? 0 : d.adjValue[k]!;
}

export function attributeDiversity(d: Diversity, i: number, j: number): number {
  const w3 = d.weights[3]!;
  return attributeBase(d, i, j) + (w3 !== 0 && !metBefore(d, i, j) ? w3 : 0) + pairAdjustment(d, i, j);
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
