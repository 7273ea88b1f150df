// The worker thread's side: solve the problem it was given and post progress
// and the result back. Any exception escapes to the parent's "error" event,
// which turns it into a failed run.
import { parentPort, workerData } from "node:worker_threads";
import type { FormationProblem, SolveOptions } from "./problem";
import { solveFormation } from "./solve-formation";

export type WorkerInput = {
  problem: FormationProblem;
  options: Omit<SolveOptions, "onProgress">;
  start?: Int32Array;
};

const input = workerData as WorkerInput;
const solution = solveFormation(
  input.problem,
  { ...input.options, onProgress: (progress) => parentPort!.postMessage({ type: "progress", progress }) },
  input.start,
);
parentPort!.postMessage({ type: "done", solution });
