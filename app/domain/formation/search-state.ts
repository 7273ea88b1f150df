// One assignment with everything the search needs in O(1): for each person
// and group, the sum of that person's diversity to the group's members
// (sums[i*m + g], excluding i), group sizes, department counts per group and
// member lists. A move costs O(n) to update the sums (one row of diversity);
// evaluating a move or swap costs a few array reads. No allocation after
// construction.
import { ATTRIBUTES, DENSE, SPARSE, attributeBase, pairDiversity, type Diversity } from "./diversity";
import type { CompiledRules } from "./rules";

export class SearchState {
  readonly n: number;
  readonly m: number;
  readonly group: Int32Array;
  readonly size: Int32Array;
  readonly sums: Float64Array;
  readonly deptCount: Int32Array;
  readonly members: Int32Array;
  readonly memberPos: Int32Array;
  readonly stride: number;
  value = 0;

  constructor(
    readonly d: Diversity,
    readonly r: CompiledRules,
    /** null leaves it empty, for `copyOf`. */
    assignment: ArrayLike<number> | null,
  ) {
    this.n = r.n;
    this.m = r.m;
    this.group = new Int32Array(this.n).fill(-1);
    this.size = new Int32Array(this.m);
    this.sums = new Float64Array(this.n * this.m);
    this.deptCount = new Int32Array(this.m * Math.max(1, r.departments.length));
    // One slot more than the largest group: a swap passes through a group one over its maximum.
    this.stride = Math.max(...r.max, 1) + 1;
    this.members = new Int32Array(this.m * this.stride);
    this.memberPos = new Int32Array(this.n);
    if (assignment) for (let i = 0; i < this.n; i++) this.place(i, assignment[i]!);
  }

  /** A copy without recomputing the sums (O(n·m) instead of O(n²)). */
  static copyOf(o: SearchState): SearchState {
    const copy = new SearchState(o.d, o.r, null);
    copy.copyFrom(o);
    return copy;
  }

  /** Starts over from another plan, reusing the arrays. */
  reset(assignment: ArrayLike<number>): void {
    this.group.fill(-1);
    this.size.fill(0);
    this.sums.fill(0);
    this.deptCount.fill(0);
    this.value = 0;
    for (let i = 0; i < this.n; i++) this.place(i, assignment[i]!);
  }

  /** Puts an unplaced person into g (construction); updates every sum. */
  private place(i: number, g: number): void {
    const m = this.m;
    this.value += this.sums[i * m + g]!;
    this.addRow(i, g, 1);
    this.group[i] = g;
    this.memberPos[i] = this.size[g]!;
    this.members[g * this.stride + this.size[g]!] = i;
    this.size[g]!++;
    const dep = this.r.department[i]!;
    if (dep >= 0) this.deptCount[g * this.r.departments.length + dep]!++;
  }

  /** sums[j][g] += sign · d(i, j) for every j ≠ i. */
  private addRow(i: number, g: number, sign: number): void {
    const { d, m, n, sums } = this;
    if (d.kind === DENSE) {
      const dense = d.dense;
      const row = i * n;
      for (let j = 0, k = g; j < n; j++, k += m) sums[k]! += sign * dense[row + j]!;
      sums[i * m + g]! -= sign * dense[row + i]!;
    } else if (d.kind === SPARSE) {
      for (let k = d.rowStart[i]!; k < d.rowStart[i + 1]!; k++) sums[d.rowIndex[k]! * m + g]! += sign * d.rowValue[k]!;
    } else if (d.kind === ATTRIBUTES) {
      // Every pair gets the "not met before" weight, then the earlier pairs give it back.
      const w3 = sign * d.weights[3]!;
      for (let j = 0; j < n; j++) if (j !== i) sums[j * m + g]! += sign * attributeBase(d, i, j) + w3;
      for (let k = d.metStart[i]!; k < d.metStart[i + 1]!; k++) sums[d.metIndex[k]! * m + g]! -= w3;
      for (let k = d.adjStart[i]!; k < d.adjStart[i + 1]!; k++) sums[d.adjIndex[k]! * m + g]! += sign * d.adjValue[k]!;
    }
  }

  /** Moves i to h and keeps every sum, count and the value exact. */
  move(i: number, h: number): void {
    const g = this.group[i]!;
    if (g === h) return;
    const m = this.m;
    this.value += this.sums[i * m + h]! - this.sums[i * m + g]!;
    this.addRow(i, g, -1);
    this.addRow(i, h, 1);
    // Member lists: the last member of g takes i's slot.
    const s = this.stride;
    const last = this.members[g * s + this.size[g]! - 1]!;
    const pos = this.memberPos[i]!;
    this.members[g * s + pos] = last;
    this.memberPos[last] = pos;
    this.size[g]!--;
    this.memberPos[i] = this.size[h]!;
    this.members[h * s + this.size[h]!] = i;
    this.size[h]!++;
    this.group[i] = h;
    const dep = this.r.department[i]!;
    if (dep >= 0) {
      const D = this.r.departments.length;
      this.deptCount[g * D + dep]!--;
      this.deptCount[h * D + dep]!++;
    }
  }

  pair(i: number, j: number): number {
    return pairDiversity(this.d, i, j);
  }

  moveDelta(i: number, h: number): number {
    return this.sums[i * this.m + h]! - this.sums[i * this.m + this.group[i]!]!;
  }

  swapDelta(i: number, j: number): number {
    const m = this.m;
    const gi = this.group[i]!;
    const gj = this.group[j]!;
    return this.sums[i * m + gj]! - this.sums[i * m + gi]! + this.sums[j * m + gi]! - this.sums[j * m + gj]! - 2 * this.pair(i, j);
  }

  /** Whether i may join h apart from sizes: band, department cap, never-together (ignoring `except`, who leaves h). */
  allowed(i: number, h: number, except: number): boolean {
    const r = this.r;
    if (r.hasBands) {
      const b = r.band[i]!;
      if (b >= 0 && r.groupBand[h] !== b) return false;
    }
    if (r.hasCap) {
      const dep = r.department[i]!;
      if (dep >= 0) {
        let c = this.deptCount[h * r.departments.length + dep]!;
        if (except >= 0 && r.department[except] === dep) c--;
        if (c >= r.cap) return false;
      }
    }
    if (r.hasNever) {
      for (let k = r.neverStart[i]!; k < r.neverStart[i + 1]!; k++) {
        const j = r.neverIndex[k]!;
        if (j !== except && this.group[j] === h) return false;
      }
    }
    return true;
  }

  canMove(i: number, h: number): boolean {
    const g = this.group[i]!;
    return g !== h && this.size[g]! > this.r.min[g]! && this.size[h]! < this.r.max[h]! && this.allowed(i, h, -1);
  }

  canSwap(i: number, j: number): boolean {
    const gi = this.group[i]!;
    const gj = this.group[j]!;
    return gi !== gj && this.allowed(i, gj, j) && this.allowed(j, gi, i);
  }

  copyFrom(o: SearchState): void {
    this.group.set(o.group);
    this.size.set(o.size);
    this.sums.set(o.sums);
    this.deptCount.set(o.deptCount);
    this.members.set(o.members);
    this.memberPos.set(o.memberPos);
    this.value = o.value;
  }
}
