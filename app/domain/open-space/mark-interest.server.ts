// "I'm interested": how the schedule learns which sessions need big rooms and
// which ones draw the same people. One mark per person, which they may take back.
import { and, eq } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { openSpaceInterest, openSpaceSessions } from "../../../db/schema";
import { ForbiddenError } from "../http-errors";
import { InputError } from "../input-error";
import { canTakePartInReunion, type Actor } from "../policy";
import { findOpenSpace } from "./find-open-space.server";

export async function setInterest(db: Database, actor: Actor, reunionId: string, sessionId: string, interested: boolean) {
  const reunion = await findOpenSpace(db, actor, reunionId);
  if (!canTakePartInReunion(actor, reunion)) throw new ForbiddenError("reunions:board.errors.onlyInvitedInterest");
  const [session] = await db
    .select({ id: openSpaceSessions.id })
    .from(openSpaceSessions)
    .where(and(eq(openSpaceSessions.id, sessionId), eq(openSpaceSessions.reunionId, reunion.id)));
  if (!session) throw new InputError({ form: "reunions:board.errors.sessionGone" });
  if (interested) await db.insert(openSpaceInterest).values({ sessionId: session.id, userId: actor.id }).onConflictDoNothing();
  else await db.delete(openSpaceInterest).where(and(eq(openSpaceInterest.sessionId, session.id), eq(openSpaceInterest.userId, actor.id)));
}
