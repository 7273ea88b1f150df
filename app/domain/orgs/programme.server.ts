// "Our programme": the subset of the catalogue an organisation uses, and
// whether its participants see only that subset or everything with it first.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { modules, organisations, programmeModules } from "../../../db/schema";
import { ForbiddenError, NotFoundError } from "../http-errors";
import { canAdministerOrg, type Actor } from "../policy";
import { inProgrammeSql, visibleToActor } from "../modules/visible-modules.server";

export async function listProgrammeChoices(db: Database, actor: Actor) {
  if (!canAdministerOrg(actor, actor.orgId)) throw new ForbiddenError();
  const [org] = await db.select({ programmeMode: organisations.programmeMode }).from(organisations).where(eq(organisations.id, actor.orgId));
  const choices = await db
    .select({ id: modules.id, slug: modules.slug, title: modules.title, mindset: modules.mindset, inProgramme: inProgrammeSql(actor.orgId) })
    .from(modules)
    .where(visibleToActor(actor))
    .orderBy(asc(modules.mindset), asc(modules.title));
  return { programmeMode: org!.programmeMode, choices };
}

/** Replaces the programme with exactly these modules. */
export async function setProgramme(db: Database, actor: Actor, moduleIds: string[]) {
  if (!canAdministerOrg(actor, actor.orgId)) throw new ForbiddenError();
  // Only modules this organisation can read may join its programme.
  const allowed = moduleIds.length
    ? await db.select({ id: modules.id }).from(modules).where(and(inArray(modules.id, moduleIds), visibleToActor(actor)))
    : [];
  if (allowed.length !== new Set(moduleIds).size) throw new NotFoundError("org:programme.errors.moduleNotFound");
  await db.transaction(async (tx) => {
    await tx.delete(programmeModules).where(eq(programmeModules.orgId, actor.orgId));
    if (allowed.length) await tx.insert(programmeModules).values(allowed.map((m) => ({ orgId: actor.orgId, moduleId: m.id })));
  });
}

export async function setProgrammeMode(db: Database, actor: Actor, mode: "programme_first" | "programme_only") {
  if (!canAdministerOrg(actor, actor.orgId)) throw new ForbiddenError();
  await db.update(organisations).set({ programmeMode: mode }).where(eq(organisations.id, actor.orgId));
}
