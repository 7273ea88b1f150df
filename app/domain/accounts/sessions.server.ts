// Sessions as in Lucia's guide: a random token in the cookie, its SHA-256 as
// the row id. Expiry slides with activity and is capped by an absolute lifetime.
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { preparedQuery } from "../../../db/prepared-query";
import { organisations, sessions, users, type Role } from "../../../db/schema";
import type { Language } from "../i18n/languages";
import { generateSecretToken, hashSecretToken, isWellFormedSecretToken } from "./secret-token.server";

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 14 * DAY;
export const SESSION_ABSOLUTE_MS = 90 * DAY;
// Extending on every request would write on every page view; once a day is enough.
const REFRESH_AFTER_MS = 1 * DAY;

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  orgId: string;
  timeZone: string;
  roles: Role[];
  /** The person's own language, or null to follow the organisation's. */
  language: Language | null;
  orgLanguage: Language;
};

export type Session = { id: string; userId: string; createdAt: Date; expiresAt: Date };

export type ValidatedSession = { session: Session; user: SessionUser; refreshed: boolean };

export async function createSession(db: Database, userId: string, now = new Date()) {
  const token = generateSecretToken();
  const session: Session = {
    id: hashSecretToken(token),
    userId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SESSION_IDLE_MS),
  };
  await db.insert(sessions).values(session);
  return { token, session };
}

// The session and its person, in one row.
const sessionRow = (db: Database) =>
  db
    .select({
      id: sessions.id,
      userId: sessions.userId,
      createdAt: sessions.createdAt,
      expiresAt: sessions.expiresAt,
      email: users.email,
      name: users.name,
      orgId: users.orgId,
      timeZone: users.timeZone,
      // Read with the session so choosing a page's language costs no query (app/domain/i18n).
      language: sql<Language | null>`${users.language}`,
      orgLanguage: sql<Language>`${organisations.defaultLanguage}`,
      roles: sql<Role[]>`array(select ur.role::text from user_roles ur where ur.user_id = ${users.id} order by 1)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organisations, eq(organisations.id, users.orgId));

// Every request runs it, so it is built once (db/prepared-query.ts).
const sessionByIdQuery = preparedQuery("session_by_id", (db) => sessionRow(db).where(eq(sessions.id, sql.placeholder("id"))));

export async function validateSessionToken(
  db: Database,
  token: string,
  now = new Date(),
): Promise<ValidatedSession | null> {
  if (!isWellFormedSecretToken(token)) return null;
  const [row] = await sessionByIdQuery(db, { id: hashSecretToken(token) });
  return row ? settleSession(db, row, now) : null;
}

/**
 * Several tokens in one query, each answered as validateSessionToken answers
 * it alone: the collaboration server checks the websockets that reconnect
 * together (after a restart, hundreds at once) this way.
 */
export async function validateSessionTokens(
  db: Database,
  tokens: readonly string[],
  now = new Date(),
): Promise<Map<string, ValidatedSession | null>> {
  const result = new Map<string, ValidatedSession | null>();
  const idOf = new Map<string, string>();
  for (const token of tokens) {
    if (isWellFormedSecretToken(token)) idOf.set(token, hashSecretToken(token));
    else result.set(token, null);
  }
  if (idOf.size === 0) return result;
  const rows = await sessionRow(db).where(inArray(sessions.id, [...new Set(idOf.values())]));
  const rowById = new Map(rows.map((row) => [row.id, row]));
  await Promise.all(
    [...idOf].map(async ([token, id]) => {
      const row = rowById.get(id);
      result.set(token, row ? await settleSession(db, row, now) : null);
    }),
  );
  return result;
}

type SessionRow = { id: string; userId: string; createdAt: Date; expiresAt: Date } & Omit<SessionUser, "id">;

/** An expired session is deleted; a live one's expiry slides, written at most once a day. */
async function settleSession(db: Database, row: SessionRow, now: Date): Promise<ValidatedSession | null> {
  const { id } = row;
  const absoluteEnd = row.createdAt.getTime() + SESSION_ABSOLUTE_MS;
  if (now.getTime() >= row.expiresAt.getTime() || now.getTime() >= absoluteEnd) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }

  const session: Session = { id, userId: row.userId, createdAt: row.createdAt, expiresAt: row.expiresAt };
  let refreshed = false;
  const idleEnd = Math.min(now.getTime() + SESSION_IDLE_MS, absoluteEnd);
  if (idleEnd - row.expiresAt.getTime() >= REFRESH_AFTER_MS) {
    session.expiresAt = new Date(idleEnd);
    await db.update(sessions).set({ expiresAt: session.expiresAt }).where(eq(sessions.id, id));
    refreshed = true;
  }
  return {
    session,
    refreshed,
    user: { id: row.userId, email: row.email, name: row.name, orgId: row.orgId, timeZone: row.timeZone, roles: row.roles, language: row.language, orgLanguage: row.orgLanguage },
  };
}

export async function invalidateSession(db: Database, sessionId: string) {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends all of a user's sessions, optionally keeping the one in use. */
export async function invalidateUserSessions(db: Database, userId: string, keepSessionId?: string) {
  await db
    .delete(sessions)
    .where(keepSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)) : eq(sessions.userId, userId));
}
