// npm run bench:collab — the collaboration server against @hocuspocus/server
// and @y/websocket-server under one workload: a connection ladder, a hot
// room, a join storm and (ours only) kill -9 while people type, and ours as
// two processes behind Redis. Each server runs pinned to core 0; this load
// generator runs on core 1 (the npm script starts it under taskset). Prints a
// Markdown report for bench/README.md on stdout and progress on stderr.
//
// Shorter runs: BENCH_STEP_SECONDS=3 BENCH_LADDER=150,500 BENCH_KILL_ROUNDS=2
// BENCH_SERVERS=ours,hocuspocus,ywebsocket BENCH_SKIP=ladder,hot,storm,durability,redis
// BENCH_DB=postgres|pglite BENCH_CPU_PROF=<dir> (ours runs with --cpu-prof),
// BENCH_DATABASE_URL (the PostgreSQL server; default postgres://postgres@127.0.0.1:5432/postgres),
// BENCH_KEEP_DB=1 (keep the throwaway database), and the workload sizes
// BENCH_HOT_CLIENTS, BENCH_HOT_WRITERS, BENCH_STORM_ROOMS, BENCH_DURABILITY_ROOMS;
// the two-process workload: BENCH_REDIS_LADDER (default the ladder's steps)
// and BENCH_REDIS_CORES (the cores of the two processes, default 0,0).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { largeModuleDoc, smallModuleDoc, yjsState } from "./collab/documents";
import { PgBackends } from "./collab/pg-backends";
import { createBenchDatabase, seedFixture, type BenchDatabase, type DocumentGroup } from "./collab/our-database";
import { renderReport, type Results } from "./collab/report";
import { freePort, SERVER_LABEL, startRedis, type ServerKind } from "./collab/servers";
import type { TargetContext } from "./collab/targets";
import { runDurability, runFleet, runHotRoom, runLadder, runStorm, type BenchConfig } from "./collab/workloads";

const env = process.env;
const list = (v: string | undefined, fallback: string) => (v ?? fallback).split(",").map((s) => s.trim()).filter(Boolean);

const cfg: BenchConfig = {
  stepSeconds: Number(env.BENCH_STEP_SECONDS ?? 15),
  ladder: list(env.BENCH_LADDER, "150,500,1000,1500,2000,3000")
    .map(Number)
    .sort((a, b) => a - b),
  perRoom: 5,
  hotClients: Number(env.BENCH_HOT_CLIENTS ?? 100),
  hotWriters: Number(env.BENCH_HOT_WRITERS ?? 10),
  stormRooms: Number(env.BENCH_STORM_ROOMS ?? 100),
  stormPerRoom: 5,
  durabilityRooms: Number(env.BENCH_DURABILITY_ROOMS ?? 100),
  killRounds: Number(env.BENCH_KILL_ROUNDS ?? 5),
  keystrokesPerSecond: 5,
};
const servers = list(env.BENCH_SERVERS, "ours,hocuspocus,ywebsocket") as ServerKind[];
const skip = new Set(list(env.BENCH_SKIP, ""));
const dbKind = env.BENCH_DB ?? "postgres";
const fleetLadder = list(env.BENCH_REDIS_LADDER, cfg.ladder.join(","))
  .map(Number)
  .sort((a, b) => a - b);
const fleetCores = list(env.BENCH_REDIS_CORES, "0,0");
const baseUrl = env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

for (const s of servers) if (!(s in SERVER_LABEL)) throw new Error(`BENCH_SERVERS: unknown server ${s} (ours, hocuspocus, ywebsocket)`);
for (const s of skip) if (!["ladder", "hot", "storm", "durability", "redis"].includes(s)) throw new Error(`BENCH_SKIP: unknown workload ${s} (ladder, hot, storm, durability, redis)`);
// PGlite is one process's database: two processes need PostgreSQL.
if (dbKind === "pglite") skip.add("redis");
if (fleetLadder.some((n) => !Number.isInteger(n) || n < cfg.perRoom)) throw new Error(`BENCH_REDIS_LADDER: connection counts of at least ${cfg.perRoom}`);
if (cfg.ladder.some((n) => !Number.isInteger(n) || n < cfg.perRoom)) throw new Error(`BENCH_LADDER: connection counts of at least ${cfg.perRoom}, e.g. 150,500`);

const progress = (msg: string) => console.error(`${new Date().toISOString().slice(11, 19)} ${msg}`);

/** Each socket is a file descriptor here (the client end) and in the server (the other end). */
function checkFileLimit() {
  const needed = Math.max(...(skip.has("ladder") ? [0] : cfg.ladder), ...(skip.has("redis") ? [0] : fleetLadder), cfg.stormRooms * (cfg.stormPerRoom + 1), cfg.hotClients) + 1000;
  const line = /Max open files\s+(\d+|unlimited)/.exec(fs.readFileSync("/proc/self/limits", "utf8"));
  const limit = line && line[1] !== "unlimited" ? Number(line[1]) : Infinity;
  if (limit < needed) throw new Error(`The open-file limit is ${limit}; this run needs about ${needed}. Raise it first: ulimit -n ${Math.max(needed, 8192)}`);
  const affinity = /Cpus_allowed_list:\s*(\S+)/.exec(fs.readFileSync("/proc/self/status", "utf8"))?.[1];
  progress(`load generator on CPUs ${affinity} (expected 1: run it through npm run bench:collab), open-file limit ${limit}`);
}

