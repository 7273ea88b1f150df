// The client address a websocket upgrade counts against (its connection
// limits, server/limits/connection-slots.ts), read as Express reads it for
// HTTP requests.
import type { IncomingMessage } from "node:http";

/**
 * With TRUST_PROXY the left-most X-Forwarded-For entry (what `trust proxy:
 * true` takes), otherwise the socket's peer.
 */
export function clientAddressOf(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers["x-forwarded-for"];
  const first = trustProxy ? (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim() : undefined;
  return first || req.socket.remoteAddress || "unknown";
}
