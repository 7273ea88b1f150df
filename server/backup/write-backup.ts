// Writes a backup of a database that keeps serving: every table read in one
// REPEATABLE READ, READ ONLY transaction (one snapshot, so the tables agree
// with each other and nothing waits on the backup's locks on PostgreSQL),
// streamed into a .tar.gz of table parts followed by manifest.json.
import type { Writable } from "node:stream";
import { sql } from "drizzle-orm";
import type { Database } from "../../db/database";
import { migrationJournal, type OpenDatabase } from "../../db/open-database";
import { ArchiveWriter } from "./backup-archive";
import { BackupError } from "./backup-error";
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, type BackupManifest } from "./backup-manifest";
import { LineHash, listTables, readSequences, rowsOf, tableLines, useStableEncoding } from "./table-rows";

/** Lines are gathered into parts of about this size: small enough to hold, large enough to compress well. */
const PART_BYTES = 4 * 1024 * 1024;

/** A table part's name in the archive: tables/<table>/<part, from 000001>.ndjson. */
export function partName(table: string, part: number) {
  return `tables/${table}/${String(part).padStart(6, "0")}.ndjson`;
}

async function schemaPosition(tx: Database): Promise<BackupManifest["schema"]> {
  const [state] = await rowsOf<{ applied: string | null; last: string | null }>(
    tx.execute(sql`select (select count(*) from drizzle.__drizzle_migrations)::text as applied,
                          (select max(created_at) from drizzle.__drizzle_migrations)::text as last
                   where to_regclass('drizzle.__drizzle_migrations') is not null`),
  );
  if (!state?.last) throw new BackupError("backup.notRoundtable");
  const when = Number(state.last);
  const known = migrationJournal().find((step) => step.when === when);
  // A migration this code does not know (a newer version migrated the database) is recorded by position.
  return { migrationIndex: known?.index ?? Number(state.applied) - 1, migration: known?.tag ?? null, migrationWhen: when };
}

export async function writeBackup(database: Pick<OpenDatabase, "db" | "kind">, out: Writable): Promise<BackupManifest> {
  const createdAt = new Date();
  const archive = new ArchiveWriter(out, createdAt);
  try {
    const manifest = await database.db.transaction(
      async (tx) => {
        // The snapshot is taken at the first query, so everything below reads one moment.
        await useStableEncoding(tx);
        const schema = await schemaPosition(tx);
        const [version] = await rowsOf<{ server_version: string }>(tx.execute(sql`show server_version`));
        const sequences = await readSequences(tx);
        const tables: BackupManifest["tables"] = [];
        for (const table of await listTables(tx)) {
          const hash = new LineHash();
          let part = 0;
          let pending: string[] = [];
          let pendingBytes = 0;
          const flush = async () => {
            if (!pending.length) return;
            await archive.add(partName(table.name, ++part), Buffer.from(pending.join("\n") + "\n", "utf8"));
            pending = [];
            pendingBytes = 0;
          };
          for await (const lines of tableLines(tx, table)) {
            hash.add(lines);
            for (const line of lines) {
              pending.push(line);
              pendingBytes += line.length + 1;
              if (pendingBytes >= PART_BYTES) await flush();
            }
          }
          await flush();
          tables.push({ name: table.name, columns: table.columns, rows: hash.rows, sha256: hash.digest() });
        }
        return {
          format: BACKUP_FORMAT,
          formatVersion: BACKUP_FORMAT_VERSION,
          createdAt: createdAt.toISOString(),
          source: { kind: database.kind, serverVersion: version?.server_version ?? "unknown" },
          schema,
          tables,
          sequences,
        } satisfies BackupManifest;
      },
      { isolationLevel: "repeatable read", accessMode: "read only" },
    );
    await archive.add("manifest.json", Buffer.from(JSON.stringify(manifest, null, 2) + "\n", "utf8"));
    await archive.finish();
    return manifest;
  } catch (error) {
    archive.abort(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}
