// The engine off the request path: progress arrives, cancel ends the run, and
// a crash inside the worker is a failed result while this process carries on.
import { messageIn } from "~/domain/i18n/translators";
import { runFormationInWorker } from "~/domain/formation/run-formation-worker.server";
import type { FormationProblem } from "~/domain/formation/problem";

function cohort(n: number): FormationProblem {
  return {
    n,
    groups: Array.from({ length: n / 8 }, () => ({ min: 7, max: 9 })),
    diversity: { kind: "attributes", weights: { department: 3, site: 1, level: 1 } },
    people: Array.from({ length: n }, (_, i) => ({ department: `d${i % 7}`, site: `s${(i * 5) % 3}`, level: `l${(i * 11) % 4}` })),
    rules: { maxPerDepartment: 3 },
  };
}

describe("the formation worker", () => {
  it("reports progress and returns a plan", async () => {
    const progress: number[] = [];
    const run = runFormationInWorker(cohort(80), { seed: 1, timeLimitMs: 300, onProgress: (p) => progress.push(p.value) });
    const result = await run.result;
    expect(result.status).toBe("done");
    if (result.status === "done" && result.solution.ok) {
      expect(result.solution.assignment).toHaveLength(80);
      expect(progress.length).toBeGreaterThan(0);
      expect(progress.at(-1)).toBeCloseTo(result.solution.value, 6);
    } else throw new Error("expected a plan");
  });

  it("stops when cancelled, long before its time limit", async () => {
    let updates = 0;
    const started = Date.now();
    let cancel = () => {};
    const first = new Promise<void>((resolve) => {
      const run = runFormationInWorker(cohort(240), {
        seed: 2,
        timeLimitMs: 60_000,
        onProgress: () => {
          updates++;
          resolve();
        },
      });
      cancel = run.cancel;
      void run.result.then((r) => results.push(r.status));
    });
    const results: string[] = [];
    await first;
    cancel();
    await new Promise((r) => setTimeout(r, 300));
    expect(results).toEqual(["cancelled"]);
    const after = updates;
    await new Promise((r) => setTimeout(r, 500));
    expect(updates).toBe(after);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it("turns a crash in the worker into an error result", async () => {
    // A dense matrix of the wrong length makes the engine throw inside the worker.
    const broken: FormationProblem = { n: 20, groups: [{ min: 10, max: 10 }, { min: 10, max: 10 }], diversity: { kind: "dense", values: new Float64Array(7) } };
    const result = await runFormationInWorker(broken, { timeLimitMs: 200 }).result;
    expect(result).toEqual({ status: "failed", error: expect.any(String) });
    // The error is a catalogue message with the worker's own words as its value.
    expect(messageIn("en", (result as { error: string }).error)).toContain("The formation run failed");
    // This process is alive and can run again.
    const again = await runFormationInWorker(cohort(16), { timeLimitMs: 50 }).result;
    expect(again.status).toBe("done");
  });
});
