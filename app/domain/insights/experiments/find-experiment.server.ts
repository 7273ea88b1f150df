// Loading an experiment the way every experiment use-case starts: scoped to
// the caller's organisation (another organisation's experiment is a 404, a
// bare id is never trusted), then the admin check (403).
import { desc, eq } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { experiments } from "../../../../db/schema";
import { ForbiddenError, NotFoundError } from "../../http-errors";
import { canRunExperiments, isPlatformAdmin, type Actor } from "../../policy";
import { isUuid } from "../../uuid";

export type Experiment = typeof experiments.$inferSelect;

export const notFoundExperiment = () => new NotFoundError("insights:experiments.errors.notFound");
const forbidden = () => new ForbiddenError("insights:experiments.errors.adminsOnly");

export async function findExperiment(db: Database, actor: Actor, experimentId: string, { forUpdate = false } = {}): Promise<Experiment> {
  if (!isUuid(experimentId)) throw notFoundExperiment();
  const query = db.select().from(experiments).where(eq(experiments.id, experimentId));
  const [experiment] = forUpdate ? await query.for("update") : await query;
  if (!experiment || (experiment.orgId !== actor.orgId && !isPlatformAdmin(actor))) throw notFoundExperiment();
  if (!canRunExperiments(actor, experiment.orgId)) throw forbidden();
  return experiment;
}

export type ExperimentStage = "draft" | "registered" | "assigned";
export const stageOf = (e: Pick<Experiment, "registeredAt" | "assignedAt">): ExperimentStage => (e.assignedAt ? "assigned" : e.registeredAt ? "registered" : "draft");

export async function listExperiments(db: Database, actor: Actor, orgId: string) {
  if (!canRunExperiments(actor, orgId)) throw forbidden();
  const rows = await db.select().from(experiments).where(eq(experiments.orgId, orgId)).orderBy(desc(experiments.createdAt));
  return rows.map((e) => ({ id: e.id, title: e.title, stage: stageOf(e), outcome: e.outcome, units: e.eligible.length, startsOn: e.startsOn }));
}
