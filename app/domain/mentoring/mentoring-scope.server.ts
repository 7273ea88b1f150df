// "Any organisation" is a choice only for people whose organisation allows
// connections with other organisations; offers and requests both check it.
import { eq } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { organisations } from "../../../db/schema";
import { InputError } from "../input-error";
import type { Actor } from "../policy";
import { CROSS_ORG_REFUSED, type MentoringScope } from "./mentoring-fields";

export async function orgAllowsCrossOrg(db: Database, orgId: string) {
  const [org] = await db.select({ allows: organisations.crossOrgConnections }).from(organisations).where(eq(organisations.id, orgId));
  return org?.allows ?? false;
}

export async function checkScopeAllowed(db: Database, actor: Actor, scope: MentoringScope) {
  if (scope === "any_org" && !(await orgAllowsCrossOrg(db, actor.orgId))) throw new InputError({ scope: CROSS_ORG_REFUSED });
}
