// The one definition of "modules this person may read", as SQL, shared by
// the catalogue, search, mindset pages and the reader. It mirrors
// canReadModule in policy.ts.
import { and, eq, or, sql, type SQL } from "drizzle-orm";
import { modules } from "../../../db/schema";
import { isPlatformAdmin, type Actor } from "../policy";

export function visibleToActor(actor: Actor): SQL {
  if (isPlatformAdmin(actor)) return eq(modules.status, "published");
  return and(eq(modules.status, "published"), or(eq(modules.visibility, "public"), eq(modules.ownerOrgId, actor.orgId)))!;
}

export const inProgrammeSql = (orgId: string) =>
  sql<boolean>`exists (select 1 from programme_modules pm where pm.module_id = ${modules.id} and pm.org_id = ${orgId})`;
