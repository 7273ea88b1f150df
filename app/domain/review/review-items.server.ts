// The moderators' queue rows: one opens when a proposal, a submission or a
// report starts to wait, and closes when it is decided. Claims, ages and
// reminders work on these rows alike for the three kinds.
import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { reviewItems, type Mindset } from "../../../db/schema";

type Target = { proposalId: string } | { submissionId: string } | { reportId: string } | { groupId: string };

export async function openReviewItem(
  db: Database,
  item: Target & { kind: "proposal" | "draft" | "report" | "group"; title: string; mindset: Mindset | null; ownerOrgId: string | null; openedAt?: Date },
) {
  await db.insert(reviewItems).values(item);
}

/** Closes the open queue row of this target; true when there was one to close. */
export async function closeReviewItem(db: Database, target: Target, at = new Date()) {
  const where =
    "proposalId" in target
      ? eq(reviewItems.proposalId, target.proposalId)
      : "submissionId" in target
        ? eq(reviewItems.submissionId, target.submissionId)
        : "reportId" in target
          ? eq(reviewItems.reportId, target.reportId)
          : eq(reviewItems.groupId, target.groupId);
  const closed = await db
    .update(reviewItems)
    .set({ closedAt: at })
    .where(and(where, isNull(reviewItems.closedAt)))
    .returning({ id: reviewItems.id });
  return closed.length > 0;
}
