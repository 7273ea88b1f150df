// Emails notifications by each person's choice: pending ones every few
// seconds, daily digests checked every ten minutes. It runs with or without
// SMTP: the emails land in the outbox, which /admin/outbox shows when no
// SMTP server delivers them.
import { emailPendingNotifications, sendDailyDigests } from "../../app/domain/notifications/email-notifications.server";
import type { Services } from "../services";
import { scheduleJob, type ScheduledJob } from "./schedule-job";

export function startNotificationEmails(services: Services, { pendingEveryMs = 5_000, digestsEveryMs = 10 * 60_000 } = {}): ScheduledJob {
  // The origin is read at each run: tests set it once the port is known.
  const options = () => ({ origin: services.config.publicOrigin, now: new Date() });
  const pending = scheduleJob("email-notifications", pendingEveryMs, () => emailPendingNotifications(services.db, options()), services.log);
  const digests = scheduleJob("email-digests", digestsEveryMs, () => sendDailyDigests(services.db, options()), services.log);
  return {
    stop: async () => {
      await Promise.all([pending.stop(), digests.stop()]);
    },
  };
}
