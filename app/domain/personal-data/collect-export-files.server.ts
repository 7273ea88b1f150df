// What goes into an export. A person's: every register entry's rows that
// name them (db/personal-data-register.ts). An organisation's: every table's
// rows that belong to it, found by walking the schema's foreign keys from
// the organisation, so a new table is included without anyone listing it.
import { eq, getTableColumns, getTableName, or, sql, type SQL } from "drizzle-orm";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import type { Database } from "../../../db/database";
import { exportCondition, exportFileName, PERSONAL_DATA_REGISTER, schemaTables } from "../../../db/personal-data-register";
import * as schema from "../../../db/schema";
import type { Language } from "../i18n/languages";
import { translatorFor } from "../i18n/translators";
import type { ExportFile } from "./zip-export";

/** Rows as the database names their columns, without what must never leave (secrets) or means nothing outside (search vectors). */
function toRecords(table: PgTable, rows: Record<string, unknown>[], omit: readonly string[]) {
  const columns = Object.entries(getTableColumns(table)).filter(([key, column]) => !omit.includes(key) && !column.generated && column.getSQLType() !== "tsvector");
  return rows.map((row) => Object.fromEntries(columns.map(([key, column]) => [column.name, row[key] ?? null])));
}

async function selectRows(db: Database, table: PgTable, where: SQL) {
  // Any table of the schema: drizzle's select() cannot type that, the rows are plain objects.
  return (await db.select().from(table as typeof schema.users).where(where)) as Record<string, unknown>[];
}

export async function collectPersonFiles(db: Database, userId: string): Promise<ExportFile[]> {
  const [person] = await db.select({ id: schema.users.id, name: schema.users.name, email: schema.users.email }).from(schema.users).where(eq(schema.users.id, userId));
  if (!person) return [];
  const files: ExportFile[] = [];
  for (const entry of PERSONAL_DATA_REGISTER) {
    const where = exportCondition(entry, person);
    if (!where) continue;
    files.push({ name: exportFileName(entry.table), about: entry.about, rows: toRecords(entry.table, await selectRows(db, entry.table, where), entry.omit) });
  }
  return files;
}

// Not part of an organisation's data: the process's own bookkeeping, other exports, and the sign-in throttle (keyed by hashes of addresses).
const NOT_EXPORTED = new Set<PgTable>([schema.appMeta, schema.loginThrottle, schema.dataExports, schema.outbox]);
// Tables without a foreign key to follow: their organisation is in a column of that name.
const ORGANISATION_COLUMNS = ["orgId", "ownerOrgId"];
// How far from the organisation the walk goes (comments → proposals → organisations is 2).
const MAX_DEPTH = 4;

/**
 * The condition for a table's rows that belong to the organisation: its own
 * organisation column if it has one; otherwise any foreign key to a row that
 * belongs (people, groups, reunions, modules…), followed recursively.
 */
function organisationScope(table: PgTable, orgId: string, path: PgTable[]): SQL | null {
  if (table === schema.organisations) return eq(schema.organisations.id, orgId);
  const columns = getTableColumns(table);
  const own = ORGANISATION_COLUMNS.map((key) => columns[key]).filter((c) => c !== undefined);
  if (own.length) return or(...own.map((c) => eq(c, orgId)))!;
  if (path.length >= MAX_DEPTH) return null;
  const through: SQL[] = [];
  for (const fk of getTableConfig(table).foreignKeys) {
    const { columns: from, foreignColumns: to, foreignTable } = fk.reference();
    if (from.length !== 1 || foreignTable === table || path.includes(foreignTable)) continue;
    const parent = organisationScope(foreignTable, orgId, [...path, table]);
    if (parent) through.push(sql`${from[0]} in (select ${to[0]} from ${foreignTable} where ${parent})`);
  }
  return through.length ? or(...through)! : null;
}

/** The document names of the organisation's collaborative documents: drafts of its modules and of modules its people write, and its break-out notes. */
function organisationDocuments(orgId: string) {
  return sql`(document_name in (select 'module.' || m.id from modules m where m.owner_org_id = ${orgId}
      or exists (select 1 from module_authors a join users u on u.id = a.user_id where a.module_id = m.id and u.org_id = ${orgId}))
    or document_name in (select 'notes.' || s.id from open_space_sessions s join reunions r on r.id = s.reunion_id where r.org_id = ${orgId}))`;
}

export async function collectOrganisationFiles(db: Database, orgId: string, language: Language = "en"): Promise<ExportFile[]> {
  const t = translatorFor(language, "privacy");
  const omitOf = new Map(PERSONAL_DATA_REGISTER.map((entry) => [entry.table, entry.omit]));
  const files: ExportFile[] = [];
  for (const table of schemaTables()) {
    if (NOT_EXPORTED.has(table)) continue;
    const collab = table === schema.collabUpdates || table === schema.collabSnapshots;
    const where = collab ? organisationDocuments(orgId) : organisationScope(table, orgId, []);
    if (!where) continue;
    const name = getTableName(table);
    const about = t(collab ? "export.organisationDocuments" : "export.organisationTable", { table: name.replace(/_/g, " ") });
    files.push({ name: exportFileName(table), about, rows: toRecords(table, await selectRows(db, table, where), omitOf.get(table) ?? []) });
  }
  return files;
}
