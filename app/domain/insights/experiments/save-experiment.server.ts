// Describing an experiment: creating a draft and changing it until it is
// registered. After registration nothing changes: the domain says so here,
// and the database refuses it too (trigger in migration 0013).
import { eq } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { experiments } from "../../../../db/schema";
import { recordAudit } from "../../audit/record-audit.server";
import { ForbiddenError } from "../../http-errors";
import { REGISTERED_TEXT } from "./experiment-fields";
import { InputError } from "../../input-error";
import { canRunExperiments, type Actor } from "../../policy";
import { loadExperimentChoices, outcomeChoices } from "./experiment-choices.server";
import { PLANNED_ANALYSIS, type ExperimentInput } from "./experiment-fields";
import { findExperiment } from "./find-experiment.server";

export { REGISTERED_TEXT };
export const registeredError = () => new InputError({ form: REGISTERED_TEXT }, 409);

/** The choices must be the organisation's own: a unit or outcome from elsewhere is bad input, not a 500. */
async function checkAgainstChoices(db: Database, orgId: string, input: ExperimentInput) {
  const choices = await loadExperimentChoices(db, orgId);
  const known = new Set(choices.units[input.unitKind].map((u) => u.id));
  const errors: Record<string, string> = {};
  if (input.eligible.some((id) => !known.has(id))) errors.eligible = "insights:experiments.errors.eligible.ofKind";
  if (!outcomeChoices(choices, input.outcomeKind).includes(input.outcome))
    errors.outcome = input.outcomeKind === "kpi" ? "insights:experiments.errors.outcomeNotImported" : "insights:experiments.errors.outcomeDimension";
  if (input.outcomeKind === "diagnostic" && input.unitKind === "store") errors.outcomeKind = "insights:experiments.errors.storeDiagnostic";
  if (Object.keys(errors).length) throw new InputError(errors);
}

export async function createExperiment(db: Database, actor: Actor, orgId: string, input: ExperimentInput) {
  if (!canRunExperiments(actor, orgId)) throw new ForbiddenError("insights:experiments.errors.adminsOnly");
  await checkAgainstChoices(db, orgId, input);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(experiments)
      .values({ orgId, createdBy: actor.id, analysis: PLANNED_ANALYSIS, ...input })
      .returning();
    await recordAudit(tx, { actorId: actor.id, action: "experiment.created", targetType: "experiment", targetId: row!.id, targetLabel: row!.title, ownerOrgId: orgId });
    return row!;
  });
}

export async function updateExperiment(db: Database, actor: Actor, experimentId: string, input: ExperimentInput) {
  const current = await findExperiment(db, actor, experimentId);
  if (current.registeredAt) throw registeredError();
  await checkAgainstChoices(db, current.orgId, input);
  return db.transaction(async (tx) => {
    const locked = await findExperiment(tx, actor, experimentId, { forUpdate: true });
    // Registered by someone else since the page was read.
    if (locked.registeredAt) throw registeredError();
    const [row] = await tx
      .update(experiments)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(experiments.id, experimentId))
      .returning();
    await recordAudit(tx, { actorId: actor.id, action: "experiment.changed", targetType: "experiment", targetId: experimentId, targetLabel: row!.title, ownerOrgId: row!.orgId });
    return row!;
  });
}
