// The programme's timed work, run by one job (server/jobs/programme-job.ts)
// in every process: each step takes its rows under locks other processes
// skip, so nothing happens twice. Steps run in this order each minute: time
// moves cycles first, so reminders and requests see the states it made.
import type { Database } from "../../../db/database";
import { conversionsStep } from "./cohorts/close-conversions.server";
import { advanceCycles } from "./cycles/advance-cycles.server";
import { sendEvaluationRequests } from "./meetings/evaluation-requests.server";
import { sendMeetingReminders } from "./meetings/meeting-reminders.server";
import { sendWrapUpRequests } from "./meetings/wrap-up-requests.server";

export type ProgrammeJobOptions = { origin: string; now: Date };
export type ProgrammeStep = { name: string; run: (db: Database, options: ProgrammeJobOptions) => Promise<number> };

export const PROGRAMME_STEPS: ProgrammeStep[] = [
  // First: the steps after it see the states time has made.
  { name: "cycles", run: (db, { now }) => advanceCycles(db, { now }) },
  // Offers to carry on as a peer group after sponsorship ends: also a change of state, so before the notices.
  conversionsStep,
  { name: "meeting-reminders", run: sendMeetingReminders },
  { name: "evaluation-requests", run: sendEvaluationRequests },
  { name: "wrap-up", run: sendWrapUpRequests },
];

/** Runs every step once; returns how much each did, for logs and tests. */
export async function runProgrammeJobs(db: Database, { origin, now = new Date() }: { origin: string; now?: Date }) {
  const done: Record<string, number> = {};
  for (const step of PROGRAMME_STEPS) done[step.name] = await step.run(db, { origin, now });
  return done;
}
