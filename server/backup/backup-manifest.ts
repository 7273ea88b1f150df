// The manifest a backup ends with (manifest.json): what wrote it, the
// migration its schema was at, and each table's columns, row count and
// checksum; and whether this version of Roundtable can restore it.
import { z } from "zod";
import { translatorFor } from "../../app/domain/i18n/translators";
import { migrationJournal, type MigrationStep } from "../../db/open-database";
import { BackupError } from "./backup-error";

export const BACKUP_FORMAT = "roundtable-backup";
/** Raised when the file's layout or encoding changes; a reader refuses a higher one. */
export const BACKUP_FORMAT_VERSION = 1;

const identifier = z.string().regex(/^[a-z_][a-z0-9_]*$/);

export const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().positive(),
  createdAt: z.string().datetime(),
  source: z.object({ kind: z.enum(["pglite", "postgres"]), serverVersion: z.string() }),
  schema: z.object({
    /** Position in db/migrations/meta/_journal.json of the last migration applied. */
    migrationIndex: z.number().int().min(0),
    /** Its tag ("0019_bilingual_modules"); null when the code that wrote the backup did not know it. */
    migration: z.string().nullable(),
    /** Its journal time, which drizzle records in __drizzle_migrations.created_at. */
    migrationWhen: z.number().int(),
  }),
  tables: z.array(
    z.object({
      name: identifier,
      columns: z.array(z.string().min(1)),
      rows: z.number().int().min(0),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
  sequences: z.array(z.object({ name: identifier, lastValue: z.string().regex(/^-?\d+$/), isCalled: z.boolean() })),
});

export type BackupManifest = z.infer<typeof manifestSchema>;

/** Reads manifest.json; anything but a manifest this format describes is a damaged file. */
export function parseManifest(bytes: Buffer, file: string): BackupManifest {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString("utf8"));
  } catch {
    throw new BackupError("file.damaged", { path: file, detail: "manifest.json is not JSON" });
  }
  const format = (json as { format?: unknown; formatVersion?: unknown } | null) ?? {};
  if (format.format !== BACKUP_FORMAT) throw new BackupError("file.notABackup", { path: file });
  if (typeof format.formatVersion === "number" && format.formatVersion > BACKUP_FORMAT_VERSION) {
    throw new BackupError("backup.newerFormat", { path: file, found: format.formatVersion, supported: BACKUP_FORMAT_VERSION });
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BackupError("file.damaged", { path: file, detail: `manifest.json: ${issue.path.join(".")} ${issue.message}` });
  }
  return parsed.data;
}

/** The migration step a backup's schema is at, when this version of Roundtable has it; a clear refusal otherwise. */
export function restorableStep(manifest: BackupManifest, file: string): MigrationStep {
  const journal = migrationJournal();
  const latest = journal.at(-1)!;
  const { migrationIndex, migration, migrationWhen } = manifest.schema;
  const named = migration ?? `#${migrationIndex}`;
  if (migrationIndex > latest.index || migrationWhen > latest.when) {
    throw new BackupError("backup.newerSchema", { path: file, migration: named, latest: latest.tag });
  }
  const step = journal[migrationIndex];
  if (!step || step.when !== migrationWhen || (migration !== null && step.tag !== migration)) {
    throw new BackupError("backup.unknownMigration", { path: file, migration: named });
  }
  return step;
}

/** Where a backup came from, in the operator's language: "PostgreSQL", "embedded PGlite (in DIR)". */
export function describeSource(manifest: BackupManifest, language: string, dir: string | null) {
  const t = translatorFor(language, "operations");
  return manifest.source.kind === "postgres" ? t("kind.postgres") : dir ? t("kind.pgliteIn", { dir }) : t("kind.pglite");
}
