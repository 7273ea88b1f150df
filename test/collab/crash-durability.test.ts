// Crash durability: the real server process is killed with SIGKILL at random
// moments while clients type unique markers. Every marker the server
// acknowledged ([100, n] covering the message that carried it) must be in
// the database when the process is gone, and after the restarts every client
// converges on a draft holding every marker anyone typed.
// Set CRASH_SEED to replay a run; the seed is printed with every failure.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "../../db/open-database";
import type { Database } from "../../db/database";
import { connectClient, eventually, typeInto, type CollabClient, type CollabTarget } from "../support/collab-client";
import { createCoauthor, createDraftToEdit } from "../support/factories";
import { storedDocument } from "../support/stored-document";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const root = path.resolve(import.meta.dirname, "../..");
const ROUNDS = 3;
const seed = Number(process.env.CRASH_SEED ?? Date.now() % 2 ** 31);

/** A small seeded PRNG (mulberry32), so a failing run can be replayed. */
function random(seedValue: number) {
  let a = seedValue >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function freePort() {
  const server = net.createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as net.AddressInfo).port;
  server.close();
  await once(server, "close");
  return port;
}

/** Where the spawned server keeps its data, and how the test reads it while the server is down. */
type Storage = {
  env: Record<string, string>;
  withDb: <T>(fn: (db: Database) => Promise<T>) => Promise<T>;
  /** The pid in the embedded database's lock file, if there is one. */
  lockHolder: () => number | null;
  cleanup: () => Promise<void>;
};

async function pgliteStorage(): Promise<Storage> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rt-crash-"));
  return {
    env: { PGLITE_DIR: dir },
    // Opening it here while the server is down also proves a killed server's lock does not block the next process.
    withDb: async (fn) => {
      const opened = await openDatabase({ pgliteDir: dir });
      try {
        return await fn(opened.db);
      } finally {
        await opened.close();
      }
    },
    lockHolder: () => {
      const file = path.join(dir, "roundtable.pid");
      return fs.existsSync(file) ? Number(fs.readFileSync(file, "utf8")) : null;
    },
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgresStorage(): Promise<Storage> {
  const t: TestDatabase = await createTestDatabase();
  return { env: { DATABASE_URL: t.url! }, withDb: (fn) => fn(t.db), lockHolder: () => null, cleanup: () => t.drop() };
}

type Server = { child: ChildProcess; output: () => string };

async function startServer(port: number, storage: Storage): Promise<Server> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: "127.0.0.1", PUBLIC_ORIGIN: `http://localhost:${port}`, NODE_ENV: "production", ...storage.env };
  if (!storage.env.DATABASE_URL) delete env.DATABASE_URL;
  delete env.REDIS_URL;
  // node --import tsx, not the tsx wrapper: SIGKILL must reach the process that serves.
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early (seed ${seed}):\n${output}`);
    if (Date.now() > deadline) throw new Error(`server did not become healthy (seed ${seed}):\n${output}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (ok) return { child, output: () => output };
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function kill9(server: Server) {
  if (server.child.exitCode !== null) return;
  server.child.kill("SIGKILL");
  await once(server.child, "exit");
}

/** One typist: a provider that types markers and remembers which acknowledgement covers each. */
class Typist {
  readonly markers: { text: string; socket: number; seq: number | null }[] = [];
  private readonly acked = new Set<string>();
  constructor(
    readonly name: string,
    readonly client: CollabClient,
  ) {
    client.onAck((socket, n) => {
      for (const m of this.markers) if (m.socket === socket && m.seq !== null && m.seq <= n) this.acked.add(m.text);
    });
  }
  type(text: string) {
    const sentBefore = this.client.sent();
    const socket = this.client.socketNumber();
    typeInto(this.client, ` ${text}`);
    // Sent at once on an open socket: that message carries it. Otherwise a later SyncStep2 will.
    const seq = this.client.sent() > sentBefore ? this.client.sent() : null;
    this.markers.push({ text, socket, seq });
  }
  acknowledged() {
    return [...this.acked];
  }
}

