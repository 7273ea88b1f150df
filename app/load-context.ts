// What server/http-app.ts hands to every loader and action.
import type { Authentication } from "./domain/accounts/authenticate-request.server";
import type { Language } from "./domain/i18n/languages";
import type { Services } from "../server/services";

/** What the HTTP layer knows of a request before Remix runs it. */
export type RequestContext = {
  services: Services;
  auth: Authentication;
  requestId: string;
  cspNonce: string;
  clientIp: string;
  /** The page's language, chosen once per request (app/domain/i18n/i18n.server.ts). */
  language: Language;
};

declare module "@remix-run/node" {
  interface AppLoadContext extends RequestContext {
    /** Errors this request's loaders, actions and render threw recorded and read by server/http/remix-handler.ts. */
    serverErrors: unknown[];
  }
}
