// Loading a cohort the way every cohort use-case starts: scoped to the
// caller's organisation (another organisation's cohort is a 404, a bare id is
// never trusted), then the admin check (403).
import { eq } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { cohorts } from "../../../../db/schema";
import { ForbiddenError, NotFoundError } from "../../http-errors";
import { canManageCohorts, isPlatformAdmin, type Actor } from "../../policy";
import { isUuid } from "../../uuid";

export const notFoundCohort = () => new NotFoundError("cohorts:errors.notFound");

export async function findCohort(db: Database, actor: Actor, cohortId: string, { forUpdate = false } = {}) {
  if (!isUuid(cohortId)) throw notFoundCohort();
  const query = db.select().from(cohorts).where(eq(cohorts.id, cohortId));
  const [cohort] = forUpdate ? await query.for("update") : await query;
  if (!cohort || (cohort.orgId !== actor.orgId && !isPlatformAdmin(actor))) throw notFoundCohort();
  if (!canManageCohorts(actor, cohort.orgId)) throw new ForbiddenError("cohorts:errors.adminsOnly");
  return cohort;
}
