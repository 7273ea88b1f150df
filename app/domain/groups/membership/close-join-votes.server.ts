// The job's work: requests whose vote window has ended are decided (see
// join-vote-outcome.ts). One request at a time under a row lock (SKIP
// LOCKED), so every process may run it.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { groupJoinRequests, groups } from "../../../../db/schema";
import { settleJoinVote } from "./settle-join-vote.server";

export async function closeExpiredJoinVotes(db: Database, { now = new Date() }: { now?: Date } = {}) {
  let closed = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const [row] = await tx
        .select({ request: groupJoinRequests, group: groups })
        .from(groupJoinRequests)
        .innerJoin(groups, eq(groups.id, groupJoinRequests.groupId))
        .where(
          and(
            eq(groupJoinRequests.kind, "request"),
            eq(groupJoinRequests.status, "pending"),
            eq(groups.joinDecision, "vote"),
            sql`coalesce(${groupJoinRequests.closesAt}, ${groupJoinRequests.createdAt} + make_interval(hours => ${groups.voteWindowHours})) <= ${now.toISOString()}::timestamptz`,
          ),
        )
        .orderBy(asc(groupJoinRequests.createdAt))
        .limit(1)
        .for("update", { of: groupJoinRequests, skipLocked: true });
      if (!row) return true;
      await settleJoinVote(tx, row.group, row.request, now);
      return false;
    });
    if (done) return closed;
    closed++;
  }
}
