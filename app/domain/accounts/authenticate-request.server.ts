// The one function that turns a Cookie header into a signed-in user. The
// HTTP middleware uses it for every request, and the collaboration server on
// websocket upgrade (for many upgrades at once, in one query).
import type { Database } from "../../../db/database";
import type { Config } from "../../../server/config";
import { readSessionToken } from "./session-cookie.server";
import { validateSessionTokens, type ValidatedSession } from "./sessions.server";

export type Authentication =
  | { status: "anonymous" }
  | { status: "invalid" } // a cookie was sent but is forged, expired or revoked
  | ({ status: "signed-in"; token: string } & ValidatedSession);

export async function authenticateCookieHeader(
  db: Database,
  config: Pick<Config, "isProduction">,
  cookieHeader: string | null | undefined,
): Promise<Authentication> {
  return (await authenticateCookieHeaders(db, config, [cookieHeader]))[0]!;
}

/** Each Cookie header's answer, in order, with one session query for them all. */
export async function authenticateCookieHeaders(
  db: Database,
  config: Pick<Config, "isProduction">,
  cookieHeaders: readonly (string | null | undefined)[],
): Promise<Authentication[]> {
  const tokens = cookieHeaders.map((header) => readSessionToken(config, header));
  const present = tokens.filter((token): token is string => token !== null);
  const validated = present.length ? await validateSessionTokens(db, present) : new Map<string, ValidatedSession | null>();
  return tokens.map((token): Authentication => {
    if (!token) return { status: "anonymous" };
    const session = validated.get(token);
    return session ? { status: "signed-in", token, ...session } : { status: "invalid" };
  });
}
