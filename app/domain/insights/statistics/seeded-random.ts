import mt19937 from "@stdlib/random-base-mt19937";

type Normalized = () => number;

/**
 * A Mersenne Twister (MT19937, from @stdlib) seeded with `seed`, returning
 * floats in [0, 1) with 53 random bits. The stream is the same as NumPy's
 * `RandomState(seed).random_sample()`, so a result can be reproduced outside
 * Roundtable. The seed is taken as an unsigned 32-bit integer; 0 becomes 2^32-1
 * because MT19937's seeding needs a positive seed here.
 */
export function seededRandom(seed: number): () => number {
  if (!Number.isFinite(seed)) throw new RangeError("the seed must be a finite number");
  const unsigned = Math.trunc(seed) >>> 0;
  const generator = mt19937.factory({ seed: unsigned === 0 ? 0xffffffff : unsigned });
  // The typings omit `normalized`, which the generator has at run time.
  const normalized = (generator as unknown as { normalized: Normalized }).normalized;
  return () => normalized();
}

/** A uniform integer in [0, n), from a [0, 1) generator. */
export function randomIndex(random: () => number, n: number): number {
  return Math.floor(random() * n);
}

/** Fisher–Yates: item i swaps with a uniform j ≤ i, from the end to the start. */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  return shuffleWith(items, seededRandom(seed));
}

export function shuffleWith<T>(items: readonly T[], random: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomIndex(random, i + 1);
    const held = out[i] as T;
    out[i] = out[j] as T;
    out[j] = held;
  }
  return out;
}
