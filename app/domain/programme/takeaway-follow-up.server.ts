// A person answers "did you try it?" for one of their own take-aways from a
// programme meeting. Only their own: anyone else's id is "no longer there".
import { and, eq, isNotNull } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { takeaways } from "../../../db/schema";
import type { FollowUp } from "../groups/meetings/meeting-fields";
import { InputError } from "../input-error";
import type { Actor } from "../policy";

export async function answerTakeawayFollowUp(db: Database, actor: Actor, takeawayId: string, followUp: FollowUp, now = new Date()) {
  const [row] = await db
    .update(takeaways)
    .set({ followUp, followedUpAt: now })
    .where(and(eq(takeaways.id, takeawayId), eq(takeaways.userId, actor.id), isNotNull(takeaways.meetingId)))
    .returning({ id: takeaways.id });
  if (!row) throw new InputError({ takeawayId: "That take-away is no longer there." });
}
