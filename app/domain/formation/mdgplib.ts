// Reads an MDGPLIB instance: line 1 is `n m ss|ds a_1 b_1 … a_m b_m`, then
// one line `i j d_ij` per pair (0-based, i < j). A malformed file throws an
// error naming the line.
import type { FormationProblem } from "./problem";

export class InstanceFormatError extends Error {}

export function parseMdgplib(text: string): FormationProblem {
  const lines = text.split(/\r?\n/);
  const fail = (line: number, why: string): never => {
    throw new InstanceFormatError(`Line ${line}: ${why}`);
  };
  const head = (lines[0] ?? "").trim().split(/\s+/);
  const n = Number(head[0]);
  const m = Number(head[1]);
  if (!Number.isInteger(n) || n < 1) fail(1, `expected the number of people first, found "${head[0] ?? ""}".`);
  if (!Number.isInteger(m) || m < 1) fail(1, `expected the number of groups second, found "${head[1] ?? ""}".`);
  if (head[2] !== "ss" && head[2] !== "ds") fail(1, `expected "ss" or "ds" third, found "${head[2] ?? ""}".`);
  if (head.length !== 3 + 2 * m) fail(1, `expected ${m} pairs of group bounds, found ${head.length - 3} numbers.`);
  const groups = Array.from({ length: m }, (_, g) => {
    const min = Number(head[3 + 2 * g]);
    const max = Number(head[4 + 2 * g]);
    if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || max < min) {
      fail(1, `group ${g + 1} has bounds "${head[3 + 2 * g]} ${head[4 + 2 * g]}", which are not a range.`);
    }
    return { min, max };
  });
  const values = new Float64Array(n * n);
  const seen = new Uint8Array(n * n);
  let pairs = 0;
  for (let k = 1; k < lines.length; k++) {
    const line = lines[k]!.trim();
    if (!line) continue;
    const parts = line.split(/\s+/);
    if (parts.length !== 3) fail(k + 1, `expected "i j d", found "${line.slice(0, 60)}".`);
    const i = Number(parts[0]);
    const j = Number(parts[1]);
    const d = Number(parts[2]);
    if (!Number.isInteger(i) || !Number.isInteger(j) || i < 0 || j < 0 || i >= n || j >= n || i === j) {
      fail(k + 1, `"${parts[0]} ${parts[1]}" is not a pair of two different people between 0 and ${n - 1}.`);
    }
    if (!Number.isFinite(d)) fail(k + 1, `"${parts[2]}" is not a number.`);
    if (seen[i * n + j]) fail(k + 1, `the pair ${i} ${j} appears twice.`);
    seen[i * n + j] = seen[j * n + i] = 1;
    values[i * n + j] = values[j * n + i] = d;
    pairs++;
  }
  if (pairs !== (n * (n - 1)) / 2) fail(lines.length, `expected ${(n * (n - 1)) / 2} pairs for ${n} people, found ${pairs}.`);
  return { n, groups, diversity: { kind: "dense", values } };
}
