// People's data: exports, expired links, erasures after cooling-off, and
// retention. Safe in every process (see personal-data-jobs.server.ts).
import { runPersonalDataJobs } from "../../app/domain/personal-data/personal-data-jobs.server";
import type { Services } from "../services";
import { scheduleJob } from "./schedule-job";

export function startPersonalDataJobs(services: Services, everyMs = 60_000) {
  // An erased person's open editors close at once, on every process.
  const erased = (userId: string) => services.accessRevocations.announce([userId]);
  return scheduleJob("personal-data", everyMs, () => runPersonalDataJobs(services.db, { erased }), services.log);
}
