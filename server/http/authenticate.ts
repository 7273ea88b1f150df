// Resolves the session cookie once per request, slides its expiry, and
// clears cookies that are forged, expired or revoked.
import type { RequestHandler } from "express";
import { authenticateCookieHeader } from "../../app/domain/accounts/authenticate-request.server";
import { serializeClearedSessionCookie, serializeSessionCookie } from "../../app/domain/accounts/session-cookie.server";
import type { Services } from "../services";
import { locals } from "./request-context";

export function authenticate(services: Services): RequestHandler {
  return async (req, res, next) => {
    try {
      const auth = await authenticateCookieHeader(services.db, services.config, req.headers.cookie);
      locals(res).auth = auth;
      if (auth.status === "invalid") res.append("Set-Cookie", serializeClearedSessionCookie(services.config));
      if (auth.status === "signed-in" && auth.refreshed) {
        res.append("Set-Cookie", serializeSessionCookie(services.config, auth.token, auth.session.expiresAt));
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}
