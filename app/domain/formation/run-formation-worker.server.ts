// Runs the engine off the request path in a worker_threads worker: progress
// arrives as the best value improves, cancel() terminates the thread, and a
// crash (an exception, an exit, a worker that never answers) becomes a failed
// result — the web process never dies with it.
import { existsSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { FormationProblem, FormationProgress, FormationSolution, SolveOptions } from "./problem";
import type { WorkerInput } from "./formation-worker.server";
import { message } from "../i18n/message";

export type FormationRunResult =
  | { status: "done"; solution: FormationSolution }
  | { status: "cancelled" }
  | { status: "failed"; error: string };

export type FormationRun = { result: Promise<FormationRunResult>; cancel: () => void };

export type RunOptions = Omit<SolveOptions, "onProgress"> & {
  onProgress?: (progress: FormationProgress) => void;
  /** Late joiners: group index per person, -1 for the people to place. */
  start?: Int32Array;
  /** How long past the time limit a silent worker is given before it counts as crashed. */
  graceMs?: number;
  /** The worker's entry file; tests point it at a script that crashes. */
  entry?: string;
};

/** The entry beside this file in the source tree; a bundled server build resolves it from the project root. */
function defaultEntry(): string {
  const beside = fileURLToPath(new URL("./formation-worker.server.ts", import.meta.url));
  if (existsSync(beside)) return beside;
  return path.join(process.cwd(), "app/domain/formation/formation-worker.server.ts");
}

function tsxApi(): string {
  // The ESM build of tsx's API (require.resolve finds the CommonJS one beside it).
  return createRequire(import.meta.url).resolve("tsx/esm/api").replace(/\.cjs$/, ".mjs");
}

export function runFormationInWorker(problem: FormationProblem, options: RunOptions = {}): FormationRun {
  const { onProgress, start, graceMs = 30_000, entry = defaultEntry(), ...solveOptions } = options;
  const input: WorkerInput = { problem, options: solveOptions, start };
  // A TypeScript entry needs tsx's loader registered inside the worker first.
  const script = entry.endsWith(".ts")
    ? `import(${JSON.stringify(pathToFileURL(tsxApi()).href)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(entry).href)}); });`
    : null;
  let settle: (result: FormationRunResult) => void = () => {};
  const result = new Promise<FormationRunResult>((resolve) => (settle = resolve));
  let settled = false;
  const finish = (outcome: FormationRunResult) => {
    if (settled) return;
    settled = true;
    clearTimeout(watchdog);
    settle(outcome);
    void worker.terminate();
  };
  const worker = new Worker(script ?? entry, { eval: script !== null, workerData: input, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
  const watchdog = setTimeout(
    () => finish({ status: "failed", error: "cohorts:formation.errors.stoppedAnswering" }),
    (solveOptions.timeLimitMs ?? 2000) + graceMs,
  );
  worker.on("message", (message: { type: "progress"; progress: FormationProgress } | { type: "done"; solution: FormationSolution }) => {
    if (message.type === "progress") onProgress?.(message.progress);
    else finish({ status: "done", solution: message.solution });
  });
  worker.on("error", (error) => finish({ status: "failed", error: message("cohorts:formation.errors.runFailed", { detail: error.message }) }));
  worker.on("exit", (code) => finish({ status: "failed", error: message("cohorts:formation.errors.runEnded", { code }) }));
  return {
    result,
    cancel: () => finish({ status: "cancelled" }),
  };
}
