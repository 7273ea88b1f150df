// Resolves the session cookie once per request, slides its expiry, and
// clears cookies that are forged, expired or revoked. Reading the session is
// safe to run twice (sliding sets the same expiry again), so a read whose
// database connection was cut runs again before the request fails.
import type { RequestHandler } from "express";
import { authenticateCookieHeader } from "../../app/domain/accounts/authenticate-request.server";
import { retryOnConnectionLoss } from "../../db/connection-lost";
import { errorFields } from "../log";
import { serializeClearedSessionCookie, serializeSessionCookie } from "../../app/domain/accounts/session-cookie.server";
import type { Services } from "../services";
import { locals } from "./request-context";

export function authenticate(services: Services): RequestHandler {
  return async (req, res, next) => {
    try {
      const auth = await retryOnConnectionLoss(
        () => authenticateCookieHeader(services.db, services.config, req.headers.cookie),
        (attempt, error) => services.log.warn("session read retried after its database connection was lost", { attempt, ...errorFields(error) }),
      );
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
