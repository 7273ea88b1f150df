// The one function that turns a Cookie header into a signed-in user. The
// HTTP middleware uses it for every request, and the collaboration server
// will use it on websocket upgrade.
import type { Database } from "../../../db/database";
import type { Config } from "../../../server/config";
import { readSessionToken } from "./session-cookie.server";
import { validateSessionToken, type ValidatedSession } from "./sessions.server";

export type Authentication =
  | { status: "anonymous" }
  | { status: "invalid" } // a cookie was sent but is forged, expired or revoked
  | ({ status: "signed-in"; token: string } & ValidatedSession);

export async function authenticateCookieHeader(
  db: Database,
  config: Pick<Config, "isProduction">,
  cookieHeader: string | null | undefined,
): Promise<Authentication> {
  const token = readSessionToken(config, cookieHeader);
  if (!token) return { status: "anonymous" };
  const validated = await validateSessionToken(db, token);
  return validated ? { status: "signed-in", token, ...validated } : { status: "invalid" };
}
