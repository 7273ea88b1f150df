import { seededRandom, seededShuffle } from "~/domain/insights/statistics";

describe("seeded random numbers", () => {
  // Expected: reference/seeded_random.py (NumPy RandomState, the same MT19937 stream).
  it("draws the same floats as NumPy's Mersenne Twister for the same seed", () => {
    const expected: Record<number, number[]> = {
      42: [0.3745401188473625, 0.9507143064099162, 0.7319939418114051, 0.5986584841970366, 0.15601864044243652],
      2026: [0.21934563492692294, 0.4130117368786672, 0.9766354781603012, 0.08889902164812924, 0.47928985968018156],
      4294967295: [0.0976320289940138, 0.9123828453026218, 0.78903530185164, 0.7800035981134678, 0.01793967398674523],
    };
    for (const [seed, values] of Object.entries(expected)) {
      const random = seededRandom(Number(seed));
      expect(values.map(() => random())).toEqual(values);
    }
  });

  it("shuffles reproducibly from a seed, as the reference Fisher–Yates does", () => {
    const items = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    // Expected: reference/seeded_random.py.
    expect(seededShuffle(items, 7)).toEqual([1, 8, 9, 4, 2, 6, 5, 3, 7, 0]);
    expect(seededShuffle(items, 7)).toEqual(seededShuffle(items, 7));
    expect(seededShuffle(items, 8)).not.toEqual(seededShuffle(items, 7));
    expect(items).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("refuses a seed that is not a number", () => {
    expect(() => seededRandom(Number.NaN)).toThrow(RangeError);
  });
});
