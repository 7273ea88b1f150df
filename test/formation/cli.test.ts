// The CLI writes one 0-based group index per line and prints the value of
// exactly that plan last; a malformed file is refused naming the line.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { compileDiversity, objective } from "~/domain/formation/diversity";
import { parseMdgplib } from "~/domain/formation/mdgplib";

const cli = path.resolve(__dirname, "../../app/domain/formation/cli/formation-cli.ts");
const tsx = path.resolve(__dirname, "../../node_modules/.bin/tsx");

function run(args: string[]) {
  return spawnSync(tsx, [cli, ...args], { encoding: "utf8", timeout: 20_000 });
}

describe("npm run formation", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "formation-cli-"));
  // 14 people in groups of 3–5: beyond the exact routine, so the search writes the plan.
  const n = 14;
  const lines = [`${n} 3 ds 3 5 4 5 4 5`];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) lines.push(`${i} ${j} ${((i * 7 + j * 13) % 17) + 0.5}`);
  const instance = path.join(dir, "small.txt");
  writeFileSync(instance, lines.join("\n") + "\n");

  it("writes the plan and prints its value last", () => {
    const out = path.join(dir, "small.out");
    const result = run([instance, "--seconds=0.3", "--seed=7", `--out=${out}`]);
    expect(result.status).toBe(0);
    const last = result.stdout.trim().split("\n").at(-1)!;
    expect(last).toMatch(/^value \d+\.\d+$/);
    const plan = readFileSync(out, "utf8").trim().split("\n").map(Number);
    expect(plan).toHaveLength(n);
    const problem = parseMdgplib(readFileSync(instance, "utf8"));
    expect(Number(last.slice(6))).toBeCloseTo(objective(compileDiversity(n, problem.diversity), plan), 5);
  });

  it("names the line of a malformed file", () => {
    const bad = path.join(dir, "bad.txt");
    writeFileSync(bad, "3 1 ss 3 3\n0 1 1\n0 2 x\n1 2 1\n");
    const result = run([bad, "--seconds=1", "--seed=1", `--out=${path.join(dir, "bad.out")}`]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Line 3: "x" is not a number.');
  });
});
