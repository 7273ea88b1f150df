// Sends the reunion reminders (poll closing soon; the reunion is tomorrow).
// Safe to run in every process: each reunion is taken under a row lock.
import {
  sendPollReminders,
  sendReunionReminders,
} from "../../app/domain/reunions/reunion-reminders.server";
import type { Services } from "../services";
import { scheduleJob } from "./schedule-job";

export function startReunionReminders(
  services: Services,
  everyMs = 5 * 60_000
) {
  const { db, config } = services;
  return scheduleJob(
    "reunion-reminders",
    everyMs,
    async () => {
      await sendPollReminders(db, { origin: config.publicOrigin });
      await sendReunionReminders(db, { origin: config.publicOrigin });
    },
    services.log
  );
}
