// Sends the outbox through SMTP_URL with nodemailer. Without SMTP_URL mail
// stays in the outbox, readable at /admin/outbox.
import nodemailer from "nodemailer";
import { deliverDueEmails, type MailTransport } from "../../app/domain/email/deliver-outbox.server";
import type { Services } from "../services";
import { scheduleJob } from "./schedule-job";

export function smtpTransport(smtpUrl: string): MailTransport {
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    send: async (message) => {
      await transporter.sendMail(message);
    },
  };
}

export function startOutboxDelivery(services: Services, everyMs = 5_000) {
  if (!services.config.smtpUrl) return null;
  const transport = smtpTransport(services.config.smtpUrl);
  return scheduleJob("deliver-outbox", everyMs, () => deliverDueEmails(services.db, transport, services.config.mailFrom), services.log);
}
