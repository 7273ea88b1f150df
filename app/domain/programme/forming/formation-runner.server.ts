// The process's formation runs: each in its own worker thread (never on the
// request path), its progress written to the plan's row about once a second
// so any process can show it, and its result written when it ends. The row
// is the source of truth: a cancel from any process flips the status, and
// the next heartbeat here notices and ends the worker. A process that dies
// stops its heartbeats, and readers treat a silent run as interrupted.
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { formationPlans } from "../../../../db/schema";
import type { FormationProblem, FormationProgress } from "../../formation/problem";
import { runFormationInWorker, type FormationRun, type FormationRunResult } from "../../formation/run-formation-worker.server";

export const HEARTBEAT_MS = 1000;
/** A running plan whose heartbeat is older than this was interrupted (its process stopped). */
export const SILENT_AFTER_MS = 20_000;

type Entry = { run: FormationRun; done: Promise<void> };

export class FormationRunner {
  private readonly runs = new Map<string, Entry>();

  constructor(
    private readonly db: Database,
    /** Tests point this at a worker that crashes. */
    private readonly entry?: string,
  ) {}

  start(planId: string, problem: FormationProblem, options: { timeLimitMs: number; seed: number; start?: Int32Array }): void {
    let latest: FormationProgress | null = null;
    const startedAt = Date.now();
    const run = runFormationInWorker(problem, { ...options, entry: this.entry, onProgress: (p) => (latest = p) });
    const beat = setInterval(() => {
      void this.heartbeat(planId, latest, Date.now() - startedAt, run).catch(() => {});
    }, HEARTBEAT_MS);
    const done = run.result
      .then((outcome) => {
        clearInterval(beat);
        return this.finish(planId, problem, outcome, latest);
      })
      .catch(() => {})
      .finally(() => this.runs.delete(planId));
    this.runs.set(planId, { run, done });
  }

  /** Ends a run of this process (the caller has already marked the row cancelled). */
  cancel(planId: string): void {
    this.runs.get(planId)?.run.cancel();
  }

  /** Resolves when the run has ended and its row is written (tests, shutdown). */
  async settled(planId: string): Promise<void> {
    await this.runs.get(planId)?.done;
  }

  get running(): number {
    return this.runs.size;
  }

  /** On shutdown: end every run and say so on its row, so nobody waits for it. */
  async stop(): Promise<void> {
    const entries = [...this.runs];
    for (const [planId, { run }] of entries) {
      await this.db
        .update(formationPlans)
        .set({ status: "failed", error: "cohorts:formation.errors.serverStopped", updatedAt: new Date() })
        .where(and(eq(formationPlans.id, planId), eq(formationPlans.status, "running")));
      run.cancel();
    }
    await Promise.all(entries.map(([, e]) => e.done));
  }

  private async heartbeat(planId: string, latest: FormationProgress | null, elapsedMs: number, run: FormationRun) {
    // The time used is the wall clock (the bar moves even while the best value holds); the value is the best so far.
    const rows = await this.db
      .update(formationPlans)
      .set({ heartbeatAt: sql`now()`, progressMs: elapsedMs, ...(latest ? { progressValue: latest.value } : {}) })
      .where(and(eq(formationPlans.id, planId), eq(formationPlans.status, "running")))
      .returning({ id: formationPlans.id });
    // Cancelled (or ended) elsewhere: stop spending a core on it.
    if (rows.length === 0) run.cancel();
  }

  private async finish(planId: string, problem: FormationProblem, outcome: FormationRunResult, latest: FormationProgress | null) {
    const stillRunning = and(eq(formationPlans.id, planId), eq(formationPlans.status, "running"));
    const now = new Date();
    if (outcome.status === "cancelled") {
      await this.db.update(formationPlans).set({ status: "cancelled", updatedAt: now }).where(stillRunning);
    } else if (outcome.status === "failed") {
      await this.db.update(formationPlans).set({ status: "failed", error: outcome.error, updatedAt: now }).where(stillRunning);
    } else if (!outcome.solution.ok) {
      const name = (i: number) => problem.people?.[i]?.name ?? `person ${i + 1}`;
      const problems = outcome.solution.problems.map((p) => ({ rule: p.rule, people: p.people.map(name), message: p.message }));
      await this.db.update(formationPlans).set({ status: "failed", problems, updatedAt: now }).where(stillRunning);
    } else {
      const s = outcome.solution;
      await this.db
        .update(formationPlans)
        .set({
          status: "proposed",
          assignment: Array.from(s.assignment),
          value: s.value,
          progressValue: s.value,
          progressMs: Math.round(s.elapsedMs || latest?.elapsedMs || 0),
          updatedAt: now,
        })
        .where(stillRunning);
    }
  }
}
