// Databases the backup tests write from and restore into, of either kind:
// an embedded PGlite in a directory of its own (a backup needs one), or a
// PostgreSQL database on the server in DATABASE_URL, either migrated and
// empty or with no tables at all. Each comes with a way to look inside and
// to clean up.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { inject } from "vitest";
import { openDatabase, type DatabaseTarget, type OpenDatabase } from "../../db/open-database";

export type Kind = "pglite" | "postgres";

export type ScratchDatabase = {
  kind: Kind;
  target: DatabaseTarget;
  /** Environment a spawned command needs to reach it. */
  env: Record<string, string>;
  /** The PGlite directory, for the kind that has one. */
  dir: string | null;
  /** Opens it (without migrating, so looking changes nothing), runs `fn`, closes it. */
  inspect: <T>(fn: (opened: OpenDatabase) => Promise<T>) => Promise<T>;
  drop: () => Promise<void>;
};

/** Whether PostgreSQL is there to test against (DATABASE_URL set, as in CI's second run). */
export const postgresAvailable = Boolean(process.env.DATABASE_URL);

function pgliteSnapshot(): Blob | undefined {
  const snapshot = inject("pgliteSnapshot");
  return snapshot ? new Blob([fs.readFileSync(snapshot)]) : undefined;
}

/**
 * A PGlite directory. `migrated`: it holds a migrated, empty database (from
 * the run's snapshot when there is one); otherwise the directory does not
 * exist yet, the way a new PGLITE_DIR starts.
 */
export async function scratchPglite({ migrated }: { migrated: boolean }): Promise<ScratchDatabase> {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "rt-backup-"));
  const dir = path.join(parent, "data");
  if (migrated) await (await openDatabase({ pgliteDir: dir, loadDataDir: pgliteSnapshot() })).close();
  return {
    kind: "pglite",
    target: { pgliteDir: dir },
    env: { PGLITE_DIR: dir },
    dir,
    inspect: async (fn) => {
      const opened = await openDatabase({ pgliteDir: dir }, { migrate: false });
      try {
        return await fn(opened);
      } finally {
        await opened.close();
      }
    },
    drop: async () => fs.rmSync(parent, { recursive: true, force: true }),
  };
}

/**
 * A PostgreSQL database. `migrated`: a copy of the run's migrated template
 * (empty); otherwise a database with no tables, the way `createdb` leaves it.
 */
export async function scratchPostgres({ migrated }: { migrated: boolean }): Promise<ScratchDatabase> {
  const base = process.env.DATABASE_URL;
  const template = inject("pgTemplate");
  if (!base || !template) throw new Error("scratchPostgres needs DATABASE_URL");
  // Named like test-database.ts's clones, so the run's teardown finds any left behind.
  const name = `rt_t_${template.replace("rt_tpl_", "")}_${crypto.randomBytes(6).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(migrated ? `create database ${name} template ${template}` : `create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const target = { databaseUrl: url.toString(), maxConnections: 2 };
  return {
    kind: "postgres",
    target,
    env: { DATABASE_URL: url.toString() },
    dir: null,
    inspect: async (fn) => {
      const opened = await openDatabase(target, { migrate: false });
      try {
        return await fn(opened);
      } finally {
        await opened.close();
      }
    },
    drop: async () => {
      const a = postgres(base, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export function scratchDatabase(kind: Kind, options: { migrated: boolean }) {
  return kind === "pglite" ? scratchPglite(options) : scratchPostgres(options);
}

/** The kind this run tests against: PostgreSQL when DATABASE_URL is set, else PGlite. */
export const runKind: Kind = postgresAvailable ? "postgres" : "pglite";
