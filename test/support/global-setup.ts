// With DATABASE_URL set, migrate one template database per run; each test
// file then clones it (CREATE DATABASE … TEMPLATE), which takes milliseconds.
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../db/open-database";

declare module "vitest" {
  export interface ProvidedContext {
    pgTemplate: string | null;
  }
}

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    project.provide("pgTemplate", null);
    return;
  }
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
