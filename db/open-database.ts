// Opens PostgreSQL (DATABASE_URL) or embedded PGlite, applies the committed
// migrations, and hands back one Database plus a close function.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Database } from "./database";
import * as schema from "./schema";

export const MIGRATIONS_FOLDER = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

export type OpenDatabase = {
  db: Database;
  kind: "postgres" | "pglite";
  close: () => Promise<void>;
  /**
   * Applies the committed migrations (opening does this unless told not to);
   * with `through`, only those up to and including that tag: a restore
   * rebuilds the schema a backup was taken at before loading it.
   */
  migrate: (options?: { through?: string }) => Promise<void>;
  /** Things an operator should fix, such as a planner setting a pooler dropped. */
  warnings: string[];
};

export type MigrationStep = { index: number; tag: string; when: number };

/** The committed migrations, in order (db/migrations/meta/_journal.json). */
export function migrationJournal(): MigrationStep[] {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as {
    entries: { idx: number; tag: string; when: number }[];
  };
  return journal.entries.map((e) => ({ index: e.idx, tag: e.tag, when: e.when }));
}

/**
 * A folder drizzle's migrator reads as if the migrations ended at `tag`: a
 * copy of the journal cut there, beside the SQL files it names.
 */
function migrationsFolderThrough(tag: string | undefined): { folder: string; cleanup: () => void } {
  const steps = migrationJournal();
  const at = tag === undefined ? steps.length - 1 : steps.findIndex((s) => s.tag === tag);
  if (at < 0) throw new Error(`No migration ${tag} in ${MIGRATIONS_FOLDER}`);
  if (at === steps.length - 1) return { folder: MIGRATIONS_FOLDER, cleanup: () => {} };
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "rt-migrations-"));
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
  fs.mkdirSync(path.join(folder, "meta"));
  fs.writeFileSync(path.join(folder, "meta", "_journal.json"), JSON.stringify({ ...journal, entries: journal.entries.slice(0, at + 1) }));
  for (const step of steps.slice(0, at + 1)) fs.copyFileSync(path.join(MIGRATIONS_FOLDER, `${step.tag}.sql`), path.join(folder, `${step.tag}.sql`));
  return { folder, cleanup: () => fs.rmSync(folder, { recursive: true, force: true }) };
}

export type DatabaseTarget =
  | {
      databaseUrl: string;
      maxConnections?: number;
      /**
       * "pgbouncer-transaction": DATABASE_URL points at PgBouncer in transaction
       * mode, where a server connection changes between transactions. Named
       * prepared statements and startup settings do not survive that (PgBouncer
       * before 1.21), and neither does the migration's session lock, so
       * migrations run over `migrationUrl`, a direct connection.
       */
      pooler?: "none" | "pgbouncer-transaction";
      migrationUrl?: string;
    }
  // null: in memory. `loadDataDir`: start from a copy of a data directory (a test
  // run's migrated snapshot, test/support/global-setup.ts) instead of an empty
  // one; with a directory, only when that directory holds no database yet.
  | { pgliteDir: string | null; loadDataDir?: Blob };

// Our working set lives in memory, where a random read costs about as much as
// a sequential one. With the default (4) the planner scans every module's
// tsvector instead of using the search index: 31 ms against 8 ms at 10,000
// modules (bench/README.md).
const PLANNER_SETTINGS = { random_page_cost: "1.1" };

// A fixed key so concurrent processes starting together migrate one at a time.
const MIGRATION_LOCK_KEY = 727_001;

/**
 * `migrate: false` opens the database as it is, for tools that must not
 * change it (a backup) or that migrate it themselves (a restore).
 */
