// Pre-registration: the hypothesis, outcome, windows, analysis and eligible
// units are locked before any unit is assigned, with an audit entry holding
// what was registered.
import { eq } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { experiments } from "../../../../db/schema";
import { recordAudit } from "../../audit/record-audit.server";
import type { Actor } from "../../policy";
import { findExperiment } from "./find-experiment.server";
import { registeredError } from "./save-experiment.server";

export async function registerExperiment(db: Database, actor: Actor, experimentId: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const e = await findExperiment(tx, actor, experimentId, { forUpdate: true });
    if (e.registeredAt) throw registeredError();
    const [row] = await tx.update(experiments).set({ registeredAt: now, registeredBy: actor.id, updatedAt: now }).where(eq(experiments.id, experimentId)).returning();
    const { hypothesis, unitKind, eligible, outcomeKind, outcome, startsOn, baselineMonths, outcomeMonths, analysis, strata } = e;
    await recordAudit(tx, {
      actorId: actor.id,
      action: "experiment.registered",
      targetType: "experiment",
      targetId: e.id,
      targetLabel: e.title,
      ownerOrgId: e.orgId,
      details: { hypothesis, unitKind, eligible, outcomeKind, outcome, startsOn, baselineMonths, outcomeMonths, analysis, strata },
      at: now,
    });
    return row!;
  });
}
