// Every table's rows in one encoding that PGlite and PostgreSQL write alike
// and read back exactly: one JSON object per row, as the database itself
// writes it (row_to_json: bytea as \x hex, timestamps in UTC, jsonb as JSON,
// arrays as arrays, numbers as the database prints them), columns in name
// order, rows in primary-key order. The SHA-256 of those lines is a table's
// checksum, so a backup and the database it was restored into can be compared.
import crypto from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import type { Database } from "../../db/database";

export type TableShape = {
  name: string;
  /** Columns a row is written with (generated ones are left out: the database computes them), in name order. */
  columns: string[];
  /** The primary key's columns, and whether each is text (ordered byte-wise, whatever the database's collation). */
  key: { name: string; collatable: boolean }[];
};

export type TableChecksum = { name: string; rows: number; sha256: string };

/** Rows of a query, whichever driver ran it (postgres.js gives an array, PGlite `{ rows }`). */
export async function rowsOf<T>(query: Promise<unknown>): Promise<T[]> {
  const result = (await query) as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

const ident = (name: string) => sql.identifier(name);

/**
 * Output settings for the transaction, so both kinds print values the same
 * way whatever the server's defaults, and a long backup is not cut off by a
 * timeout meant for page queries.
 */
export async function useStableEncoding(tx: Database) {
  // set_config(…, true) is SET LOCAL: it ends with the transaction. One statement, one round trip.
  await tx.execute(sql`select
    set_config('timezone', 'UTC', true), set_config('bytea_output', 'hex', true),
    set_config('extra_float_digits', '1', true), set_config('intervalstyle', 'postgres', true),
    set_config('statement_timeout', '0', true), set_config('idle_in_transaction_session_timeout', '0', true)`);
}

/** The application's tables (schema public), in name order. */
export async function listTables(tx: Database): Promise<TableShape[]> {
  const columns = await rowsOf<{ table: string; column: string }>(
    tx.execute(sql`
      select c.relname as "table", a.attname as "column"
      from pg_class c
      join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
      where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and not c.relispartition
      order by c.relname collate "C", a.attname collate "C"`),
  );
  const keys = await rowsOf<{ table: string; column: string; collatable: boolean }>(
    tx.execute(sql`
      select c.relname as "table", a.attname as "column", a.attcollation <> 0 as collatable
      from pg_index i
      join pg_class c on c.oid = i.indrelid
      cross join lateral unnest(i.indkey) with ordinality as k(attnum, position)
      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
      where c.relnamespace = 'public'::regnamespace and i.indisprimary
      order by c.relname, k.position`),
  );
  const tables = new Map<string, TableShape>();
  for (const { table, column } of columns) {
    let shape = tables.get(table);
    if (!shape) tables.set(table, (shape = { name: table, columns: [], key: [] }));
    shape.columns.push(column);
  }
  for (const { table, column, collatable } of keys) tables.get(table)?.key.push({ name: column, collatable });
  return [...tables.values()];
}

/** The query whose rows are a table's lines, in a stable order. */
function linesQuery(table: TableShape): SQL {
  const columns = sql.join(
    table.columns.map((c) => ident(c)),
    sql`, `,
  );
  // Without a primary key, the lines themselves give the order.
  const order = table.key.length
    ? sql.join(
        table.key.map((k) => (k.collatable ? sql`r.${ident(k.name)} collate "C"` : sql`r.${ident(k.name)}`)),
        sql`, `,
      )
    : sql`row_to_json(r)::text collate "C"`;
  return sql`select row_to_json(r)::text as line from (select ${columns} from ${ident("public")}.${ident(table.name)}) r order by ${order}`;
}

let cursors = 0;

/**
 * A table's lines in batches, through a cursor so a large table never sits
 * in memory. Must run inside a transaction. A table read in one batch leaves
 * its cursor to the transaction's end, a query fewer (on PGlite every query
 * holds up the portal); a larger one closes it, freeing its sort at once.
 */
export async function* tableLines(tx: Database, table: TableShape, batchRows = 5000): AsyncGenerator<string[]> {
  const cursor = sql.identifier(`rt_table_lines_${++cursors}`);
  await tx.execute(sql`declare ${cursor} no scroll cursor for ${linesQuery(table)}`);
  for (let batch = 1; ; batch++) {
    const rows = await rowsOf<{ line: string }>(tx.execute(sql`fetch forward ${sql.raw(String(batchRows))} from ${cursor}`));
    if (rows.length) yield rows.map((r) => r.line);
    if (rows.length < batchRows) {
      if (batch > 1) await tx.execute(sql`close ${cursor}`);
      return;
    }
  }
}

/** Counts lines and hashes them as they are written: each line and a newline. */
export class LineHash {
  private readonly hash = crypto.createHash("sha256");
  rows = 0;
  add(lines: string[]) {
    for (const line of lines) this.hash.update(line + "\n");
    this.rows += lines.length;
  }
  digest() {
    return this.hash.digest("hex");
  }
}

/** Each table's row count and checksum, as a backup's manifest records them. Inside a transaction. */
export async function tableChecksums(tx: Database, tables: TableShape[]): Promise<TableChecksum[]> {
  const sums: TableChecksum[] = [];
  for (const table of tables) {
    const hash = new LineHash();
    for await (const lines of tableLines(tx, table)) hash.add(lines);
    sums.push({ name: table.name, rows: hash.rows, sha256: hash.digest() });
  }
  return sums;
}

/** Every table's checksum in one consistent view of `db`: how tests and operators compare two databases. */
export async function databaseChecksums(db: Database): Promise<TableChecksum[]> {
  return db.transaction(
    async (tx) => {
      await useStableEncoding(tx);
      return tableChecksums(tx, await listTables(tx));
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

export type SequenceValue = { name: string; lastValue: string; isCalled: boolean };

/** The application's sequences (bigserial ids and the access-change counter) and where each stands. */
export async function readSequences(tx: Database): Promise<SequenceValue[]> {
  const names = await rowsOf<{ name: string }>(
    tx.execute(sql`select relname as name from pg_class where relnamespace = 'public'::regnamespace and relkind = 'S' order by relname collate "C"`),
  );
  const values: SequenceValue[] = [];
  for (const { name } of names) {
    const [row] = await rowsOf<{ last_value: string; is_called: boolean }>(
      tx.execute(sql`select last_value::text as last_value, is_called from ${ident("public")}.${ident(name)}`),
    );
    values.push({ name, lastValue: row!.last_value, isCalled: row!.is_called });
  }
  return values;
}
