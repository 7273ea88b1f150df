// Reminds reviewers, once per item, of queue items waiting longer than
// REVIEW_REMINDER_HOURS. Safe to run in every process: items are taken
// under a row lock.
import { sendReviewReminders } from "../../app/domain/review/review-queue.server";
import type { Services } from "../services";
import { scheduleJob } from "./schedule-job";

export function startReviewReminders(services: Services, everyMs = 10 * 60_000) {
  const { db, config } = services;
  return scheduleJob("review-reminders", everyMs, () => sendReviewReminders(db, { origin: config.publicOrigin, overdueHours: config.reviewReminderHours }), services.log);
}
