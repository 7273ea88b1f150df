// What every organiser change to the board shares: only those who run the
// reunion may make it, changes to one board happen one at a time, and each
// lands in the audit log.
import { eq } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { reunions } from "../../../db/schema";
import type { AuditAction } from "../audit/audit-actions";
import { auditOccasion } from "../reunions/audit-occasion.server";
import { ForbiddenError } from "../http-errors";
import { canRunReunion, type Actor } from "../policy";
import { findOpenSpace, type OpenSpaceReunion } from "./find-open-space.server";

export async function findOpenSpaceToRun(db: Database, actor: Actor, reunionId: string) {
  const reunion = await findOpenSpace(db, actor, reunionId);
  if (!canRunReunion(actor, reunion)) throw new ForbiddenError("reunions:board.errors.onlyOrganiserArranges");
  return reunion;
}

/** Runs `change` in a transaction holding the reunion's row, so two organiser changes never interleave. */
export async function changeBoard<T>(
  db: Database,
  actor: Actor,
  reunion: OpenSpaceReunion,
  audit: { action: AuditAction; details?: Record<string, unknown> },
  change: (tx: Database) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.select({ id: reunions.id }).from(reunions).where(eq(reunions.id, reunion.id)).for("update");
    const result = await change(tx);
    await auditOccasion(tx, reunion, { actorId: actor.id, action: audit.action, details: audit.details });
    return result;
  });
}
