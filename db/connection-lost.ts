// Whether an error means the database connection went away under a query:
// PostgreSQL closed it (pg_terminate_backend, a restart, a failover), the
// network dropped it, or the driver could not reach the server. Nothing about
// the query itself was wrong, so the same request can succeed a moment later;
// the HTTP layer runs reads again and tells a person to send a form again
// (server/http/remix-handler.ts, server/http/authenticate.ts,
// app/forms/submit-form.server.ts).

// 57P01 admin shutdown (pg_terminate_backend), 57P02 crash shutdown,
// 57P03 cannot connect now (starting up); class 08 is "connection exception".
const POSTGRES_CODES = new Set(["57P01", "57P02", "57P03"]);
// postgres.js's own codes, and the socket's (a write to a socket already
// closed or destroyed fails with Node's ERR_STREAM_* / ERR_SOCKET_* codes).
const DRIVER_CODES = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "ERR_STREAM_DESTROYED",
  "ERR_STREAM_WRITE_AFTER_END",
  "ERR_SOCKET_CLOSED",
]);

/** The error codes along an error's cause chain (drizzle wraps the driver's error as `cause`), outermost first. */
export function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") codes.push(code);
  }
  return codes;
}

export function isConnectionLost(error: unknown): boolean {
  return errorCodes(error).some((code) => POSTGRES_CODES.has(code) || DRIVER_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code));
}

/** Waits before each new try of a read: the pool reconnects at once after a cut; a restarting server takes longer. */
export const READ_RETRY_DELAYS_MS: readonly number[] = [100, 500];

/**
 * Runs `read` again, after each delay in turn, while it fails only because its
 * connection was cut. For reads (and writes that are the same however often
 * they run): anything else would be done twice.
 */
export async function retryOnConnectionLoss<T>(read: () => Promise<T>, onRetry?: (attempt: number, error: unknown) => void, delaysMs: readonly number[] = READ_RETRY_DELAYS_MS): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await read();
    } catch (error) {
      if (!isConnectionLost(error) || attempt >= delaysMs.length) throw error;
      onRetry?.(attempt + 1, error);
      await new Promise((resolve) => setTimeout(resolve, delaysMs[attempt]));
    }
  }
}
