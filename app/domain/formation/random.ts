// The engine's one source of randomness: pure-rand's xoroshiro128+ from a
// seed (decision 025), so a run with the same seed and budget repeats.
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

export type Random = { int: (below: number) => number; float: () => number };

export function seededRandom(seed: number): Random {
  const rng = xoroshiro128plus(seed | 0);
  return {
    int: (below) => (below <= 1 ? 0 : uniformInt(rng, 0, below - 1)),
    float: () => (rng.next() >>> 0) / 4294967296,
  };
}

export function shuffleInPlace(xs: Int32Array | number[], random: Random): void {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const t = xs[i]!;
    xs[i] = xs[j]!;
    xs[j] = t;
  }
}
