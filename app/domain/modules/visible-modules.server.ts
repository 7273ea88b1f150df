// The one definition of "modules this person may read", as SQL, shared by
// the catalogue, search, mindset pages and the reader. It mirrors
// canReadModule in policy.ts.
import { and, eq, or, sql, type Placeholder, type SQL } from "drizzle-orm";
import { modules } from "../../../db/schema";
import { isPlatformAdmin, type Actor } from "../policy";

export function visibleToActor(actor: Actor): SQL {
  return visibleModules(isPlatformAdmin(actor), actor.orgId);
}

/** The same, by the reader's organisation, which may be a placeholder in a query built once (db/prepared-query.ts). */
export function visibleModules(platformAdmin: boolean, orgId: string | Placeholder): SQL {
  if (platformAdmin) return eq(modules.status, "published");
  return and(eq(modules.status, "published"), or(eq(modules.visibility, "public"), eq(modules.ownerOrgId, orgId)))!;
}

export const inProgrammeSql = (orgId: string | Placeholder) =>
  sql<boolean>`exists (select 1 from programme_modules pm where pm.module_id = ${modules.id} and pm.org_id = ${orgId})`;