const storageKind: [string, () => Promise<Storage>] = process.env.DATABASE_URL ? ["PostgreSQL", postgresStorage] : ["PGlite", pgliteStorage];

test(`every acknowledged edit survives kill -9 of the server (${storageKind[0]}; seed printed on failure)`, async () => {
  const rand = random(seed);
  const storage = await storageKind[1]();
  const port = await freePort();
  const target: CollabTarget = { url: `http://127.0.0.1:${port}`, services: { config: { publicOrigin: `http://localhost:${port}` } } };
  const typists: Typist[] = [];
  let server: Server | null = null;
  try {
    const { documentName, cookie, coauthorCookie } = await storage.withDb(async (db) => {
      const draft = await createDraftToEdit(db);
      const coauthor = await createCoauthor(db, { moduleId: draft.module.id, orgId: draft.org.id });
      return { documentName: draft.documentName, cookie: draft.cookie, coauthorCookie: coauthor.cookie };
    });
    // Production cookies carry the __Host- prefix.
    const asProduction = (c: string) => c.replace(/^rt_session=/, "__Host-rt_session=");
    server = await startServer(port, storage);
    for (const [name, c] of [["lead", cookie], ["lead-tab-2", cookie], ["coauthor", coauthorCookie]] as const) {
      const client = connectClient(target, documentName, asProduction(c));
      client.provider.maxBackoffTime = 200; // back as soon as the server is
      typists.push(new Typist(name, client));
    }

    let counter = 0;
    const acknowledgedPerRound: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      await eventually(() => expect(typists.every((t) => t.client.provider.synced)).toBe(true), 10_000);
      // Type for a random while, then kill at a random moment in mid-stream.
      const lifetime = 300 + rand() * 1200;
      const until = Date.now() + lifetime;
      while (Date.now() < until) {
        const typist = typists[Math.floor(rand() * typists.length)]!;
        typist.type(`m${round}x${++counter}x${typist.name}`);
        await new Promise((r) => setTimeout(r, 2 + rand() * 15));
      }
      const killedPid = server.child.pid!;
      await kill9(server);
      server = null;
      // On PGlite the killed process's lock is still there; the next process must see it is stale.
      if (storageKind[0] === "PGlite") expect(storage.lockHolder()).toBe(killedPid);
      // Acknowledgements already on the wire have arrived by now; none can come after.
      await new Promise((r) => setTimeout(r, 50));
      const acknowledged = typists.flatMap((t) => t.acknowledged());
      acknowledgedPerRound.push(acknowledged.length);
      const stored = await storage.withDb((db) => storedDocument(db, documentName));
      const missing = acknowledged.filter((m) => !stored.text.includes(m));
      expect(missing, `round ${round}, seed ${seed}: acknowledged but not stored`).toEqual([]);
      // Each round's typing was (at least partly) acknowledged, so each round tested something.
      expect(acknowledged.length, `round ${round}, seed ${seed}: something new was acknowledged`).toBeGreaterThan(acknowledgedPerRound.at(-2) ?? 0);
      server = await startServer(port, storage);
    }

    // Back up for good: everyone resends what was not stored, and all converge on every marker.
    const everything = typists.flatMap((t) => t.markers.map((m) => m.text));
    await eventually(() => {
      for (const t of typists) expect(t.client.provider.synced).toBe(true);
      const text = typists[0]!.client.text();
      for (const t of typists) expect(t.client.text()).toBe(text);
      expect(everything.filter((m) => !text.includes(m))).toEqual([]);
    }, 20_000);
    await eventually(() => {
      for (const t of typists) expect(t.client.acked()).toBe(t.client.sent());
    }, 10_000);
    server.child.kill("SIGTERM");
    const [code] = await once(server.child, "exit");
    expect(code, server.output()).toBe(0);
    server = null;
    const stored = await storage.withDb((db) => storedDocument(db, documentName));
    expect(everything.filter((m) => !stored.text.includes(m)), `seed ${seed}`).toEqual([]);
    expect(stored.text).toBe(typists[0]!.client.text());
  } finally {
    for (const t of typists) t.client.destroy();
    if (server) await kill9(server);
    await storage.cleanup();
  }
}, 150_000);
