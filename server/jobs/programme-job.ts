// Moves the programme along with time: cycles start and reach their vote,
// votes close, meeting reminders, wrap-ups and evaluation requests go out,
// conversion offers close. Safe in every process (see programme-jobs.server.ts).
import { runProgrammeJobs } from "../../app/domain/programme/programme-jobs.server";
import type { Services } from "../services";
import { scheduleJob } from "./schedule-job";

export function startProgrammeJobs(services: Services, everyMs = 60_000) {
  return scheduleJob("programme", everyMs, () => runProgrammeJobs(services.db, { origin: services.config.publicOrigin }), services.log);
}
