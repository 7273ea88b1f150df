// Remix sends a route's own headers with a page only through the route's
// `headers` export: this one passes Retry-After on from an action that
// answered 429 (over a budget), so a browser without JavaScript gets it too.
import type { HeadersFunction } from "@remix-run/node";

export const retryAfterHeaders: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};
