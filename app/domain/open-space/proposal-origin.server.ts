// A module proposal that came out of an open-space break-out: checking the
// proposer took part, and telling the proposal's readers where it came from
// without showing the break-out to those who may not see it.
import { eq, sql } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { openSpaceSessions, reunions } from "../../../db/schema";
import { InputError } from "../input-error";
import { canReadProceedings, canSeeReunion, canTakePartInReunion, type Actor } from "../policy";
import { inAudienceSql, REUNION_ID_COLUMN } from "../reunions/visible-reunions.server";
import { isUuid } from "../uuid";


export const NOT_YOUR_BREAKOUT = "proposals:form.errors.notYourBreakout";

async function sessionWithReunion(db: Database, actor: Actor, sessionId: string) {
  if (!isUuid(sessionId)) return null;
  const [row] = await db
    .select({
      sessionId: openSpaceSessions.id,
      topic: openSpaceSessions.topic,
      reunionId: reunions.id,
      reunionTitle: reunions.title,
      orgId: reunions.orgId,
      organiserId: reunions.organiserId,
      proceedingsVisibility: reunions.proceedingsVisibility,
      inAudience: sql<boolean>`${inAudienceSql(REUNION_ID_COLUMN, actor.id)}`,
    })
    .from(openSpaceSessions)
    .innerJoin(reunions, eq(reunions.id, openSpaceSessions.reunionId))
    .where(eq(openSpaceSessions.id, sessionId));
  if (!row) return null;
  return { ...row, access: { orgId: row.orgId, isOrganiser: row.organiserId === actor.id, inAudience: row.inAudience === true } };
}

/** The break-out a proposal comes from, if the proposer took part in its reunion; otherwise a 400 with a plain reason. */
export async function breakoutTheProposerTookPartIn(db: Database, actor: Actor, sessionId: string) {
  const row = await sessionWithReunion(db, actor, sessionId);
  if (!row || !canTakePartInReunion(actor, row.access)) throw new InputError({ originSessionId: NOT_YOUR_BREAKOUT });
  return { sessionId: row.sessionId, topic: row.topic, reunionId: row.reunionId, reunionTitle: row.reunionTitle };
}

/** The same, or null, for prefilling the proposal form from a link. */
export async function originForProposalForm(db: Database, actor: Actor, sessionId: string) {
  try {
    return await breakoutTheProposerTookPartIn(db, actor, sessionId);
  } catch (error) {
    if (error instanceof InputError) return null;
    throw error;
  }
}

/**
 * What a proposal's reader learns about its origin: the break-out and the
 * reunion, with a link to the notes (or the proceedings), only when they may
 * read them; otherwise just that it came from a break-out.
 */
export async function proposalOrigin(db: Database, actor: Actor, sessionId: string | null) {
  if (!sessionId) return null;
  const row = await sessionWithReunion(db, actor, sessionId);
  if (!row) return null;
  if (canSeeReunion(actor, row.access)) {
    return { topic: row.topic, reunionTitle: row.reunionTitle, href: `/reunions/${row.reunionId}/sessions/${row.sessionId}` };
  }
  if (canReadProceedings(actor, { ...row.access, proceedingsVisibility: row.proceedingsVisibility })) {
    return { topic: row.topic, reunionTitle: row.reunionTitle, href: `/reunions/${row.reunionId}/proceedings#session-${row.sessionId}` };
  }
  return { topic: null, reunionTitle: null, href: null };
}
