// The mentee asks one of the suggested mentors. The ask holds one of the
// mentor's places until they answer, so the mentor's offer row is locked
// while places are counted: two asks at once cannot overfill it.
import { eq } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { mentorOffers, mentoringRequests, mentorships } from "../../../db/schema";
import { InputError } from "../input-error";
import { notify } from "../notifications/notify.server";
import { canBeMatched, type Actor } from "../policy";
import { loadCandidates } from "./match-mentors.server";
import { findOwnRequest } from "./request-mentor.server";
import { message as catalogueMessage } from "../i18n/message";

export async function askMentor(db: Database, actor: Actor & { name: string }, requestId: string, { mentorId, message }: { mentorId: string; message: string }) {
  const request = await findOwnRequest(db, actor, requestId);
  return db.transaction(async (tx) => {
    await tx.select({ userId: mentorOffers.userId }).from(mentorOffers).where(eq(mentorOffers.userId, mentorId)).for("update");
    const [locked] = await tx.select({ status: mentoringRequests.status }).from(mentoringRequests).where(eq(mentoringRequests.id, request.id)).for("update");
    if (locked?.status !== "open")
      throw new InputError({ form: locked?.status === "matched" ? "mentoring:errors.requestMatched" : "mentoring:errors.requestClosed" }, 409);
    const [mentor] = await loadCandidates(tx, actor, request, mentorId);
    // A mentor the mentee may not be matched with looks the same as one who does not exist.
    if (!mentor || !mentor.active || !canBeMatched(mentor, request, mentor.crossing))
      throw new InputError({ form: "mentoring:errors.notSuggested" });
    if (mentor.alreadyAsked)
      throw new InputError({ form: catalogueMessage("mentoring:errors.alreadyAsked", { name: mentor.name }) }, 409);
    if (mentor.capacity - mentor.taken <= 0)
      throw new InputError({ form: catalogueMessage("mentoring:errors.mentorFull", { name: mentor.name }) }, 409);
    const [ask] = await tx
      .insert(mentorships)
      .values({ mentorId, menteeId: actor.id, requestId: request.id, message })
      .returning({ id: mentorships.id });
    await notify(
      tx,
      [mentorId],
      {
        kind: "mentoring",
        title: catalogueMessage("notifications:texts.mentorAsked", { name: actor.name }),
        body: catalogueMessage("notifications:texts.mentorAskedBody", { goal: request.goal.length > 200 ? `${request.goal.slice(0, 200)}…` : request.goal }),
        link: "/mentoring#asks",
      },
      { actorId: actor.id },
    );
    return ask!.id;
  });
}
