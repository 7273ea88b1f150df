// Re-checks open sockets' right to their documents, a few queries per slice
// of 250 sockets, and closes those whose right changed (role or
// co-authorship removed, module archived, signed out): they reconnect and
// authenticate again. Three things start a check (decision 041):
// - an announced revocation (server/access-revocations.ts, through Redis
//   from any process): that person's sockets, at once;
// - the database's access_changes sequence moving (triggers bump it,
//   migrations 0004 and 0008), polled every accessCheckMs: every socket,
//   which catches whatever was not announced, from any process;
// - a socket's session reaching its expiry: a timer per socket, which
//   closes it then unless the session was extended meanwhile.
import { and, gt, inArray, sql } from "drizzle-orm";
import { sessions } from "../../db/schema";
import { accessToCollabDocuments } from "../../app/domain/collab/document-kinds.server";
import type { Database } from "../../db/database";
import type { Logger } from "../log";
import { CLOSE, type Connection } from "./connection";

/**
 * Sockets checked per round of queries. A check of every socket at once built
 * queries with thousands of parameters and held the event loop for tens of
 * milliseconds (57 ms at 1,500 sockets); in slices the queries stay small and
 * the sockets are served between them.
 */
const SLICE = 250;

/** setTimeout's longest delay (about 24.8 days); a later expiry is looked at again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Closes the sockets in `connections` whose session ended or whose access
 * changed; returns how many. `kept` hears of every socket left open with its
 * session's expiry as the database has it now.
 */
export async function recheckAccess(
  db: Database,
  connections: Connection[],
  log: Logger,
  kept: (conn: Connection, sessionExpiresAt: number) => void = () => {},
): Promise<number> {
  const open = connections.filter((c) => !c.closed);
  let closed = 0;
  for (let start = 0; start < open.length; start += SLICE) closed += await recheckSlice(db, open.slice(start, start + SLICE), log, kept);
  return closed;
}

async function recheckSlice(db: Database, open: Connection[], log: Logger, kept: (conn: Connection, sessionExpiresAt: number) => void): Promise<number> {
  const sessionIds = [...new Set(open.map((c) => c.identity.sessionId))];
  const [live, access] = await Promise.all([
    db
      .select({ id: sessions.id, expiresAt: sessions.expiresAt })
      .from(sessions)
      .where(and(inArray(sessions.id, sessionIds), gt(sessions.expiresAt, new Date()))),
    accessToCollabDocuments(
      db,
      open.map((c) => ({ userId: c.identity.userId, documentName: c.identity.documentName })),
    ),
  ]);
  const liveSessions = new Map(live.map((s) => [s.id, s.expiresAt.getTime()]));
  let closed = 0;
  for (const conn of open) {
    if (conn.closed) continue;
    const now = access.get(`${conn.identity.userId} ${conn.identity.documentName}`);
    const expiresAt = liveSessions.get(conn.identity.sessionId);
    if (expiresAt === undefined || now !== conn.identity.access) {
      log.info("closing a collaboration socket whose access changed", {
        document: conn.identity.documentName,
        userId: conn.identity.userId,
        was: conn.identity.access,
        now: expiresAt === undefined ? "signed out" : now,
      });
      conn.close(CLOSE.accessChanged, "accessChanged");
      closed++;
    } else {
      kept(conn, expiresAt);
    }
  }
  return closed;
}

export class AccessWatch {
  private lastVersion: string | null = null;
  private recheckNextTick = false;
  private readonly expiryTimers = new Map<Connection, NodeJS.Timeout>();
  /** Sockets whose session's expiry came in this turn: checked together (a person's tabs share a session). */
  private readonly expiring = new Set<Connection>();

  constructor(
    private readonly db: Database,
    private readonly connections: () => Connection[],
    private readonly log: Logger,
  ) {}

  /** One poll of the access_changes sequence; a check of every socket when it moved. */
  async tick() {
    const result = await this.db.execute(sql`select last_value::text as v from access_changes`);
    const rows = ((result as unknown as { rows?: { v: string }[] }).rows ?? (result as unknown as { v: string }[])) as { v: string }[];
    const version = rows[0]?.v ?? "0";
    const moved = version !== this.lastVersion; // also on the first tick
    this.lastVersion = version;
    // The sequence moves before the change commits, so look again on the next tick too.
    const due = moved || this.recheckNextTick;
    this.recheckNextTick = moved;
    if (!due) return 0;
    return this.recheck(this.connections());
  }

  /** Checks these sockets now: an announced revocation, or their sessions' expiry. */
  recheck(connections: Connection[]) {
    return recheckAccess(this.db, connections, this.log, (conn, expiresAt) => {
      if (expiresAt !== conn.identity.sessionExpiresAt) {
        conn.identity.sessionExpiresAt = expiresAt;
        this.watch(conn);
      }
    });
  }

  /** Arms (or re-arms) the socket's timer for its session's expiry. */
  watch(conn: Connection) {
    clearTimeout(this.expiryTimers.get(conn));
    if (conn.closed) return void this.expiryTimers.delete(conn);
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, conn.identity.sessionExpiresAt - Date.now()));
    const timer = setTimeout(() => this.expired(conn), delay);
    timer.unref();
    this.expiryTimers.set(conn, timer);
  }

  forget(conn: Connection) {
    clearTimeout(this.expiryTimers.get(conn));
    this.expiryTimers.delete(conn);
    this.expiring.delete(conn);
  }

  stop() {
    for (const timer of this.expiryTimers.values()) clearTimeout(timer);
    this.expiryTimers.clear();
    this.expiring.clear();
  }

  private expired(conn: Connection) {
    this.expiryTimers.delete(conn);
    if (conn.closed) return;
    this.expiring.add(conn);
    if (this.expiring.size > 1) return;
    setImmediate(() => {
      const due = [...this.expiring];
      this.expiring.clear();
      // A session extended meanwhile is kept, and its timer re-armed for the new expiry.
      this.recheck(due)
        .then(() => {
          for (const c of due) if (!c.closed && !this.expiryTimers.has(c)) this.watch(c);
        })
        .catch((error) => {
          this.log.warn("checking an expiring session failed; trying again shortly", { error: String(error) });
          for (const c of due) if (!c.closed) setTimeout(() => this.expired(c), 1000).unref();
        });
    });
  }
}
