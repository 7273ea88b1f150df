// Restores a backup into an empty database of either kind. The file is
// checked whole before anything is touched; the target must hold no rows and
// be at most at the backup's migration. The schema is migrated to exactly
// the backup's migration, then one transaction locks every table, lifts the
// foreign keys (rows come in table-name order, and some tables refer to
// themselves), loads the rows, puts the foreign keys back (each checked in
// one pass), sets the sequences, and reads every table back against the
// manifest's checksums. Anything wrong rolls it all back. Last, the
// migrations written since the backup run, as at any start.
//
// Loading only inserts, so the guards on update and delete (audit log,
// published revisions, registered experiments) never fire; the statement
// triggers that count access changes on insert only move a counter, which is
// then set to the backup's value with the other sequences.
import { sql } from "drizzle-orm";
import type { Database } from "../../db/database";
import {
  embeddedDatabaseHolder,
  EmbeddedDatabaseInUseError,
  migrationJournal,
  openDatabase,
  type DatabaseTarget,
  type MigrationStep,
  type OpenDatabase,
} from "../../db/open-database";
import { BackupError } from "./backup-error";
import { restorableStep, type BackupManifest } from "./backup-manifest";
import { readBackup } from "./read-backup";
import { listTables, rowsOf, tableChecksums, useStableEncoding, type TableShape } from "./table-rows";

/** Rows per INSERT: one statement carries them as a JSON array the database parses with the column types. */
const INSERT_BATCH_ROWS = 1000;

export type RestoreSummary = { manifest: BackupManifest; rows: number; migratedTo: string };

const ident = (name: string) => sql.identifier(name);
const qualified = (table: string) => sql`${ident("public")}.${ident(table)}`;

function listForMessage(names: string[]) {
  return names.length > 4 ? `${names.slice(0, 4).join(", ")} (+${names.length - 4})` : names.join(", ");
}

/** Tables among `tables` that hold at least one row, in one query. */
async function tablesWithRows(db: Database, tables: string[]): Promise<string[]> {
  if (!tables.length) return [];
  const probes = tables.map((t) => sql`select ${t}::text as name where exists (select 1 from ${qualified(t)})`);
  return (await rowsOf<{ name: string }>(db.execute(sql.join(probes, sql` union all `)))).map((r) => r.name);
}

/**
 * Refuses a target that is not empty, or that is already past the backup's
 * migration (a schema cannot be migrated backwards). Changes nothing.
 */
