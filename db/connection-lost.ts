// Whether an error means the database connection went away under a query:
// PostgreSQL closed it (pg_terminate_backend, a restart, a failover), the
// network dropped it, or the driver could not reach the server. Nothing about
// the query itself was wrong, so the same request can succeed a moment later;
// the HTTP layer retries reads and tells a person to send a form again
// (server/http/remix-handler.ts, app/forms/submit-form.server.ts).

// 57P01 admin shutdown (pg_terminate_backend), 57P02 crash shutdown,
// 57P03 cannot connect now (starting up); class 08 is "connection exception".
const POSTGRES_CODES = new Set(["57P01", "57P02", "57P03"]);
// postgres.js's own codes, and the socket's.
const DRIVER_CODES = new Set(["CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT", "ECONNREFUSED", "ECONNRESET", "EPIPE"]);

export function isConnectionLost(error: unknown): boolean {
  // drizzle wraps the driver's error (DrizzleQueryError, with it as `cause`).
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (POSTGRES_CODES.has(code) || DRIVER_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  }
  return false;
}
