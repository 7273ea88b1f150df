// Reads a backup file from start to end, checking as it goes: the archive's
// own integrity (tar headers, gzip's CRC-32), that table parts come in order
// and hold whole lines, and at the end that every table's row count and
// SHA-256 match the manifest. A restore reads the file twice with this: once
// to check it before touching the database, once to load the rows.
import { BackupError } from "./backup-error";
import { readArchive } from "./backup-archive";
import { parseManifest, type BackupManifest } from "./backup-manifest";
import { LineHash } from "./table-rows";

const PART = /^tables\/([a-z_][a-z0-9_]*)\/(\d{6})\.ndjson$/;

export type RowsHandler = (table: string, lines: string[]) => Promise<void>;

/**
 * Checks the whole file and returns its manifest; `onRows` receives each
 * part's lines as they are read. Throws a BackupError for anything wrong.
 */
export async function readBackup(file: string, onRows?: RowsHandler): Promise<BackupManifest> {
  const seen = new Map<string, LineHash>();
  let current: { table: string; part: number } | null = null;
  let manifest: BackupManifest | null = null;
  const damaged = (detail: string) => new BackupError("file.damaged", { path: file, detail });

  for await (const entry of readArchive(file)) {
    if (manifest) throw damaged(`${entry.name} after manifest.json`);
    if (entry.name === "manifest.json") {
      manifest = parseManifest(entry.data, file);
      continue;
    }
    const match = PART.exec(entry.name);
    if (!match) throw damaged(`unexpected entry ${entry.name}`);
    const table = match[1]!;
    const part = Number(match[2]);
    if (current?.table === table ? part !== current.part + 1 : part !== 1 || seen.has(table)) throw damaged(`${entry.name} out of order`);
    current = { table, part };
    const text = entry.data.toString("utf8");
    if (!text.endsWith("\n")) throw damaged(`${entry.name} ends inside a row`);
    const lines = text.slice(0, -1).split("\n");
    let hash = seen.get(table);
    if (!hash) seen.set(table, (hash = new LineHash()));
    hash.add(lines);
    if (onRows) await onRows(table, lines);
  }

  if (!manifest) throw new BackupError("file.truncated", { path: file });
  const listed = new Set(manifest.tables.map((t) => t.name));
  for (const table of seen.keys()) if (!listed.has(table)) throw damaged(`table ${table} is not in the manifest`);
  for (const table of manifest.tables) {
    const hash = seen.get(table.name);
    const rows = hash?.rows ?? 0;
    const sha256 = hash?.digest() ?? new LineHash().digest();
    if (rows !== table.rows || sha256 !== table.sha256) throw new BackupError("file.checksumMismatch", { path: file, table: table.name });
  }
  return manifest;
}
