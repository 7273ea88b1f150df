// Re-checks every open socket's right to its document every few seconds, in
// three queries however many sockets are open, and closes those whose right
// changed (role or co-authorship removed, module archived, signed out): they
// reconnect and authenticate again.
import { and, gt, inArray } from "drizzle-orm";
import { sessions } from "../../db/schema";
import { accessToDocuments } from "../../app/domain/modules/module-draft.server";
import type { Database } from "../../db/database";
import type { Logger } from "../log";
import { CLOSE, type Connection } from "./connection";

export async function recheckAccess(db: Database, connections: Connection[], log: Logger): Promise<number> {
  const open = connections.filter((c) => !c.closed);
  if (open.length === 0) return 0;
  const sessionIds = [...new Set(open.map((c) => c.identity.sessionId))];
  const [live, access] = await Promise.all([
    db
      .select({ id: sessions.id })
      .from(sessions)
      .where(and(inArray(sessions.id, sessionIds), gt(sessions.expiresAt, new Date()))),
    accessToDocuments(
      db,
      open.map((c) => ({ userId: c.identity.userId, documentName: c.identity.documentName })),
    ),
  ]);
  const liveSessions = new Set(live.map((s) => s.id));
  let closed = 0;
  for (const conn of open) {
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
