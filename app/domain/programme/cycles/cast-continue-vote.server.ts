// A member votes to continue or stop once the cycle's meetings are over,
// until the window closes; they may change their vote until it is decided.
// The vote that makes everyone's voice heard decides it at once (the job
// decides the rest when the window closes).
import { eq } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { cycles, cycleVotes } from "../../../../db/schema";
import { ForbiddenError } from "../../http-errors";
import { InputError } from "../../input-error";
import { isCycleMember, type Actor } from "../../policy";
import { findProgrammeGroup } from "../load-programme-group.server";
import { advanceLockedCycle } from "./advance-cycles.server";

export async function castContinueVote(db: Database, actor: Actor, groupId: string, vote: "continue" | "stop", now = new Date()) {
  const group = await findProgrammeGroup(db, actor, groupId);
  if (!isCycleMember(actor, group.access)) throw new ForbiddenError("groups:cycle.errors.voteMembers");
  if (!group.cycle) throw new InputError({ form: "groups:cycle.errors.voteNoCycle" }, 409);
  const cycleId = group.cycle.id;
  return db.transaction(async (tx) => {
    // Waits for the job if it is deciding this very vote, then sees its result.
    const [cycle] = await tx.select().from(cycles).where(eq(cycles.id, cycleId)).for("update");
    if (!cycle || cycle.state === "planned" || cycle.state === "running") {
      throw new InputError({ form: "groups:cycle.errors.voteNotYet" }, 409);
    }
    if (cycle.state !== "evaluating") throw new InputError({ form: "groups:cycle.errors.voteDecided" }, 409);
    if (cycle.voteClosesAt && cycle.voteClosesAt <= now) {
      throw new InputError({ form: "groups:cycle.errors.voteClosed" }, 409);
    }
    await tx
      .insert(cycleVotes)
      .values({ cycleId, userId: actor.id, vote, updatedAt: now })
      .onConflictDoUpdate({ target: [cycleVotes.cycleId, cycleVotes.userId], set: { vote, updatedAt: now } });
    await advanceLockedCycle(tx, cycleId, now);
  });
}