async function checkTargetIsEmpty(db: Database, step: MigrationStep) {
  const [state] = await rowsOf<{ migrated: boolean }>(db.execute(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as migrated`));
  const tables = (
    await rowsOf<{ name: string }>(db.execute(sql`select relname as name from pg_class where relnamespace = 'public'::regnamespace and relkind in ('r', 'p') order by 1`))
  ).map((r) => r.name);
  const withRows = await tablesWithRows(db, tables);
  if (withRows.length) throw new BackupError("restore.notEmpty", { tables: listForMessage(withRows) });
  if (!state?.migrated) {
    if (tables.length) throw new BackupError("restore.foreignTables", { tables: listForMessage(tables) });
    return;
  }
  const [last] = await rowsOf<{ when: string | null }>(db.execute(sql`select max(created_at)::text as when from drizzle.__drizzle_migrations`));
  if (last?.when && Number(last.when) > step.when) {
    const at = migrationJournal().find((s) => s.when === Number(last.when));
    throw new BackupError("restore.targetNewer", { target: at?.tag ?? last.when, migration: step.tag });
  }
}

async function insertRows(tx: Database, table: TableShape, lines: string[]) {
  const columns = sql.join(
    table.columns.map((c) => ident(c)),
    sql`, `,
  );
  for (let i = 0; i < lines.length; i += INSERT_BATCH_ROWS) {
    const json = `[${lines.slice(i, i + INSERT_BATCH_ROWS).join(",")}]`;
    await tx.execute(sql`insert into ${qualified(table.name)} (${columns}) select ${columns} from json_populate_recordset(null::${qualified(table.name)}, ${json}::json)`);
  }
}

type ForeignKey = { table: string; name: string; definition: string };

async function liftForeignKeys(tx: Database): Promise<ForeignKey[]> {
  const keys = await rowsOf<ForeignKey>(
    tx.execute(sql`
      select t.relname as "table", c.conname as name, pg_get_constraintdef(c.oid) as definition
      from pg_constraint c join pg_class t on t.oid = c.conrelid
      where c.contype = 'f' and t.relnamespace = 'public'::regnamespace
      order by t.relname, c.conname`),
  );
  for (const key of keys) await tx.execute(sql`alter table ${qualified(key.table)} drop constraint ${ident(key.name)}`);
  return keys;
}

async function restoreForeignKeys(tx: Database, keys: ForeignKey[]) {
  // The definition is the database's own text for the constraint it just dropped.
  for (const key of keys) await tx.execute(sql`alter table ${qualified(key.table)} add constraint ${ident(key.name)} ${sql.raw(key.definition)}`);
}

/** Each sequence as the backup found it, and never below the largest id its column holds. */
async function restoreSequences(tx: Database, manifest: BackupManifest) {
  for (const s of manifest.sequences) {
    await tx.execute(sql`select setval(${`"public"."${s.name}"`}::regclass, ${s.lastValue}::bigint, ${s.isCalled})`);
  }
  const owned = await rowsOf<{ sequence: string; table: string; column: string }>(
    tx.execute(sql`
      select s.relname as sequence, t.relname as "table", a.attname as "column"
      from pg_depend d
      join pg_class s on s.oid = d.objid and s.relkind = 'S'
      join pg_class t on t.oid = d.refobjid
      join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
      where d.deptype in ('a', 'i') and s.relnamespace = 'public'::regnamespace`),
  );
  for (const o of owned) {
    const seq = sql`${`"public"."${o.sequence}"`}::regclass`;
    await tx.execute(
      sql`select setval(${seq}, m) from (select max(${ident(o.column)}) as m from ${qualified(o.table)}) x
          where m is not null and m > (select last_value from ${qualified(o.sequence)})`,
    );
  }
}

function sameShape(expected: BackupManifest["tables"], actual: TableShape[]): string | null {
  const byName = new Map(actual.map((t) => [t.name, t]));
  for (const table of expected) {
    const found = byName.get(table.name);
    if (!found || found.columns.join(",") !== table.columns.join(",")) return table.name;
    byName.delete(table.name);
  }
  return byName.keys().next().value ?? null;
}

async function load(database: OpenDatabase, file: string, manifest: BackupManifest, step: MigrationStep): Promise<number> {
  return database.db.transaction(async (tx) => {
    await useStableEncoding(tx);
    const tables = await listTables(tx);
    const mismatch = sameShape(manifest.tables, tables);
    if (mismatch) throw new BackupError("restore.schemaMismatch", { table: mismatch, migration: step.tag });
    // Nothing else writes while we load, and nothing reads a half-loaded table.
    await tx.execute(sql`lock table ${sql.join(tables.map((t) => qualified(t.name)), sql`, `)} in access exclusive mode`);
    const withRows = await tablesWithRows(tx, tables.map((t) => t.name));
    if (withRows.length) throw new BackupError("restore.notEmpty", { tables: listForMessage(withRows) });

    const keys = await liftForeignKeys(tx);
    const byName = new Map(tables.map((t) => [t.name, t]));
    let rows = 0;
    const again = await readBackup(file, async (table, lines) => {
      await insertRows(tx, byName.get(table)!, lines);
      rows += lines.length;
    });
    if (again.createdAt !== manifest.createdAt) throw new BackupError("file.damaged", { path: file, detail: "the file changed during the restore" });
    await restoreForeignKeys(tx, keys);
    await restoreSequences(tx, manifest);

    const expected = new Map(manifest.tables.map((t) => [t.name, t]));
    for (const sum of await tableChecksums(tx, tables)) {
      const want = expected.get(sum.name)!;
      if (sum.rows !== want.rows || sum.sha256 !== want.sha256) throw new BackupError("restore.verifyFailed", { table: sum.name });
    }
    return rows;
  });
}

/**
 * Restores `file` into the database `target` names. Throws a BackupError
 * (and changes nothing) for a missing, damaged or too-new file and for a
 * target that is not empty or is in use.
 */
export async function restoreBackup(file: string, target: DatabaseTarget): Promise<RestoreSummary> {
  const manifest = await readBackup(file);
  const step = restorableStep(manifest, file);
  const dir = "pgliteDir" in target ? target.pgliteDir : null;
  if (dir) {
    const holder = embeddedDatabaseHolder(dir);
    if (holder) throw new BackupError("restore.serverRunning", { pid: holder, dir });
  }
  let database: OpenDatabase;
  try {
    database = await openDatabase(target, { migrate: false });
  } catch (error) {
    if (error instanceof EmbeddedDatabaseInUseError) throw new BackupError("restore.serverRunning", { pid: error.pid, dir: error.dir });
    throw error;
  }
  try {
    await checkTargetIsEmpty(database.db, step);
    await database.migrate({ through: step.tag });
    const rows = await load(database, file, manifest, step);
    // The migrations written since the backup, as the next start would run them.
    try {
      await database.migrate();
    } catch (error) {
      throw new BackupError("restore.laterMigrationsFailed", { migration: step.tag, detail: (error as Error).message });
    }
    return { manifest, rows, migratedTo: migrationJournal().at(-1)!.tag };
  } finally {
    await database.close();
  }
}

/** Checks a backup file without a database: complete, undamaged, and restorable by this version. */
export async function checkBackup(file: string): Promise<BackupManifest> {
  const manifest = await readBackup(file);
  restorableStep(manifest, file);
  return manifest;
}
