// Re-checks open sockets' right to their documents, a few queries per slice
// of 250 sockets, and closes those whose right changed (role or
// co-authorship removed, module archived, signed out): they reconnect and
// authenticate again. A full re-check runs when the database's access_changes
// sequence moved (triggers bump it, migration 0004), and at least every
// FULL_CHECK_MS for sessions that simply expired; polling the sequence is
// one tiny query, so the check costs nothing while nothing changes.
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

export async function recheckAccess(db: Database, connections: Connection[], log: Logger): Promise<number> {
  const open = connections.filter((c) => !c.closed);
  let closed = 0;
  for (let start = 0; start < open.length; start += SLICE) closed += await recheckSlice(db, open.slice(start, start + SLICE), log);
  return closed;
}

async function recheckSlice(db: Database, open: Connection[], log: Logger): Promise<number> {
  const sessionIds = [...new Set(open.map((c) => c.identity.sessionId))];
  const [live, access] = await Promise.all([
    db
      .select({ id: sessions.id })
      .from(sessions)
      .where(and(inArray(sessions.id, sessionIds), gt(sessions.expiresAt, new Date()))),
    accessToCollabDocuments(
      db,
      open.map((c) => ({ userId: c.identity.userId, documentName: c.identity.documentName })),
    ),
  ]);
  const liveSessions = new Set(live.map((s) => s.id));
  let closed = 0;
  for (const conn of open) {
    if (conn.closed) continue;
    const now = access.get(`${conn.identity.userId} ${conn.identity.documentName}`);
    if (!liveSessions.has(conn.identity.sessionId) || now !== conn.identity.access) {
      log.info("closing a collaboration socket whose access changed", {
        document: conn.identity.documentName,
        userId: conn.identity.userId,
        was: conn.identity.access,
        now: liveSessions.has(conn.identity.sessionId) ? now : "signed out",
      });
      conn.close(CLOSE.accessChanged, "access changed");
      closed++;
    }
  }
  return closed;
}

const FULL_CHECK_MS = 30_000;

export class AccessWatch {
  private lastVersion: string | null = null;
  private recheckNextTick = false;
  private lastFullCheck = Date.now();

  constructor(
    private readonly db: Database,
    private readonly connections: () => Connection[],
    private readonly log: Logger,
  ) {}

  async tick() {
    const result = await this.db.execute(sql`select last_value::text as v from access_changes`);
    const rows = ((result as unknown as { rows?: { v: string }[] }).rows ?? (result as unknown as { v: string }[])) as { v: string }[];
    const version = rows[0]?.v ?? "0";
    const moved = version !== this.lastVersion; // also on the first tick
    this.lastVersion = version;
    // The sequence moves before the change commits, so look again on the next tick too.
    const due = moved || this.recheckNextTick || Date.now() - this.lastFullCheck >= FULL_CHECK_MS;
    this.recheckNextTick = moved;
    if (!due) return 0;
    this.lastFullCheck = Date.now();
    return recheckAccess(this.db, this.connections(), this.log);
  }
}
