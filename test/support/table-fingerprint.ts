// What every table of a test database holds, cheaply: per table, how many
// rows and the newest write (a row inserted or updated gets a new xmin; a
// row deleted lowers the count). Two fingerprints that differ name the tables
// that changed, so a test can say "this refused request changed nothing".
import { sql } from "drizzle-orm";
import type { Database } from "../../db/database";

export type Fingerprint = Map<string, string>;

/** Rows of a raw query: PGlite answers { rows }, postgres-js an array. */
export async function rowsOf<T>(result: Promise<unknown>): Promise<T[]> {
  const r = (await result) as { rows?: T[] } | T[];
  return Array.isArray(r) ? r : (r.rows ?? []);
}

export async function tableNames(db: Database): Promise<string[]> {
  const rows = await rowsOf<{ name: string }>(db.execute(sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`));
  return rows.map((r) => r.name);
}

export async function fingerprint(db: Database, tables: string[]): Promise<Fingerprint> {
  const parts = tables.map((name) => `select '${name}' as name, count(*)::text || ':' || coalesce(max(x.xmin::text::bigint), 0)::text as hash from "${name}" x`);
  const rows = await rowsOf<{ name: string; hash: string }>(db.execute(sql.raw(parts.join(" union all "))));
  return new Map(rows.map((r) => [r.name, r.hash]));
}

export const changedTables = (before: Fingerprint, after: Fingerprint) => [...after].filter(([name, hash]) => before.get(name) !== hash).map(([name]) => name);
