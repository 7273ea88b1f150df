// With DATABASE_URL set, migrate one template database per run; each test
// file then clones it (CREATE DATABASE … TEMPLATE), which takes milliseconds.
// On PGlite, migrate once and keep a copy of the data directory; each test
// file starts its in-memory database from it rather than from initdb and
// every migration (about half the time of opening one).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../db/open-database";

declare module "vitest" {
  export interface ProvidedContext {
    pgTemplate: string | null;
    pgliteSnapshot: string | null;
  }
}

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    project.provide("pgTemplate", null);
    const opened = await openDatabase({ pgliteDir: null });
    const client = (opened.db as unknown as { $client: PGlite }).$client;
    const snapshot = path.join(os.tmpdir(), `rt-pglite-${process.pid}.tar`);
    fs.writeFileSync(snapshot, Buffer.from(await (await client.dumpDataDir("none")).arrayBuffer()));
    await opened.close();
    project.provide("pgliteSnapshot", snapshot);
    return () => fs.rmSync(snapshot, { force: true });
  }
  project.provide("pgliteSnapshot", null);
  const template = `rt_tpl_${process.pid}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${template}`);
  await admin.unsafe(`create database ${template}`);
  const templateUrl = new URL(url);
  templateUrl.pathname = `/${template}`;
  const opened = await openDatabase({ databaseUrl: templateUrl.toString(), maxConnections: 1 });
  await opened.close();
  project.provide("pgTemplate", template);

  return async () => {
    const leftovers = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`rt_t_${process.pid}_%`}`;
    for (const { datname } of leftovers) await admin.unsafe(`drop database if exists ${datname} with (force)`);
    await admin.unsafe(`drop database if exists ${template} with (force)`);
    await admin.end();
  };
}
