// "wrap-up": once a cycle meeting has ended, its host (the facilitator, or
// the member host) is sent one notice linking to the wrap-up. Meetings that
// ended more than a fortnight ago are left alone.
import { and, asc, eq, gt, isNull, lte } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { cycleMeetings, groups, reunions } from "../../../../db/schema";
import { notify } from "../../notifications/notify.server";
import type { ProgrammeJobOptions } from "../programme-jobs.server";
import { eachDue } from "./claim-due.server";
import { EVALUATION_ASK_WITHIN_MS } from "./evaluation-requests.server";
import { listFacilitators, meetingPath } from "./meeting-people.server";
import { message } from "../../i18n/message";

export function sendWrapUpRequests(db: Database, { now }: ProgrammeJobOptions) {
  return eachDue(db, async (tx) => {
    const [due] = await tx
      .select({ reunionId: cycleMeetings.reunionId, hostId: cycleMeetings.hostId, number: cycleMeetings.number, groupId: groups.id, groupName: groups.name })
      .from(cycleMeetings)
      .innerJoin(reunions, eq(reunions.id, cycleMeetings.reunionId))
      .innerJoin(groups, eq(groups.id, reunions.groupId))
      .where(
        and(
          isNull(cycleMeetings.wrapUpSentAt),
          eq(reunions.status, "scheduled"),
          lte(reunions.endsAt, now),
          gt(reunions.endsAt, new Date(now.getTime() - EVALUATION_ASK_WITHIN_MS)),
        ),
      )
      .orderBy(asc(reunions.endsAt), asc(cycleMeetings.reunionId))
      .limit(1)
      .for("update", { of: cycleMeetings, skipLocked: true });
    if (!due) return false;
    // Without a host (their account gone), the facilitator wraps up.
    const to = due.hostId ? [due.hostId] : (await listFacilitators(tx, due.groupId)).map((f) => f.id);
    await notify(tx, to, {
      kind: "programme",
      title: message("notifications:texts.wrapUp", { meeting: due.number, group: due.groupName }),
      body: "notifications:texts.wrapUpBody",
      link: `${meetingPath(due.reunionId)}#wrap-up`,
    });
    await tx.update(cycleMeetings).set({ wrapUpSentAt: now }).where(eq(cycleMeetings.reunionId, due.reunionId));
    return true;
  });
}
