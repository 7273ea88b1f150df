// `npm run restore -- FILE`: restores a backup into the configured database
// (DATABASE_URL, else PGLITE_DIR), which must be empty: so a PGlite backup
// restored with DATABASE_URL set moves an installation to PostgreSQL.
// `npm run restore -- --check FILE` only checks the file.
import path from "node:path";
import { translatorFor } from "../../app/domain/i18n/translators";
import { ConfigError, parseConfig, type Config } from "../config";
import { operatorLanguage } from "../operator-language";
import { BackupError } from "./backup-error";
import { describeSource } from "./backup-manifest";
import { checkBackup, restoreBackup } from "./restore-backup";

async function main(argv: string[]): Promise<number> {
  const language = operatorLanguage(process.env);
  const t = translatorFor(language, "operations");
  const check = argv[0] === "--check";
  const args = check ? argv.slice(1) : argv;
  if (args.length !== 1 || args[0]!.startsWith("-")) {
    console.error(t("restore.usage"));
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
  const file = path.resolve(args[0]!);
  const number = new Intl.NumberFormat(language);
  const started = Date.now();
  try {
    if (check) {
      const manifest = await checkBackup(file);
      const rows = manifest.tables.reduce((n, table) => n + table.rows, 0);
      console.log(
        t("restore.checked", {
          count: rows,
          path: file,
          tables: number.format(manifest.tables.length),
          rows: number.format(rows),
          createdAt: manifest.createdAt,
          source: describeSource(manifest, language, null),
          migration: manifest.schema.migration ?? `#${manifest.schema.migrationIndex}`,
        }),
      );
      return 0;
    }
    // Straight to PostgreSQL, not through a transaction pooler: the restore holds locks and changes the schema.
    const summary = await restoreBackup(
      file,
      config.databaseUrl ? { databaseUrl: config.databaseMigrationUrl ?? config.databaseUrl, maxConnections: 2 } : { pgliteDir: config.pgliteDir },
    );
    console.log(
      t("restore.done", {
        count: summary.rows,
        path: file,
        tables: number.format(summary.manifest.tables.length),
        rows: number.format(summary.rows),
        target: config.databaseUrl ? t("kind.postgres") : t("kind.pgliteIn", { dir: config.pgliteDir }),
        createdAt: summary.manifest.createdAt,
        source: describeSource(summary.manifest, language, null),
        migration: summary.manifest.schema.migration ?? `#${summary.manifest.schema.migrationIndex}`,
        seconds: new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format((Date.now() - started) / 1000),
      }),
    );
    return 0;
  } catch (error) {
    if (!(error instanceof BackupError)) console.error(t("restore.failed", { detail: (error as Error)?.message ?? String(error) }));
    else if (error.key === "restore.laterMigrationsFailed") console.error(error.in(language));
    else console.error(`${error.in(language)}\n${t(check ? "restore.checkFailed" : "restore.nothingRestored")}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
