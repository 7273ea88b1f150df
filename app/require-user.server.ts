// The route-side view of the session: who is signed in, and guards that
// redirect anonymous visitors to sign in or refuse missing roles.
import { redirect, type AppLoadContext } from "@remix-run/node";
import type { SessionUser } from "./domain/accounts/sessions.server";
import { ForbiddenError } from "./domain/http-errors";
import { translatorFor } from "./domain/i18n/translators";
import { canAdministerOrg, isPlatformAdmin } from "./domain/policy";
import "./load-context";

export function getUser(context: AppLoadContext): SessionUser | null {
  return context.auth.status === "signed-in" ? context.auth.user : null;
}

export function getSessionId(context: AppLoadContext): string | null {
  return context.auth.status === "signed-in" ? context.auth.session.id : null;
}

// Any origin of a special scheme serves: a path is resolved the same way against every one.
const PROBE_ORIGIN = "http://roundtable.invalid";
// What a Location header may carry: URL serialisation percent-encodes everything else.
const HEADER_SAFE = /^[\x21-\x7e]*$/;

/**
 * Where to send someone after a form: only a path on this site, judged the
 * way a browser reads it (WHATWG URL parsing drops tabs and newlines and
 * reads a backslash as a slash, so a prefix check is not enough), and sent
 * as the normalised, percent-encoded path + query + fragment, so the header
 * is always valid. Anything else, an absolute address included (forms only
 * ever send paths), goes to `fallback`.
 */
export function safeRedirectPath(to: unknown, fallback = "/") {
  if (typeof to !== "string" || to === "") return fallback;
  let url: URL;
  try {
    url = new URL(to, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  const path = url.pathname + url.search + url.hash;
  // "/..//host" normalises to "//host", which a browser reads as another site.
  if (url.origin !== PROBE_ORIGIN || !path.startsWith("/") || path.startsWith("//") || !HEADER_SAFE.test(path)) return fallback;
  return path;
}

export function requireUser(context: AppLoadContext, request: Request): SessionUser {
  const user = getUser(context);
  if (user) return user;
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
}

export function requireAnonymous(context: AppLoadContext) {
  if (getUser(context)) throw redirect("/");
}

// Written in the request's language here: downloads (CSV) answer with this text and no page around it.
const forbidden = (context: AppLoadContext, who: "orgAdmins" | "platformAdmins") => translatorFor(context.language)(`errors.forbidden.${who}`);

export function requireOrgAdmin(context: AppLoadContext, request: Request) {
  const user = requireUser(context, request);
  if (!canAdministerOrg(user, user.orgId)) throw new ForbiddenError(forbidden(context, "orgAdmins"));
  return user;
}

export function requirePlatformAdmin(context: AppLoadContext, request: Request) {
  const user = requireUser(context, request);
  if (!isPlatformAdmin(user)) throw new ForbiddenError(forbidden(context, "platformAdmins"));
  return user;
}
