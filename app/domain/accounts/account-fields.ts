// Field rules shared by every form that takes an email, password, name or
// time zone. The messages are written for managers, not engineers.
import { z } from "zod";

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const emailField = z
  .string({ required_error: "Enter your email address." })
  .trim()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .email("Enter an email address like name@company.com.")
  .transform(normaliseEmail);

export const newPasswordField = z
  .string({ required_error: "Choose a password." })
  .min(8, "Use at least 8 characters.")
  .max(256, "Use at most 256 characters.");

// At sign-in we only bound the size; the rules apply when choosing one.
export const passwordField = z
  .string({ required_error: "Enter your password." })
  .min(1, "Enter your password.")
  .max(256, "Use at most 256 characters.");

export const nameField = z
  .string({ required_error: "Enter your name." })
  .trim()
  .min(1, "Enter your name.")
  .max(120, "Keep the name under 120 characters.");

export const jobTitleField = z.string().trim().max(120, "Keep the job title under 120 characters.").default("");

export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone.length > 0 && zone.length <= 64;
  } catch {
    return false;
  }
}

export const timeZoneField = z
  .string()
  .trim()
  .refine(isKnownTimeZone, "Choose a time zone from the list, such as Europe/Amsterdam.");

/** Every IANA zone this server knows, UTC first, for pickers. */
export function listTimeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  const zones = (intl.supportedValuesOf?.("timeZone") ?? []).filter((z) => z !== "UTC");
  return ["UTC", ...zones];
}
