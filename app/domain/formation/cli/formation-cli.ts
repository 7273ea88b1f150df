// `npm run formation -- FILE --seconds=S --seed=K --out=OUT`: solves one
// MDGPLIB instance, writes one 0-based group index per line to OUT and
// prints `value <objective>` (the objective of the plan written) last.
import { readFileSync, writeFileSync } from "node:fs";
import { compileDiversity, objective } from "../diversity";
import { i18nFor } from "../../i18n/translators";
import { translateNestedMessage } from "../../i18n/nested-message";
import { InstanceFormatError, parseMdgplib } from "../mdgplib";
import { solveFormation } from "../solve-formation";

function main(argv: string[]): number {
  const options = new Map<string, string>();
  const files: string[] = [];
  for (const arg of argv) {
    const match = /^--([a-z]+)=(.*)$/.exec(arg);
    if (match) options.set(match[1]!, match[2]!);
    else files.push(arg);
  }
  const file = files[0];
  const out = options.get("out");
  const seconds = Number(options.get("seconds") ?? "10");
  const seed = Number(options.get("seed") ?? "1");
  if (!file || !out || files.length !== 1) {
    console.error("Usage: npm run formation -- FILE --seconds=S --seed=K --out=OUT");
    return 2;
  }
  if (!(seconds > 0) || !Number.isInteger(seed)) {
    console.error("--seconds must be a positive number and --seed an integer.");
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    console.error(`Cannot read ${file}: ${(error as Error).message}`);
    return 1;
  }
  let problem;
  try {
    problem = parseMdgplib(text);
  } catch (error) {
    if (error instanceof InstanceFormatError) {
      console.error(`${file}: ${error.message}`);
      return 1;
    }
    throw error;
  }
  const solution = solveFormation(problem, { seed, timeLimitMs: seconds * 1000 });
  if (!solution.ok) {
    // A command-line tool for benchmark files: its messages are in English.
    for (const p of solution.problems) console.error(translateNestedMessage(i18nFor("en"), p.message));
    return 1;
  }
  writeFileSync(out, Array.from(solution.assignment, (g) => `${g}\n`).join(""));
  // Recomputed from what was written, so the value is the written plan's.
  const written = readFileSync(out, "utf8").trim().split("\n").map(Number);
  const value = objective(compileDiversity(problem.n, problem.diversity), written);
  console.log(`${solution.exact ? "exact" : "search"} ${solution.iterations} iterations in ${(solution.elapsedMs / 1000).toFixed(2)} s`);
  console.log(`value ${value.toFixed(6)}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
