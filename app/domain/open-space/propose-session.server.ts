// Proposing a break-out session: anyone taking part may, before and during
// the event. The proposer convenes it, or names another invitee who does.
import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { openSpaceSessions, users } from "../../../db/schema";
import { ForbiddenError } from "../http-errors";
import { InputError } from "../input-error";
import { notify } from "../notifications/notify.server";
import { canTakePartInReunion, type Actor } from "../policy";
import { audienceMembers } from "../reunions/reunion-audience.server";
import { findOpenSpace } from "./find-open-space.server";
import type { ProposeSessionInput } from "./open-space-fields";
import { message } from "../i18n/message";

export async function proposeSession(db: Database, actor: Actor, reunionId: string, input: ProposeSessionInput, now = new Date()) {
  const reunion = await findOpenSpace(db, actor, reunionId);
  if (!canTakePartInReunion(actor, reunion)) throw new ForbiddenError("reunions:board.errors.onlyInvitedPropose");
  if (reunion.status === "cancelled") throw new InputError({ form: "reunions:board.errors.cancelledNoProposals" });
  if (reunion.endsAt && reunion.endsAt.getTime() <= now.getTime()) throw new InputError({ form: "reunions:board.errors.overNoProposals" });

  const convenerId = input.convenerId ?? actor.id;
  if (convenerId !== actor.id && convenerId !== reunion.organiserId && !(await audienceMembers(db, reunion.id)).some((m) => m.id === convenerId))
    throw new InputError({ convenerId: "reunions:board.errors.convenerNotInvited" });

  return db.transaction(async (tx) => {
    // New sessions wait below the board: the schedule or the organiser places them.
    const [session] = await tx
      .insert(openSpaceSessions)
      .values({ reunionId: reunion.id, topic: input.topic, description: input.description, convenerId })
      .returning({ id: openSpaceSessions.id });
    if (convenerId !== actor.id)
      await notify(
        tx,
        [convenerId],
        { kind: "reunion", title: message("notifications:texts.sessionConvener", { topic: input.topic }), body: message("notifications:texts.sessionConvenerBody", { reunion: reunion.title }), link: `/reunions/${reunion.id}/open-space` },
        { actorId: actor.id },
      );
    return session!.id;
  });
}

/** The people a proposer may name as convener: the audience and the organiser, by name; an erased organiser is nobody to name. */
export async function possibleConveners(db: Database, reunion: { id: string; organiserId: string | null }) {
  const people = (await audienceMembers(db, reunion.id)).map((m) => ({ id: m.id, name: m.name }));
  if (reunion.organiserId && !people.some((p) => p.id === reunion.organiserId))
    people.push(...(await db.select({ id: users.id, name: users.name }).from(users).where(and(eq(users.id, reunion.organiserId), isNull(users.erasedAt)))));
  return people.sort((a, b) => a.name.localeCompare(b.name));
}
