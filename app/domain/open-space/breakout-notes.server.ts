// A break-out's notes: the collaborative document "notes.<sessionId>" that
// the people in the room write together. Who may edit or read it comes from
// breakoutNotesAccess in policy.ts, for the notes page and the collaboration
// server alike.
import { eq, inArray, sql } from "drizzle-orm";
import * as Y from "yjs";
import type { Database } from "../../../db/database";
import type { Role } from "../../../db/roles";
import { openSpaceSessions, organisations, reunions, users } from "../../../db/schema";
import { FALLBACK_LANGUAGE, isLanguage } from "../i18n/languages";
import { breakoutNotesAccess, type Actor, type DraftAccess } from "../policy";
import { findVisibleReunion, inAudienceSql, notFoundReunion, REUNION_ID_COLUMN } from "../reunions/visible-reunions.server";
import { notesDocumentName, notesTemplate, sessionIdOfNotesDocument } from "./notes-schema";
import { notesHeadings } from "./notes-sections";
import { notesJsonToYDoc } from "./notes-yjs";
import { isUuid } from "../uuid";


/** What this person may do with a break-out's notes: edit, view or nothing. */
export async function accessToNotes(db: Database, actor: Actor, documentName: string): Promise<DraftAccess> {
  const sessionId = sessionIdOfNotesDocument(documentName);
  if (!sessionId) return "none";
  const [row] = await db
    .select({ orgId: reunions.orgId, organiserId: reunions.organiserId, inAudience: sql<boolean>`${inAudienceSql(REUNION_ID_COLUMN, actor.id)}` })
    .from(openSpaceSessions)
    .innerJoin(reunions, eq(reunions.id, openSpaceSessions.reunionId))
    .where(eq(openSpaceSessions.id, sessionId));
  return row ? breakoutNotesAccess(actor, { orgId: row.orgId, isOrganiser: row.organiserId === actor.id, inAudience: row.inAudience }) : "none";
}

/**
 * Access for many (person, notes) pairs in two queries, for the collaboration
 * server's periodic re-check: the people with their roles, and one row per
 * person and session with the audience check.
 */
export async function accessToNotesMany(db: Database, pairs: { userId: string; documentName: string }[]): Promise<Map<string, DraftAccess>> {
  const result = new Map<string, DraftAccess>();
  const key = (userId: string, documentName: string) => `${userId} ${documentName}`;
  const sessionsByUser = new Map<string, Set<string>>();
  for (const p of pairs) {
    result.set(key(p.userId, p.documentName), "none");
    const sessionId = sessionIdOfNotesDocument(p.documentName);
    if (!sessionId || !isUuid(p.userId)) continue;
    let set = sessionsByUser.get(p.userId);
    if (!set) sessionsByUser.set(p.userId, (set = new Set()));
    set.add(sessionId);
  }
  if (sessionsByUser.size === 0) return result;
  const perUser = [...sessionsByUser].map(
    ([userId, sessionIds]) => sql`(select ${userId}::uuid as user_id, s.id as session_id, reunions.org_id, reunions.organiser_id,
      ${inAudienceSql(REUNION_ID_COLUMN, userId)} as in_audience
      from open_space_sessions s join reunions on reunions.id = s.reunion_id
      where s.id in (${sql.join([...sessionIds].map((id) => sql`${id}::uuid`), sql`, `)}))`,
  );
  const [people, rows] = await Promise.all([
    db
      .select({ id: users.id, orgId: users.orgId, roles: sql<Role[]>`coalesce((select array_agg(ur.role::text) from user_roles ur where ur.user_id = ${users.id}), '{}')` })
      .from(users)
      .where(inArray(users.id, [...sessionsByUser.keys()])),
    db.execute(sql.join(perUser, sql` union all `)),
  ]);
  const actorById = new Map(people.map((p) => [p.id, p satisfies Actor]));
  type Row = { user_id: string; session_id: string; org_id: string; organiser_id: string | null; in_audience: boolean };
  const list = ((rows as unknown as { rows?: Row[] }).rows ?? (rows as unknown as Row[])) as Row[];
  for (const row of list) {
    const actor = actorById.get(row.user_id);
    if (!actor) continue;
    const access = breakoutNotesAccess(actor, { orgId: row.org_id, isOrganiser: row.organiser_id === row.user_id, inAudience: row.in_audience === true });
    result.set(key(row.user_id, notesDocumentName(row.session_id)), access);
  }
  return result;
}

/** The state a break-out's notes start from: the template, with the convener's name filled in. */
export async function initialNotesState(db: Database, documentName: string): Promise<Uint8Array | null> {
  const sessionId = sessionIdOfNotesDocument(documentName);
  if (!sessionId) return null;
  // The notes are shared by everyone in the room: their headings are in the organisation's language.
  const [row] = await db
    .select({ convenerName: users.name, language: organisations.defaultLanguage })
    .from(openSpaceSessions)
    .innerJoin(reunions, eq(reunions.id, openSpaceSessions.reunionId))
    .innerJoin(organisations, eq(organisations.id, reunions.orgId))
    .leftJoin(users, eq(users.id, openSpaceSessions.convenerId))
    .where(eq(openSpaceSessions.id, sessionId));
  if (!row) return null;
  const doc = notesJsonToYDoc(notesTemplate(row.convenerName, notesHeadings(isLanguage(row.language) ? row.language : FALLBACK_LANGUAGE)));
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

/** The break-out for its notes page: scoped to the reunion this person may see, else a 404. */
export async function findBreakoutForNotes(db: Database, actor: Actor, reunionId: string, sessionId: string) {
  const reunion = await findVisibleReunion(db, actor, reunionId);
  if (!isUuid(sessionId)) throw notFoundReunion();
  const [session] = await db
    .select({ id: openSpaceSessions.id, topic: openSpaceSessions.topic, description: openSpaceSessions.description, convenerName: users.name })
    .from(openSpaceSessions)
    .leftJoin(users, eq(users.id, openSpaceSessions.convenerId))
    .where(sql`${openSpaceSessions.id} = ${sessionId} and ${openSpaceSessions.reunionId} = ${reunion.id}`);
  const access = breakoutNotesAccess(actor, reunion);
  if (!session || access === "none") throw notFoundReunion();
  return {
    reunion: { id: reunion.id, title: reunion.title },
    session: { id: session.id, topic: session.topic, description: session.description, convenerName: session.convenerName },
    documentName: notesDocumentName(session.id),
    access,
  };
}
