// The session cookie: HttpOnly and SameSite=Lax always; Secure with the
// __Host- prefix in production.
import type { Config } from "../../../server/config";

export function sessionCookieName(config: Pick<Config, "isProduction">) {
  return config.isProduction ? "__Host-rt_session" : "rt_session";
}

export function serializeSessionCookie(config: Pick<Config, "isProduction">, token: string, expiresAt: Date) {
  const parts = [
    `${sessionCookieName(config)}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Expires=${expiresAt.toUTCString()}`,
  ];
  if (config.isProduction) parts.push("Secure");
  return parts.join("; ");
}

export function serializeClearedSessionCookie(config: Pick<Config, "isProduction">) {
  const parts = [`${sessionCookieName(config)}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0"];
  if (config.isProduction) parts.push("Secure");
  return parts.join("; ");
}

/** Reads the token from a Cookie header; never throws on malformed input. */
export function readSessionToken(config: Pick<Config, "isProduction">, cookieHeader: string | null | undefined) {
  if (!cookieHeader || cookieHeader.length > 8192) return null;
  const name = sessionCookieName(config);
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}
