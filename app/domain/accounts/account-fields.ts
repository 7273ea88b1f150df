// Field rules shared by every form that takes an email, password, name or
// time zone. The messages (app/locales/*/validation.json) are written for
// managers, not engineers.
import { z } from "zod";

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const emailField = z
  .string({ required_error: "validation:email.missing" })
  .trim()
  .min(1, "validation:email.missing")
  .max(254, "validation:email.tooLong")
  .email("validation:email.invalid")
  .transform(normaliseEmail);

export const newPasswordField = z
  .string({ required_error: "validation:password.missingNew" })
  .min(8, "validation:password.tooShort")
  .max(256, "validation:password.tooLong");

// At sign-in we only bound the size; the rules apply when choosing one.
export const passwordField = z
  .string({ required_error: "validation:password.missing" })
  .min(1, "validation:password.missing")
  .max(256, "validation:password.tooLong");

export const nameField = z
  .string({ required_error: "validation:name.missing" })
  .trim()
  .min(1, "validation:name.missing")
  .max(120, "validation:name.tooLong");

export const jobTitleField = z.string().trim().max(120, "validation:jobTitle.tooLong").default("");

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
  .refine(isKnownTimeZone, "validation:timeZone.unknown");

/** Every IANA zone this server knows, UTC first, for pickers. */
export function listTimeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  const zones = (intl.supportedValuesOf?.("timeZone") ?? []).filter((z) => z !== "UTC");
  return ["UTC", ...zones];
}
