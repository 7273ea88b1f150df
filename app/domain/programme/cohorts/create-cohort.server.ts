// Creating a cohort with its settings; the name is unique in the organisation.
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { cohorts } from "../../../../db/schema";
import { recordAudit } from "../../audit/record-audit.server";
import { ForbiddenError } from "../../http-errors";
import { message } from "../../i18n/message";
import { InputError } from "../../input-error";
import { canManageCohorts, type Actor } from "../../policy";
import type { CohortSettings } from "./cohort-fields";

const nameTaken = (name: string) => new InputError({ name: message("cohorts:fields.errors.name.taken", { name }) });

export async function createCohort(db: Database, actor: Actor, orgId: string, settings: CohortSettings) {
  if (!canManageCohorts(actor, orgId)) throw new ForbiddenError("cohorts:errors.adminsOnly");
  return db.transaction(async (tx) => {
    const [same] = await tx.select({ id: cohorts.id }).from(cohorts).where(and(eq(cohorts.orgId, orgId), sql`lower(${cohorts.name}) = lower(${settings.name})`));
    if (same) throw nameTaken(settings.name);
    // The unique index settles a race between two admins.
    const [cohort] = await tx.insert(cohorts).values({ orgId, createdBy: actor.id, ...settings }).onConflictDoNothing().returning();
    if (!cohort) throw nameTaken(settings.name);
    await recordAudit(tx, { actorId: actor.id, action: "cohort.created", targetType: "cohort", targetId: cohort.id, targetLabel: cohort.name, ownerOrgId: orgId, details: { ...settings } });
    return cohort;
  });
}
