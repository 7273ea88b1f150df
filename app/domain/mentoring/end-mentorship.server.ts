// Either person ends the pairing with a short closing reflection; the other
// adds theirs afterwards. Ending frees the mentor's place and cancels the
// check-ins still to come.
import { and, asc, eq, gt, ne } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { mentorships, mentorshipReflections, reunions } from "../../../db/schema";
import { recordAudit } from "../audit/record-audit.server";
import { InputError } from "../input-error";
import { notify } from "../notifications/notify.server";
import type { Actor } from "../policy";
import { cancelOccasions } from "../reunions/cancel-reunion.server";
import { findMentorship } from "./mentorship-space.server";
import { message } from "../i18n/message";

export async function endMentorship(db: Database, actor: Actor & { name: string }, pairId: string, reflection: string, now = new Date()) {
  const pair = await findMentorship(db, actor, pairId);
  await db.transaction(async (tx) => {
    const [locked] = await tx.select({ status: mentorships.status }).from(mentorships).where(eq(mentorships.id, pair.id)).for("update");
    if (locked?.status !== "active") throw new InputError({ form: "mentoring:errors.alreadyEnded" }, 409);
    await tx.update(mentorships).set({ status: "ended", endedAt: now }).where(eq(mentorships.id, pair.id));
    await tx.insert(mentorshipReflections).values({ mentorshipId: pair.id, userId: actor.id, text: reflection });
    // Cancelled like any check-in (a new calendar SEQUENCE, audited, their invitations superseded); the notice below tells the other.
    // Nobody is told the reason (tell: false), so it is stored as a key and the audit log says it in its reader's language.
    const checkIns = await tx
      .select()
      .from(reunions)
      .where(and(eq(reunions.mentorshipId, pair.id), ne(reunions.status, "cancelled"), gt(reunions.startsAt, now)))
      .orderBy(asc(reunions.startsAt))
      .for("update");
    await cancelOccasions(tx, checkIns, { actorId: actor.id, reason: "audit:reasons.mentoringEnded", now, tell: false });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "mentorship.ended",
      targetType: "mentorship",
      targetId: pair.id,
      targetLabel: message("audit:labels.mentorship", { mentor: pair.mentor.name, mentee: pair.mentee.name }),
      ownerOrgId: pair.mentor.orgId,
    });
    await notify(
      tx,
      [pair.other.id],
      {
        kind: "mentoring",
        title: message("notifications:texts.mentoringEnded", { name: actor.name }),
        body: checkIns.length ? message("notifications:texts.mentoringEndedCheckIns", { count: checkIns.length }) : "notifications:texts.mentoringEndedBody",
        link: `/mentoring/${pair.id}#reflections`,
      },
      { actorId: actor.id },
    );
  });
}

/** Once the pairing has ended, each person writes one reflection. */
export async function addReflection(db: Database, actor: Actor, pairId: string, reflection: string) {
  const pair = await findMentorship(db, actor, pairId);
  if (pair.status !== "ended") throw new InputError({ form: "mentoring:errors.reflectWhenEnded" }, 409);
  const added = await db
    .insert(mentorshipReflections)
    .values({ mentorshipId: pair.id, userId: actor.id, text: reflection })
    .onConflictDoNothing()
    .returning({ userId: mentorshipReflections.userId });
  if (added.length === 0) throw new InputError({ form: "mentoring:errors.alreadyReflected" }, 409);
}
