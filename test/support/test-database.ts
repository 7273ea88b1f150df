// A fresh database for one test file: in-memory PGlite by default (from the
// run's migrated snapshot), or a
// clone of the migrated template on the PostgreSQL server in DATABASE_URL.
import crypto from "node:crypto";
import fs from "node:fs";
import postgres from "postgres";
import { inject } from "vitest";
import { openDatabase, type OpenDatabase } from "../../db/open-database";

export type TestDatabase = OpenDatabase & { url: string | null; drop: () => Promise<void> };

export async function createTestDatabase(): Promise<TestDatabase> {
  const template = inject("pgTemplate");
  const base = process.env.DATABASE_URL;
  if (!template || !base) {
    const snapshot = inject("pgliteSnapshot");
    const loadDataDir = snapshot ? new Blob([fs.readFileSync(snapshot)]) : undefined;
    const opened = await openDatabase({ pgliteDir: null, loadDataDir });
    return { ...opened, url: null, drop: opened.close };
  }
  // The global setup's pid names the template; clones carry it too so teardown finds strays.
  const pid = template.replace("rt_tpl_", "");
  const name = `rt_t_${pid}_${crypto.randomBytes(6).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template ${template}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const opened = await openDatabase({ databaseUrl: url.toString(), maxConnections: 5 });
  return {
    ...opened,
    url: url.toString(),
    drop: async () => {
      await opened.close();
      const a = postgres(base, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
