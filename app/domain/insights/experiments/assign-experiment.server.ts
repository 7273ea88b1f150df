// Assignment: once registered, the eligible units are put in the two arms at
// random within size bands, from a seed drawn here (crypto) and stored with
// the assignment and in the audit log, so anyone can reproduce it.
import crypto from "node:crypto";
import { and, count, desc, eq, inArray, lte } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { cohortMembers, experiments, insightUnits, unitHeadcounts, users } from "../../../../db/schema";
import { recordAudit } from "../../audit/record-audit.server";
import { ALREADY_ASSIGNED_TEXT, NOT_REGISTERED_TEXT } from "./experiment-fields";
import { InputError } from "../../input-error";
import type { Actor } from "../../policy";
import { addMonths } from "../period";
import { assignArms, type SizedUnit } from "./assign-arms";
import { findExperiment, type Experiment } from "./find-experiment.server";

/**
 * People behind each eligible unit when the baseline ends: its latest imported
 * headcount up to then, else the people in Roundtable placed in it today; for a
 * cohort, the people enrolled.
 */
export async function loadUnitSizes(db: Database, e: Pick<Experiment, "orgId" | "unitKind" | "eligible" | "startsOn">): Promise<SizedUnit[]> {
  if (!e.eligible.length) return [];
  if (e.unitKind === "cohort") {
    const rows = await db.select({ id: cohortMembers.cohortId, n: count() }).from(cohortMembers).where(inArray(cohortMembers.cohortId, e.eligible)).groupBy(cohortMembers.cohortId);
    const n = new Map(rows.map((r) => [r.id, r.n]));
    return e.eligible.map((unitId) => ({ unitId, size: n.get(unitId) ?? 0 }));
  }
  const baselineEnd = addMonths(e.startsOn, -1);
  const [units, headcounts] = await Promise.all([
    db.select().from(insightUnits).where(and(eq(insightUnits.orgId, e.orgId), inArray(insightUnits.id, e.eligible))),
    db
      .selectDistinctOn([unitHeadcounts.unitId], { unitId: unitHeadcounts.unitId, headcount: unitHeadcounts.headcount })
      .from(unitHeadcounts)
      .where(and(eq(unitHeadcounts.orgId, e.orgId), inArray(unitHeadcounts.unitId, e.eligible), lte(unitHeadcounts.period, baselineEnd)))
      .orderBy(unitHeadcounts.unitId, desc(unitHeadcounts.period)),
  ]);
  const imported = new Map(headcounts.map((h) => [h.unitId, h.headcount]));
  const column = e.unitKind === "department" ? users.departmentId : users.siteId;
  const places = units.map((u) => (e.unitKind === "department" ? u.departmentId : u.siteId)).filter((id): id is string => !!id);
  const people = places.length && e.unitKind !== "store" ? await db.select({ place: column, n: count() }).from(users).where(and(eq(users.orgId, e.orgId), inArray(column, places))).groupBy(column) : [];
  const inRoundtable = new Map(people.map((p) => [p.place, p.n]));
  const unitById = new Map(units.map((u) => [u.id, u]));
  return e.eligible.map((unitId) => {
    const u = unitById.get(unitId);
    const place = u?.departmentId ?? u?.siteId ?? null;
    return { unitId, size: imported.get(unitId) ?? (place ? (inRoundtable.get(place) ?? 0) : 0) };
  });
}

/** A fresh seed: a positive 31-bit integer from the operating system's generator. */
export const drawSeed = () => crypto.randomInt(1, 2 ** 31 - 1);

export async function assignExperiment(db: Database, actor: Actor, experimentId: string, { seed = drawSeed(), now = new Date() } = {}) {
  return db.transaction(async (tx) => {
    const e = await findExperiment(tx, actor, experimentId, { forUpdate: true });
    if (!e.registeredAt) throw new InputError({ form: NOT_REGISTERED_TEXT });
    if (e.assignedAt) throw new InputError({ form: ALREADY_ASSIGNED_TEXT }, 409);
    const assignment = assignArms(await loadUnitSizes(tx, e), e.strata, seed);
    const [row] = await tx.update(experiments).set({ seed, assignment, assignedAt: now, assignedBy: actor.id, updatedAt: now }).where(eq(experiments.id, e.id)).returning();
    const treated = assignment.filter((a) => a.arm === "treatment").length;
    await recordAudit(tx, {
      actorId: actor.id,
      action: "experiment.assigned",
      targetType: "experiment",
      targetId: e.id,
      targetLabel: e.title,
      ownerOrgId: e.orgId,
      reason: `${treated} units treated, ${assignment.length - treated} control, seed ${seed}.`,
      details: { seed, assignment },
      at: now,
    });
    return row!;
  });
}
