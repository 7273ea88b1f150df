// `npm run backup -- FILE`: writes a backup of the configured database
// (DATABASE_URL, else the embedded one in PGLITE_DIR) to FILE while the
// portal keeps running. On PostgreSQL it reads a snapshot itself; a running
// server that holds the embedded database is asked for it
// (local-backup-channel.ts); with no server running, the command opens the
// directory itself. The file is written beside FILE, read back and checked,
// and only then renamed to FILE: a failed backup never leaves a file that
// looks like one.
import fs from "node:fs";
import path from "node:path";
import { embeddedDatabaseHolder, EmbeddedDatabaseInUseError, hasEmbeddedDatabase, openDatabase } from "../../db/open-database";
import { translatorFor } from "../../app/domain/i18n/translators";
import { ConfigError, parseConfig, type Config } from "../config";
import { operatorLanguage } from "../operator-language";
import { BackupError } from "./backup-error";
import { describeSource } from "./backup-manifest";
import { requestBackup } from "./local-backup-channel";
import { readBackup } from "./read-backup";
import { writeBackup } from "./write-backup";

async function writeTo(config: Config, out: fs.WriteStream): Promise<void> {
  if (config.databaseUrl) {
    const database = await openDatabase(
      { databaseUrl: config.databaseUrl, maxConnections: 2, pooler: config.databasePooler, migrationUrl: config.databaseMigrationUrl ?? undefined },
      { migrate: false },
    );
    try {
      await writeBackup(database, out);
    } finally {
      await database.close();
    }
    return;
  }
  const dir = config.pgliteDir;
  const holder = embeddedDatabaseHolder(dir);
  if (holder) return requestBackup(dir, holder, out);
  if (!hasEmbeddedDatabase(dir)) throw new BackupError("backup.noDatabase", { dir });
  let database;
  try {
    database = await openDatabase({ pgliteDir: dir }, { migrate: false });
  } catch (error) {
    if (error instanceof EmbeddedDatabaseInUseError) throw new BackupError("backup.serverStarted", { pid: error.pid, dir });
    throw error;
  }
  try {
    await writeBackup(database, out);
  } finally {
    await database.close();
  }
}

/** "250 kB", "1.2 GB": the size in the largest unit that keeps it at least 1. */
function fileSize(bytes: number, language: string) {
  const units = ["kilobyte", "megabyte", "gigabyte"] as const;
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(language, { style: "unit", unit: units[unit], maximumFractionDigits: 1 }).format(value);
}

async function main(argv: string[]): Promise<number> {
  const language = operatorLanguage(process.env);
  const t = translatorFor(language, "operations");
  if (argv.length !== 1 || argv[0]!.startsWith("-")) {
    console.error(t("backup.usage"));
    return 2;
  }
  let config: Config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return 2;
  }
  const file = path.resolve(argv[0]!);
  if (!fs.statSync(path.dirname(file), { throwIfNoEntry: false })?.isDirectory()) {
    console.error(t("backup.folderMissing", { dir: path.dirname(file) }));
    return 1;
  }
  const partial = `${file}.partial-${process.pid}`;
  const started = Date.now();
  // Opened here, not when the stream gets round to it, so a failure can always remove it.
  // A backup holds everyone's personal data: readable by this account only.
  const out = fs.createWriteStream(partial, { fd: fs.openSync(partial, "w", 0o600) });
  try {
    await writeTo(config, out);
    const manifest = await readBackup(partial);
    fs.renameSync(partial, file);
    const number = new Intl.NumberFormat(language);
    const rows = manifest.tables.reduce((n, table) => n + table.rows, 0);
    console.log(
      t("backup.done", {
        count: rows,
        tables: number.format(manifest.tables.length),
        rows: number.format(rows),
        source: describeSource(manifest, language, config.databaseUrl ? null : config.pgliteDir),
        migration: manifest.schema.migration ?? `#${manifest.schema.migrationIndex}`,
        path: file,
        size: fileSize(fs.statSync(file).size, language),
        seconds: new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format((Date.now() - started) / 1000),
      }),
    );
    return 0;
  } catch (error) {
    out.destroy();
    fs.rmSync(partial, { force: true });
    console.error(error instanceof BackupError ? error.in(language) : t("backup.failed", { detail: (error as Error)?.message ?? String(error) }));
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
