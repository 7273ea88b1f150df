// Asking for a mentor: a goal, topics and where the mentor may come from.
// A request is its mentee's alone; anyone else gets a 404.
import { and, eq } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { mentoringRequests, mentorships } from "../../../db/schema";
import { ForbiddenError, NotFoundError } from "../http-errors";
import { InputError } from "../input-error";
import { canAskForMentor, type Actor } from "../policy";
import { isUuid } from "../uuid";
import type { RequestInput } from "./mentoring-fields";
import { checkScopeAllowed } from "./mentoring-scope.server";

export const notFoundRequest = () => new NotFoundError("mentoring:errors.notFound.request");

export async function createMentoringRequest(db: Database, actor: Actor, input: RequestInput): Promise<string> {
  if (!canAskForMentor(actor)) throw new ForbiddenError();
  await checkScopeAllowed(db, actor, input.scope);
  const [row] = await db
    .insert(mentoringRequests)
    .values({ menteeId: actor.id, goal: input.goal, topics: input.topics, scope: input.scope })
    .returning({ id: mentoringRequests.id });
  return row!.id;
}

/** The actor's own request, or a 404. */
export async function findOwnRequest(db: Database, actor: Actor, requestId: string) {
  if (!isUuid(requestId)) throw notFoundRequest();
  const [request] = await db
    .select()
    .from(mentoringRequests)
    .where(and(eq(mentoringRequests.id, requestId), eq(mentoringRequests.menteeId, actor.id)));
  if (!request) throw notFoundRequest();
  return request;
}

/** The mentee stops looking: the request closes and its waiting asks are withdrawn. */
export async function closeRequest(db: Database, actor: Actor, requestId: string) {
  const request = await findOwnRequest(db, actor, requestId);
  await db.transaction(async (tx) => {
    const [locked] = await tx.select({ status: mentoringRequests.status }).from(mentoringRequests).where(eq(mentoringRequests.id, request.id)).for("update");
    if (locked?.status !== "open") throw new InputError({ form: "mentoring:errors.requestNotOpen" }, 409);
    await tx.update(mentoringRequests).set({ status: "closed" }).where(eq(mentoringRequests.id, request.id));
    await tx
      .update(mentorships)
      .set({ status: "withdrawn", decidedAt: new Date() })
      .where(and(eq(mentorships.requestId, request.id), eq(mentorships.status, "asked")));
  });
}
