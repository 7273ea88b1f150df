// What a restore refuses, with a message an operator can act on and without
// changing the target: a database that already holds rows or is past the
// backup's migration, a file that is damaged, cut short, not a backup, from
// a newer Roundtable, or not there at all. And what it accepts from an older
// Roundtable: a backup at an earlier migration, brought up to date.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrationJournal, openDatabase, type OpenDatabase } from "../../db/open-database";
import { BackupError } from "../../server/backup/backup-error";
import { restoreBackup } from "../../server/backup/restore-backup";
import { databaseChecksums, rowsOf } from "../../server/backup/table-rows";
import { writeBackup } from "../../server/backup/write-backup";
import { runKind, scratchDatabase, type ScratchDatabase } from "../support/backup-databases";
import { editManifest, rewriteBackup, runNpm } from "../support/backup-files";
import { createOrg } from "../support/factories";
import { plantPersonalData } from "../support/personal-data-factories";

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "rt-backup-refusals-"));
const file = path.join(folder, "good.tar.gz");
const scratch: ScratchDatabase[] = [];
const journal = migrationJournal();

async function newDatabase(options: { migrated: boolean }) {
  const db = await scratchDatabase(runKind, options);
  scratch.push(db);
  return db;
}

/** Everything a restore could have changed: tables, rows, checksums and migrations (or that the PGlite directory is still not there). */
async function stateOf(db: ScratchDatabase) {
  if (db.dir && !fs.existsSync(db.dir)) return "no directory";
  return db.inspect(async ({ db: d }) => {
    const [migrated] = await rowsOf<{ yes: boolean }>(d.execute(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as yes`));
    const [migrations] = migrated!.yes ? await rowsOf<{ n: string }>(d.execute(sql`select count(*)::text as n from drizzle.__drizzle_migrations`)) : [{ n: "none" }];
    const [tables] = await rowsOf<{ n: string }>(d.execute(sql`select count(*)::text as n from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r'`));
    return { migrations: migrations!.n, tables: tables!.n, checksums: tables!.n === "0" ? [] : await databaseChecksums(d) };
  });
}

async function refusal(promise: Promise<unknown>): Promise<BackupError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackupError);
  return error as BackupError;
}

beforeAll(async () => {
  const source = await newDatabase({ migrated: true });
  const opened = await openDatabase(source.target);
  try {
    await plantPersonalData(opened.db);
    await writeBackup(opened, fs.createWriteStream(file));
  } finally {
    await opened.close();
  }
}, 120_000);

afterAll(async () => {
  for (const db of scratch) await db.drop();
  fs.rmSync(folder, { recursive: true, force: true });
});

test("a restore into a database that already holds rows is refused, and the database is left as it was", async () => {
  const target = await newDatabase({ migrated: true });
  await target.inspect(async ({ db }) => void (await createOrg(db)));
  const before = await stateOf(target);
  const error = await refusal(restoreBackup(file, target.target));
  expect(error.key).toBe("restore.notEmpty");
  expect(error.message).toBe(
    "The target database is not empty: organisations already hold rows. Restore only into an empty database: a new PostgreSQL database, or a PGLITE_DIR that does not exist yet.",
  );
  expect(await stateOf(target)).toEqual(before);
}, 120_000);

test("a restore into a database already past the backup's migration is refused, since a schema cannot be taken back", async () => {
  const older = path.join(folder, "older.tar.gz");
  const previous = journal.at(-2)!;
  await rewriteBackup(file, older, editManifest((m) => ({ ...m, schema: { migrationIndex: previous.index, migration: previous.tag, migrationWhen: previous.when } })));
  const target = await newDatabase({ migrated: true });
  const before = await stateOf(target);
  const error = await refusal(restoreBackup(older, target.target));
  expect(error.key).toBe("restore.targetNewer");
  expect(error.message).toContain(`already at migration ${journal.at(-1)!.tag}, newer than the backup's ${previous.tag}`);
  expect(await stateOf(target)).toEqual(before);
}, 120_000);

