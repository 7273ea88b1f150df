// npm run bench:formation — the formation engine against the research record
// (MDGPLIB, reference values from TPSDP): every instance in
// ../shared/bench/mdgp/instances, read from there, never copied here. n ≤ 12
// runs the exact routine; n = 120 gets 3 s and n = 240 10 s per run, 5 seeds
// each. Prints a Markdown table: per instance the best and mean gap to
// reference.tsv, beside the reference's own 20-run mean.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { compileDiversity, objective } from "../app/domain/formation/diversity";
import { parseMdgplib } from "../app/domain/formation/mdgplib";
import { solveFormation } from "../app/domain/formation/solve-formation";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../shared/bench/mdgp");
const dir = path.join(root, "instances");
if (!existsSync(dir)) {
  console.error(`No instances at ${dir}.`);
  process.exit(1);
}
const SEEDS = [1, 2, 3, 4, 5];
const only = process.argv[2] ? new RegExp(process.argv[2]) : null;

type Reference = { kind: string; value: number; ownMean: number | null };
const reference = new Map<string, Reference>();
for (const line of readFileSync(path.join(root, "reference.tsv"), "utf8").trim().split("\n").slice(1)) {
  const [name, kind, value, note] = line.split("\t");
  const avg = /avg ([0-9.]+)/.exec(note ?? "");
  reference.set(name!, { kind: kind!, value: Number(value), ownMean: avg ? Number(avg[1]) : null });
}

const gap = (ref: number, ours: number) => ((ref - ours) / ref) * 100;
// Rounded first, so a gap of -0.0001% prints as 0.000%.
const pct = (x: number) => `${(Math.round(x * 1000) / 1000 || 0).toFixed(3)}%`;
const names = readdirSync(dir)
  .filter((f) => f.endsWith(".txt"))
  .map((f) => f.slice(0, -4))
  .filter((name) => reference.has(name) && (!only || only.test(name)))
  .sort((a, b) => Number(/_n(\d+)_/.exec(a)![1]) - Number(/_n(\d+)_/.exec(b)![1]) || a.localeCompare(b));

console.log(
  `Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${os.cpus().length} × ${os.cpus()[0]?.model ?? "unknown CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; one run at a time on one core.\n`,
);
console.log("| instance | n | s/run | reference | ref. own mean gap | our best | best gap | our mean | mean gap | iterations/s |");
console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
const summary = new Map<string, { best: number[]; mean: number[]; own: number[] }>();
for (const name of names) {
  const problem = parseMdgplib(readFileSync(path.join(dir, `${name}.txt`), "utf8"));
  const ref = reference.get(name)!;
  const seconds = problem.n <= 12 ? 0 : problem.n <= 120 ? 3 : 10;
  const d = compileDiversity(problem.n, problem.diversity);
  const values: number[] = [];
  let rate = 0;
  for (const seed of problem.n <= 12 ? [1] : SEEDS) {
    const result = solveFormation(problem, { seed, timeLimitMs: seconds * 1000 });
    if (!result.ok) throw new Error(`${name}: ${result.problems[0]!.message}`);
    values.push(objective(d, result.assignment));
    rate += result.iterations / (result.elapsedMs / 1000) / SEEDS.length;
  }
  const best = Math.max(...values);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const own = ref.ownMean === null ? null : gap(ref.value, ref.ownMean);
  const group = problem.n <= 12 ? "n ≤ 12 (exact)" : `${name.split("_")[0]} n=${problem.n}`;
  const entry = summary.get(group) ?? { best: [], mean: [], own: [] };
  entry.best.push(gap(ref.value, best));
  entry.mean.push(gap(ref.value, mean));
  if (own !== null) entry.own.push(own);
  summary.set(group, entry);
  console.log(
    `| ${name} | ${problem.n} | ${seconds || "exact"} | ${ref.value.toFixed(3)} (${ref.kind === "optimum" ? "optimum" : "best known"}) | ${own === null ? "–" : pct(own)} | ${best.toFixed(3)} | ${pct(gap(ref.value, best))} | ${mean.toFixed(3)} | ${pct(gap(ref.value, mean))} | ${problem.n <= 12 ? "–" : Math.round(rate).toLocaleString("en")} |`,
  );
}
const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
console.log("\n| set | instances | mean of best gaps | worst best gap | mean of mean gaps | worst mean gap | reference's own mean gap |");
console.log("|---|---:|---:|---:|---:|---:|---:|");
for (const [group, e] of summary) {
  console.log(
    `| ${group} | ${e.best.length} | ${pct(avg(e.best))} | ${pct(Math.max(...e.best))} | ${pct(avg(e.mean))} | ${pct(Math.max(...e.mean))} | ${e.own.length ? pct(avg(e.own)) : "–"} |`,
  );
}
