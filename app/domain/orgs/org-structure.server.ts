// Departments and sites of an organisation.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { departments, sites } from "../../../db/schema";
import { ForbiddenError } from "../http-errors";
import { InputError } from "../input-error";
import { canAdministerOrg, type Actor } from "../policy";
import { message } from "../i18n/message";

export async function listOrgStructure(db: Database, orgId: string) {
  const [deps, sitesList] = await Promise.all([
    db.select({ id: departments.id, name: departments.name }).from(departments).where(eq(departments.orgId, orgId)).orderBy(asc(departments.name)),
    db.select({ id: sites.id, name: sites.name }).from(sites).where(eq(sites.orgId, orgId)).orderBy(asc(sites.name)),
  ]);
  return { departments: deps, sites: sitesList };
}

/** A department or site id from a form must belong to the same organisation. */
export async function assertDepartmentAndSiteInOrg(db: Database, orgId: string, departmentId?: string | null, siteId?: string | null) {
  if (departmentId) {
    const [d] = await db.select({ id: departments.id }).from(departments).where(and(eq(departments.id, departmentId), eq(departments.orgId, orgId)));
    if (!d) throw new InputError({ departmentId: "org:structure.errors.unknownDepartment" });
  }
  if (siteId) {
    const [s] = await db.select({ id: sites.id }).from(sites).where(and(eq(sites.id, siteId), eq(sites.orgId, orgId)));
    if (!s) throw new InputError({ siteId: "org:structure.errors.unknownSite" });
  }
}

type Kind = "department" | "site";
const tableFor = (kind: Kind) => (kind === "department" ? departments : sites);

export async function addOrgUnit(db: Database, actor: Actor, orgId: string, kind: Kind, name: string) {
  if (!canAdministerOrg(actor, orgId)) throw new ForbiddenError();
  const table = tableFor(kind);
  const [row] = await db.insert(table).values({ orgId, name }).onConflictDoNothing().returning({ id: table.id });
  if (!row) throw new InputError({ name: message(`org:structure.errors.taken.${kind}`, { name }) });
  return row.id;
}

export async function removeOrgUnit(db: Database, actor: Actor, orgId: string, kind: Kind, id: string) {
  if (!canAdministerOrg(actor, orgId)) throw new ForbiddenError();
  const table = tableFor(kind);
  await db.delete(table).where(and(eq(table.id, id), eq(table.orgId, orgId)));
}

/** Finds units by name (case-insensitive), creating the missing ones. */
export async function ensureOrgUnits(db: Database, orgId: string, kind: Kind, names: string[]) {
  const table = tableFor(kind);
  const result = new Map<string, string>();
  const created: string[] = [];
  for (const name of names) {
    const key = name.toLowerCase();
    if (result.has(key)) continue;
    const [found] = await db.select({ id: table.id }).from(table).where(and(eq(table.orgId, orgId), sql`lower(${table.name}) = ${key}`));
    if (found) {
      result.set(key, found.id);
    } else {
      const [row] = await db.insert(table).values({ orgId, name }).returning({ id: table.id });
      result.set(key, row!.id);
      created.push(name);
    }
  }
  return { ids: result, created };
}