describe("a file that cannot be restored is refused before the target is touched", () => {
  let target: ScratchDatabase;
  let before: unknown;
  beforeAll(async () => {
    // A new database with nothing in it, not even tables: any change would show.
    target = await newDatabase({ migrated: false });
    before = await stateOf(target);
  }, 120_000);
  afterEach(async () => {
    expect(await stateOf(target)).toEqual(before);
  });

  test("a damaged file (bytes changed in the middle)", async () => {
    const damaged = path.join(folder, "damaged.tar.gz");
    const bytes = fs.readFileSync(file);
    const middle = Math.floor(bytes.length / 2);
    for (let i = middle; i < middle + 16; i++) bytes[i] = bytes[i]! ^ 0x5a;
    fs.writeFileSync(damaged, bytes);
    const error = await refusal(restoreBackup(damaged, target.target));
    expect(["file.damaged", "file.checksumMismatch"]).toContain(error.key);
    expect(error.message).toMatch(new RegExp(`^${damaged.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} is damaged`));
    expect(error.message).toContain("Use another copy of the backup.");
  });

  test("a file cut short, as an interrupted copy leaves it", async () => {
    const truncated = path.join(folder, "truncated.tar.gz");
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const error = await refusal(restoreBackup(truncated, target.target));
    expect(error.key).toBe("file.truncated");
    expect(error.message).toContain("is incomplete: it ends before the backup does");
  });

  test("a row changed behind the manifest's back", async () => {
    const edited = path.join(folder, "edited.tar.gz");
    await rewriteBackup(file, edited, (entry) =>
      entry.name.startsWith("tables/organisations/") ? { name: entry.name, data: Buffer.from(entry.data.toString("utf8").replace(/"name":"[^"]*"/, '"name":"Someone else"')) } : entry,
    );
    const error = await refusal(restoreBackup(edited, target.target));
    expect(error.key).toBe("file.checksumMismatch");
    expect(error.message).toContain("the rows of table organisations do not match the checksum in its manifest");
  });

  test("a backup from a newer Roundtable, whose schema this version does not know", async () => {
    const newer = path.join(folder, "newer.tar.gz");
    const latest = journal.at(-1)!;
    await rewriteBackup(file, newer, editManifest((m) => ({ ...m, schema: { migrationIndex: latest.index + 1, migration: "0099_from_the_future", migrationWhen: latest.when + 1 } })));
    const error = await refusal(restoreBackup(newer, target.target));
    expect(error.key).toBe("backup.newerSchema");
    expect(error.message).toBe(
      `${newer} comes from a newer Roundtable: its database is at migration 0099_from_the_future, and this version knows migrations up to ${latest.tag}. Upgrade Roundtable, then restore.`,
    );
  });

  test("a backup in a newer format", async () => {
    const newer = path.join(folder, "format.tar.gz");
    await rewriteBackup(file, newer, editManifest((m) => ({ ...m, formatVersion: 2 })));
    const error = await refusal(restoreBackup(newer, target.target));
    expect(error.key).toBe("backup.newerFormat");
  });

  test("a path with nothing there, a folder, and a file that is not a backup", async () => {
    const missing = path.join(folder, "missing.tar.gz");
    expect((await refusal(restoreBackup(missing, target.target))).message).toBe(`There is no backup at ${missing}. Check the path.`);
    expect((await refusal(restoreBackup(folder, target.target))).key).toBe("file.notAFile");
    const text = path.join(folder, "notes.txt");
    fs.writeFileSync(text, "not a backup\n");
    expect((await refusal(restoreBackup(text, target.target))).message).toBe(`${text} is not a Roundtable backup.`);
  });

  test("npm run restore says so, in the operator's language, and exits non-zero", async () => {
    const missing = path.join(folder, "missing.tar.gz");
    const english = await runNpm("restore", [missing], target.env);
    expect(english.code).toBe(1);
    expect(english.stdout).toBe("");
    expect(english.stderr).toBe(`There is no backup at ${missing}. Check the path.\nNothing was restored.\n`);
    const japanese = await runNpm("restore", ["--check", missing], { ...target.env, LC_ALL: "ja_JP.UTF-8" });
    expect(japanese.code).toBe(1);
    expect(japanese.stderr).toBe(`${missing} にバックアップがありません。パスを確認してください。\nこのバックアップは復元できません。\n`);
    const usage = await runNpm("restore", [], target.env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^Usage: npm run restore -- FILE/);
  }, 60_000);
});

test("a backup from the previous migration is restored at that migration, then brought up to date", async () => {
  const previous = journal.at(-2)!;
  const source = await newDatabase({ migrated: false });
  const older = path.join(folder, "previous.tar.gz");
  let opened: OpenDatabase | null = await openDatabase(source.target, { migrate: false });
  try {
    await opened.migrate({ through: previous.tag });
    // Plain SQL: the schema in db/schema.ts is the latest one.
    await opened.db.execute(sql`insert into organisations (name, slug) values ('Before the upgrade', 'before-the-upgrade')`);
    const manifest = await writeBackup(opened, fs.createWriteStream(older));
    expect(manifest.schema.migration).toBe(previous.tag);
  } finally {
    await opened.close();
    opened = null;
  }
  const target = await newDatabase({ migrated: false });
  const summary = await restoreBackup(older, target.target);
  expect(summary.migratedTo).toBe(journal.at(-1)!.tag);
  const state = await target.inspect(async ({ db }) => ({
    migrations: (await rowsOf<{ n: string }>(db.execute(sql`select count(*)::text as n from drizzle.__drizzle_migrations`)))[0]!.n,
    names: (await rowsOf<{ name: string }>(db.execute(sql`select name from organisations`))).map((r) => r.name),
  }));
  expect(state).toEqual({ migrations: String(journal.length), names: ["Before the upgrade"] });
}, 180_000);
