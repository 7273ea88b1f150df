// The one definition of "modules this person may read", as SQL, shared by
// the catalogue, search, mindset pages and the reader. It mirrors
// canReadModule in policy.ts.
import { and, eq, or, sql, type Placeholder, type SQL } from "drizzle-orm";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";
import { modules } from "../../../db/schema";
import type { Language } from "../i18n/languages";
import { isPlatformAdmin, type Actor } from "../policy";

/** The modules table or an alias of it (alias names are written into the statements that use them). */
export type ModulesTable = { status: AnyPgColumn; visibility: AnyPgColumn; ownerOrgId: AnyPgColumn; language: AnyPgColumn; searchVector: AnyPgColumn };

export function visibleToActor(actor: Actor): SQL {
  return visibleModules(isPlatformAdmin(actor), actor.orgId);
}

/** The same, by the reader's organisation, which may be a placeholder in a query built once (db/prepared-query.ts). */
export function visibleModules(platformAdmin: boolean, orgId: string | Placeholder, table: ModulesTable = modules): SQL {
  if (platformAdmin) return eq(table.status, "published");
  return and(eq(table.status, "published"), or(eq(table.visibility, "public"), eq(table.ownerOrgId, orgId)))!;
}

export const inProgrammeSql = (orgId: string | Placeholder) =>
  sql<boolean>`exists (select 1 from programme_modules pm where pm.module_id = ${modules.id} and pm.org_id = ${orgId})`;

/** The translation groups of an organisation's programme (a module or its translation chosen), for one hashed lookup per statement. */
export const programmeGroupsSql = (orgId: string | Placeholder) =>
  sql`select distinct coalesce(g.translation_of, g.id) as grp from programme_modules pm join modules g on g.id = pm.module_id where pm.org_id = ${orgId}`;

/** Whether this module or a translation of it is in the organisation's programme: what readers see, in whichever language. */
export const groupInProgrammeSql = (orgId: string | Placeholder) =>
  sql<boolean>`(coalesce(${modules.translationOf}, ${modules.id}) in (${programmeGroupsSql(orgId)}))`;

/**
 * The catalogue shows a translation group once (decision 039): a module in
 * another language than the reader's is left out when the reader may read
 * its translation in their language (and, searching, that translation
 * matches too: `match` for a module aliased "t"). Written as NOT IN over the
 * few translated modules (a partial index), computed once per statement and
 * hashed, so the untranslated many cost nothing. For whole statements
 * (db.execute): a one-table drizzle select would leave its columns unqualified.
 */
export function oneEntryPerTranslationGroup(actor: Actor, language: Language, match: ((t: ModulesTable) => SQL) | null = null): SQL {
  const t = alias(modules, "t");
  const u = alias(modules, "u");
  const shown = (table: ModulesTable) => and(eq(table.language, language), visibleModules(isPlatformAdmin(actor), actor.orgId, table), match ? match(table) : undefined);
  return sql`(${modules.language} = ${language} or coalesce(${modules.translationOf}, ${modules.id}) not in (
    select ${t.translationOf} from modules t where ${t.translationOf} is not null and ${shown(t)}
    union all
    select ${u.translationOf} from modules u join modules t on ${t.id} = ${u.translationOf} where ${u.translationOf} is not null and ${shown(t)}))`;
}
