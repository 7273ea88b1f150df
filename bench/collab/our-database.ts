// Ours needs a database with people who may edit the documents: a throwaway
// PostgreSQL database (created and dropped here) or embedded PGlite in a temp
// directory, seeded with the project's own factories before the server
// starts: one organisation, one person per simultaneous connection, each a
// lead co-author of the module behind their room, and a session each.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { moduleAuthors } from "../../db/schema";
import { openDatabase, type DatabaseTarget } from "../../db/open-database";
import { createSession } from "../../app/domain/accounts/sessions.server";
import { createOrg, createPublishedModule, createUser } from "../../test/support/factories";
import type { ModuleDocJSON } from "../../app/domain/modules/module-schema";

export type BenchDatabase = {
  kind: "postgres" | "pglite";
  /** The PostgreSQL database's name (null for PGlite). */
  name: string | null;
  target: DatabaseTarget;
  /** DATABASE_URL or PGLITE_DIR for the server. */
  env: Record<string, string | undefined>;
  drop: () => Promise<void>;
};

export async function createBenchDatabase(kind: string, baseUrl: string): Promise<BenchDatabase> {
  if (kind === "pglite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rt-bench-collab-"));
    return {
      kind: "pglite",
      name: null,
      target: { pgliteDir: dir },
      env: { PGLITE_DIR: dir, DATABASE_URL: undefined },
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (kind !== "postgres") throw new Error(`BENCH_DB must be postgres or pglite, not ${kind}`);
  const name = `rt_bench_collab_${process.pid}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name}`);
  await admin.unsafe(`create database ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    kind: "postgres",
    name,
    target: { databaseUrl: url.toString() },
    env: { DATABASE_URL: url.toString() },
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** A group of documents of one workload: module ids, in room order. */
export type SeededDocuments = { names: string[] };

export type Fixture = {
  /** Session cookies, one per person; person i sits in slot i % perRoom of room floor(i / perRoom). */
  cookies: string[];
  adminCookie: string;
  documents: Record<string, SeededDocuments>;
};

export type DocumentGroup = { key: string; rooms: number; perRoom: number; doc: () => ModuleDocJSON };

const COOKIE = "__Host-rt_session"; // NODE_ENV=production: the session cookie has the __Host- prefix

async function inBatches<T>(count: number, size: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let start = 0; start < count; start += size) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(size, count - start) }, (_, k) => make(start + k)))));
  }
  return out;
}

export async function seedFixture(target: DatabaseTarget, people: number, groups: DocumentGroup[], progress: (msg: string) => void): Promise<Fixture> {
  const opened = await openDatabase(target);
  try {
    const { db } = opened;
    const org = await createOrg(db);
    const admin = await createUser(db, { orgId: org.id, roles: ["platform_admin"] });
    const adminCookie = `${COOKIE}=${(await createSession(db, admin.id)).token}`;
    let t = Date.now();
    const users = await inBatches(people, 16, async () => {
      const user = await createUser(db, { orgId: org.id, roles: ["thought_leader"] });
      const { token } = await createSession(db, user.id);
      return { id: user.id, cookie: `${COOKIE}=${token}` };
    });
    progress(`seeded ${people} people with sessions in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    const documents: Record<string, SeededDocuments> = {};
    for (const group of groups) {
      t = Date.now();
      const doc = group.doc();
      const names = await inBatches(group.rooms, 8, async (room) => {
        const slots = Array.from({ length: group.perRoom }, (_, slot) => users[room * group.perRoom + slot]!);
        const module = await createPublishedModule(db, { authorId: slots[0]!.id, doc, title: `Bench ${group.key} ${room}` });
        if (slots.length > 1) await db.insert(moduleAuthors).values(slots.slice(1).map((u) => ({ moduleId: module.id, userId: u.id, role: "lead" as const })));
        return `module.${module.id}`;
      });
      documents[group.key] = { names };
      progress(`seeded ${group.rooms} ${group.key} modules in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    return { cookies: users.map((u) => u.cookie), adminCookie, documents };
  } finally {
    await opened.close();
  }
}
