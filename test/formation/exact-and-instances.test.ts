// The n ≤ 12 benchmark instances reach their proven optima (read from the
// shared benchmark directory, never copied into the repository), and a
// malformed instance file is refused with the line named.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { compileDiversity, objective } from "~/domain/formation/diversity";
import { parseMdgplib } from "~/domain/formation/mdgplib";
import { solveFormation } from "~/domain/formation/solve-formation";

const root = path.resolve(__dirname, "../../../shared/bench/mdgp");
const instances = path.join(root, "instances");
const present = existsSync(instances);
if (!present) console.warn(`Skipping the MDGPLIB optimum checks: ${instances} is absent.`);

const reference = new Map<string, number>(
  present
    ? readFileSync(path.join(root, "reference.tsv"), "utf8")
        .trim()
        .split("\n")
        .slice(1)
        .map((line) => line.split("\t"))
        .map(([name, , value]) => [name!, Number(value)] as const)
    : [],
);

describe.skipIf(!present)("n ≤ 12 instances reach their optimum", () => {
  const names = present ? [...reference.keys()].filter((name) => /_n01[02]_/.test(name)) : [];
  it.each(names)("%s", (name) => {
    const problem = parseMdgplib(readFileSync(path.join(instances, `${name}.txt`), "utf8"));
    const result = solveFormation(problem);
    if (!result.ok) throw new Error(result.problems[0]!.message);
    expect(result.exact).toBe(true);
    expect(result.value).toBeCloseTo(reference.get(name)!, 3);
    expect(objective(compileDiversity(problem.n, problem.diversity), result.assignment)).toBeCloseTo(result.value, 6);
    problem.groups.forEach((bounds, g) => {
      const size = Array.from(result.assignment).filter((x) => x === g).length;
      expect(size).toBeGreaterThanOrEqual(bounds.min);
      expect(size).toBeLessThanOrEqual(bounds.max);
    });
  });

  it("the search alone reaches the optimum of a 12-person instance", () => {
    const problem = parseMdgplib(readFileSync(path.join(instances, "RanReal_n012_ds_01.txt"), "utf8"));
    // Late-joiner mode with nobody placed skips the exact routine and runs the search.
    const none = new Int32Array(12).fill(-1);
    const result = solveFormation(problem, { seed: 3, timeLimitMs: 500, target: reference.get("RanReal_n012_ds_01")! - 1e-6 }, none);
    expect(result.ok && result.exact).toBe(false);
    if (result.ok) expect(result.value).toBeCloseTo(reference.get("RanReal_n012_ds_01")!, 3);
  });
});

describe("a malformed instance file", () => {
  const good = "3 1 ss 3 3\n0 1 1.5\n0 2 2\n1 2 3\n";
  it("reads a good one", () => {
    expect(parseMdgplib(good).n).toBe(3);
  });
  it.each([
    ["x 1 ss 3 3\n", /^Line 1: expected the number of people first/],
    ["3 1 ss 3\n", /^Line 1: expected 1 pairs of group bounds/],
    ["3 1 ss 3 3\n0 1 1.5\n0 2 two\n1 2 3\n", /^Line 3: "two" is not a number/],
    ["3 1 ss 3 3\n0 1 1.5\n0 5 2\n1 2 3\n", /^Line 3: "0 5" is not a pair/],
    ["3 1 ss 3 3\n0 1 1.5\n0 1 2\n1 2 3\n", /^Line 3: the pair 0 1 appears twice/],
    ["3 1 ss 3 3\n0 1 1.5\n0 2 2\n", /expected 3 pairs for 3 people, found 2/],
  ])("%j", (text, message) => {
    expect(() => parseMdgplib(text)).toThrow(message);
  });
});
