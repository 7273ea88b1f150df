// Asks the portal again whether this person may still open the draft, when
// the editing socket fails: a browser only sees "connection failed", while
// the upgrade was refused with 401 (signed out) or 404 (no access).
import type { AccessCheck } from "./collab-session";

/** Reads the editor route's own loader data (Remix's `?_data=` request). */
export function draftAccessChecker(pagePath: string, routeId: string): AccessCheck {
  return async () => {
    try {
      const res = await fetch(`${pagePath}?_data=${encodeURIComponent(routeId)}`, { credentials: "same-origin" });
      // requireUser redirects to the sign-in page; Remix reports that in a header.
      if (res.headers.get("X-Remix-Redirect")?.startsWith("/login")) return "signed-out";
      if (res.status === 404) return "none";
      if (!res.ok) return "unreachable";
      const data = (await res.json()) as { access?: unknown };
      return data.access === "edit" || data.access === "view" ? data.access : "unreachable";
    } catch {
      return "unreachable";
    }
  };
}
