// What the home page shows a signed-in person: for each of their roles, the
// work waiting for them, counted and linked. Only the families of the roles
// they hold are loaded, each in one query, so the page costs the same number
// of queries with one item as with a thousand.
import { eq } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { organisations, users } from "../../../db/schema";
import type { SessionUser } from "../accounts/sessions.server";
import { listDraftsToEdit } from "../modules/module-draft.server";
import { listMyTakeaways } from "../modules/takeaways.server";
import { canAdministerOrg, canUseReviewQueue, hasRole, isPlatformAdmin } from "../policy";
import { loadProgrammePage } from "../programme/programme-page.server";
import { countReviewQueue } from "../review/review-queue.server";
import { loadOrgAdminOverview, loadPlatformOverview } from "./admin-overview.server";
import { loadAlumnusOverview } from "./alumnus-overview.server";
import { loadThoughtLeaderOverview } from "./thought-leader-overview.server";

const none = Promise.resolve(null);

export async function loadDashboard(db: Database, user: SessionUser, { now = new Date(), overdueHours }: { now?: Date; overdueHours: number }) {
  const [[me], takeaways, drafts, review, alumnus, thoughtLeader, org, platform, programme] = await Promise.all([
    db.select({ jobTitle: users.jobTitle, bio: users.bio, orgName: organisations.name }).from(users).innerJoin(organisations, eq(organisations.id, users.orgId)).where(eq(users.id, user.id)),
    listMyTakeaways(db, user.id),
    listDraftsToEdit(db, user),
    canUseReviewQueue(user) ? countReviewQueue(db, user, { now, overdueHours }) : none,
    hasRole(user, "alumnus") ? loadAlumnusOverview(db, user, now) : none,
    hasRole(user, "thought_leader") ? loadThoughtLeaderOverview(db, user) : none,
    canAdministerOrg(user, user.orgId) ? loadOrgAdminOverview(db, user.orgId, now) : none,
    isPlatformAdmin(user) ? loadPlatformOverview(db) : none,
    hasRole(user, "participant") || hasRole(user, "facilitator") ? loadProgrammePage(db, user, now) : none,
  ]);
  return {
    takeaways,
    drafts,
    orgName: me?.orgName ?? "",
    profileIncomplete: !me?.jobTitle || !me?.bio,
    review,
    alumnus,
    thoughtLeader,
    org,
    platform,
    programme,
  };
}
