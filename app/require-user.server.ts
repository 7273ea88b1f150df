// The route-side view of the session: who is signed in, and guards that
// redirect anonymous visitors to sign in or refuse missing roles.
import { redirect, type AppLoadContext } from "@remix-run/node";
import type { SessionUser } from "./domain/accounts/sessions.server";
import { ForbiddenError } from "./domain/http-errors";
import { canAdministerOrg, isPlatformAdmin } from "./domain/policy";
import "./load-context";

export function getUser(context: AppLoadContext): SessionUser | null {
  return context.auth.status === "signed-in" ? context.auth.user : null;
}

export function getSessionId(context: AppLoadContext): string | null {
  return context.auth.status === "signed-in" ? context.auth.session.id : null;
}

/** Only same-site paths, so a crafted ?redirectTo= cannot send people elsewhere. */
export function safeRedirectPath(to: unknown, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
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

export function requireOrgAdmin(context: AppLoadContext, request: Request) {
  const user = requireUser(context, request);
  if (!canAdministerOrg(user, user.orgId)) throw new ForbiddenError("This area is for your organisation's admins.");
  return user;
}

export function requirePlatformAdmin(context: AppLoadContext, request: Request) {
  const user = requireUser(context, request);
  if (!isPlatformAdmin(user)) throw new ForbiddenError("This area is for platform admins.");
  return user;
}