export async function openDatabase(target: DatabaseTarget, { migrate = true }: { migrate?: boolean } = {}): Promise<OpenDatabase> {
  if ("databaseUrl" in target) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const pooled = target.pooler === "pgbouncer-transaction";
    const client = postgres(target.databaseUrl, {
      max: Math.max(2, target.maxConnections ?? 10),
      onnotice: () => {},
      prepare: !pooled,
      // PgBouncer refuses startup parameters it does not know; set the planner
      // on the database (or PgBouncer's connect_query) instead: see docs/scaling.md.
      connection: pooled ? {} : PLANNER_SETTINGS,
    });
    const db = drizzle(client, { schema });
    const warnings: string[] = [];
    const migrateThis = async ({ through }: { through?: string } = {}) => {
      const { folder, cleanup } = migrationsFolderThrough(through);
      try {
        await migratePostgres(target.migrationUrl ?? null, client, folder);
      } finally {
        cleanup();
      }
    };
    try {
      if (migrate) await migrateThis();
      if (pooled) {
        const [row] = await client<{ value: string }[]>`select current_setting('random_page_cost') as value`;
        if (Number(row?.value) !== Number(PLANNER_SETTINGS.random_page_cost)) {
          warnings.push(
            `random_page_cost is ${row?.value} through the pooler; search plans expect ${PLANNER_SETTINGS.random_page_cost}. ` +
              `Run: alter database <name> set random_page_cost = ${PLANNER_SETTINGS.random_page_cost} (docs/scaling.md).`,
          );
        }
      }
    } catch (error) {
      await client.end({ timeout: 1 });
      throw error;
    }
    return {
      db: db as unknown as Database,
      kind: "postgres",
      close: () => client.end({ timeout: 5 }),
      migrate: migrateThis,
      warnings,
    };
  }

  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate: migratePglite } = await import("drizzle-orm/pglite/migrator");
  const releaseLock = target.pgliteDir ? lockDataDir(target.pgliteDir) : () => {};
  // PGlite's files live in pgdata/, beside our lock file: initdb wants an empty directory.
  const load = target.loadDataDir ? { loadDataDir: target.loadDataDir } : {};
  const client = target.pgliteDir ? new PGlite(path.join(target.pgliteDir, "pgdata"), load) : new PGlite(load);
  await client.waitReady;
  for (const [name, value] of Object.entries(PLANNER_SETTINGS)) await client.exec(`set ${name} = ${value}`);
  const db = drizzle(client, { schema });
  const migrateThis = async ({ through }: { through?: string } = {}) => {
    const { folder, cleanup } = migrationsFolderThrough(through);
    try {
      await migratePglite(db, { migrationsFolder: folder });
    } finally {
      cleanup();
    }
  };
  try {
    if (migrate) await migrateThis();
  } catch (error) {
    await client.close();
    releaseLock();
    throw error;
  }
  return {
    db: db as unknown as Database,
    kind: "pglite",
    close: async () => {
      await client.close();
      releaseLock();
    },
    migrate: migrateThis,
    warnings: [],
  };
}

/**
 * Applies the migrations under a session advisory lock, so processes starting
 * together migrate one at a time. With a migration URL the lock and the
 * migration use their own short-lived direct connection; otherwise one
 * reserved connection of the pool holds the lock while migrate uses the pool.
 */
async function migratePostgres(migrationUrl: string | null, pool: import("postgres").Sql, migrationsFolder: string) {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  // At least 2: the lock holds one reserved connection while migrate uses another.
  const client = migrationUrl ? postgres(migrationUrl, { max: 2, onnotice: () => {}, connection: PLANNER_SETTINGS }) : pool;
  try {
    const lock = await client.reserve();
    try {
      await lock`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
      await migrate(drizzle(client, { schema }), { migrationsFolder });
    } finally {
      await lock`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.catch(() => {});
      lock.release();
    }
  } finally {
    if (client !== pool) await client.end({ timeout: 5 });
  }
}

/** Whether a PGlite data directory holds a database (PGlite keeps it in pgdata/, beside our lock file). */
export function hasEmbeddedDatabase(dir: string) {
  return fs.existsSync(path.join(dir, "pgdata", "PG_VERSION"));
}

/** The live process, other than this one, that holds the embedded database in `dir`; null when none does. */
export function embeddedDatabaseHolder(dir: string): number | null {
  let holder: number;
  try {
    holder = Number(fs.readFileSync(path.join(dir, "roundtable.pid"), "utf8"));
  } catch {
    return null;
  }
  return holder && holder !== process.pid && isAlive(holder) ? holder : null;
}

export class EmbeddedDatabaseInUseError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(`Another Roundtable process (pid ${pid}) is using the embedded database in ${dir}. Stop it, or set PGLITE_DIR to another directory.`);
    this.name = "EmbeddedDatabaseInUseError";
  }
}

/**
 * PGlite has one writer: two processes on one directory would corrupt it.
 * A pid file refuses the second process with a clear message.
 */
function lockDataDir(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lockFile = path.join(dir, "roundtable.pid");
  try {
    fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
  } catch {
    const holder = embeddedDatabaseHolder(dir);
    if (holder) throw new EmbeddedDatabaseInUseError(dir, holder);
    fs.writeFileSync(lockFile, String(process.pid)); // left behind by a process that died
  }
  return () => fs.rmSync(lockFile, { force: true });
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