async function main() {
  checkFileLimit();
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), "rt-bench-collab-logs-"));
  progress(`server logs in ${logDir}`);
  const small = yjsState(smallModuleDoc());
  const large = yjsState(largeModuleDoc());
  progress(`documents: ${(small.length / 1024).toFixed(1)} KB (ladder, hot room, durability), ${(large.length / 1024).toFixed(1)} KB (join storm) as Yjs state`);

  const results: Results = { ladder: [], fleet: [], hot: [], storm: [], durability: [], failures: [] };
  let database: BenchDatabase | null = null;
  let backends: PgBackends | null = null;
  const ctx: TargetContext = { logDir };
  const cleanUp = async () => {
    await backends?.stop().catch(() => {});
    backends = null;
    if (database && !env.BENCH_KEEP_DB) await database.drop().catch((e) => progress(`dropping the bench database failed: ${e}`));
    database = null;
  };
  process.once("SIGINT", () => void cleanUp().finally(() => process.exit(130)));

  try {
    if (servers.includes("ours")) {
      database = await createBenchDatabase(dbKind, baseUrl);
      // The two-process workload types into the ladder's documents.
      const maxLadder = Math.max(skip.has("ladder") ? 0 : Math.max(...cfg.ladder), skip.has("redis") ? 0 : Math.max(...fleetLadder));
      const groups: DocumentGroup[] = [];
      if (maxLadder > 0) groups.push({ key: "ladder", rooms: Math.ceil(maxLadder / cfg.perRoom), perRoom: cfg.perRoom, doc: smallModuleDoc });
      if (!skip.has("hot")) groups.push({ key: "hot", rooms: 1, perRoom: cfg.hotClients, doc: smallModuleDoc });
      if (!skip.has("storm")) groups.push({ key: "storm", rooms: cfg.stormRooms, perRoom: cfg.stormPerRoom, doc: largeModuleDoc });
      if (!skip.has("durability")) groups.push({ key: "durability", rooms: cfg.durabilityRooms, perRoom: cfg.perRoom, doc: smallModuleDoc });
      const people = Math.max(maxLadder, ...groups.map((g) => g.rooms * g.perRoom));
      progress(`ours: seeding ${database.kind} with ${people} people and their modules`);
      const fixture = await seedFixture(database.target, people, groups, (m) => progress(`ours: ${m}`));
      const nodeFlags = env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(env.BENCH_CPU_PROF)}`] : [];
      if (database.name) {
        backends = new PgBackends(baseUrl, database.name);
        backends.start();
      }
      ctx.ours = { env: database.env, fixture, nodeFlags, backends };
    }

    const attempt = async (label: string, run: () => Promise<void>) => {
      try {
        await run();
      } catch (error) {
        const message = `${label}: ${(error as Error).message}`;
        results.failures.push(message);
        progress(`FAILED ${message}`);
      }
    };
    for (const kind of servers) {
      progress(`— ${SERVER_LABEL[kind]} —`);
      if (!skip.has("ladder")) await attempt(`${kind} ladder`, async () => void results.ladder.push(...(await runLadder(kind, ctx, cfg, small, progress))));
      if (!skip.has("hot")) await attempt(`${kind} hot room`, async () => void results.hot.push(await runHotRoom(kind, ctx, cfg, small, progress)));
      if (!skip.has("storm")) await attempt(`${kind} join storm`, async () => void results.storm.push(await runStorm(kind, ctx, cfg, large, progress)));
      if (kind === "ours" && !skip.has("durability")) await attempt("ours durability", async () => void results.durability.push(await runDurability(ctx, cfg, progress)));
      if (kind === "ours" && !skip.has("redis")) {
        await attempt("ours two processes", async () => {
          const redis = await startRedis(await freePort(), fleetCores[0]!, path.join(logDir, "redis.log"));
          try {
            progress(`ours: two processes on cores ${fleetCores.join(" and ")} behind a private Redis (${redis.url}), each room's clients split between them`);
            const fleet = { processes: 2, cores: fleetCores, redisUrl: redis.url, redisCpuSeconds: redis.cpuSeconds };
            results.fleet.push(...(await runFleet(ctx, cfg, fleet, fleetLadder, small, progress)));
          } finally {
            await redis.stop();
          }
        });
      }
    }
  } finally {
    await cleanUp();
  }
  console.log(
    "\n" +
      renderReport(results, cfg, servers, {
        database: dbKind === "pglite" ? "embedded PGlite, inside the server process" : "PostgreSQL, the bench database's backends pinned to core 0 beside the server",
        fleetCores,
      }),
  );
  if (results.failures.length) process.exitCode = 1;
}

await main();
