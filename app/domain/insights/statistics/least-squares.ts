/** The inverse of a small symmetric positive-definite matrix by Gauss–Jordan with partial pivoting; null when singular. */
export function invert(matrix: number[][]): number[][] | null {
  const k = matrix.length;
  const a = matrix.map((row, i) => [...row, ...Array.from({ length: k }, (_, j) => (i === j ? 1 : 0))]);
  let scale = 0;
  for (const row of matrix) for (const v of row) scale = Math.max(scale, Math.abs(v));
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++) if (Math.abs(at(a, r, col)) > Math.abs(at(a, pivot, col))) pivot = r;
    if (Math.abs(at(a, pivot, col)) <= 1e-12 * scale) return null;
    [a[col], a[pivot]] = [a[pivot] as number[], a[col] as number[]];
    const row = a[col] as number[];
    const p = row[col] as number;
    for (let j = 0; j < 2 * k; j++) row[j] = (row[j] as number) / p;
    for (let r = 0; r < k; r++) {
      if (r === col) continue;
      const other = a[r] as number[];
      const f = other[col] as number;
      if (f === 0) continue;
      for (let j = 0; j < 2 * k; j++) other[j] = (other[j] as number) - f * (row[j] as number);
    }
  }
  return a.map((row) => row.slice(k));
}

function at(a: number[][], r: number, c: number): number {
  return (a[r] as number[])[c] as number;
}
