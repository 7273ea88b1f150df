// npm run bench:http — requests/s, latency and the server's CPU time per
// request of the trivial route, the catalogue, search and the reader, side by
// side in one run, on embedded PGlite and on PostgreSQL, with a bare Remix v2
// app on the same Express as the peer of the trivial route. Each server runs
// pinned to core 0 (taskset), this load generator on core 1. Prints Markdown
// tables for bench/README.md.
//
// Knobs: BENCH_DB=pglite,postgres  BENCH_SIZES=2000,10000 (modules, seeded in
// turn)  BENCH_ROUTES=peer,trivial,catalogue,search,common,reader
// (jaSearch,jaCommon add as many Japanese modules as English ones)
// BENCH_DURATION=10 (s per route)  BENCH_CONNECTIONS=10
// BENCH_CPU_PROF=<dir> (every server started runs with node --cpu-prof).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import type { ChildProcess } from "node:child_process";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, type DatabaseTarget } from "../db/open-database";
import { createSession } from "../app/domain/accounts/sessions.server";
import { createOrg, createUser } from "../test/support/factories";
import { machineLine, percentile } from "./bench-company";
import { COMMON_WORDS_JA, RARE_WORD, RARE_WORD_JA, seedSyntheticModules } from "./seed-modules";
import { cpuSeconds, freePort, startServer, stopServer } from "./server-process";

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SOLO_REQUESTS = 200;
const BASE_PG = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const kinds = (process.env.BENCH_DB ?? "pglite,postgres").split(",");
const sizes = (process.env.BENCH_SIZES ?? "2000,10000").split(",").map(Number);
const BARE_REMIX = path.resolve(import.meta.dirname, "bare-remix");

type RouteKey = "peer" | "trivial" | "catalogue" | "search" | "common" | "reader" | "jaSearch" | "jaCommon";
type Route = { key: RouteKey; label: string; paths: (modules: number) => () => string };
const fixed = (p: string) => () => () => p;
// The reader visits every module in turn (a stride prime to the catalogue's size), so nothing per module is warm by luck.
const everyModule = (modules: number) => {
  let i = 0;
  return () => `/modules/bench-module-${(i++ * 7919) % modules}`;
};
const ROUTES: Route[] = [
  { key: "peer", label: "peer: bare Remix v2 app, same route (/ping)", paths: fixed("/ping") },
  { key: "trivial", label: "trivial route (/ping)", paths: fixed("/ping") },
  { key: "catalogue", label: "catalogue (/modules)", paths: fixed("/modules") },
  { key: "search", label: `search (/modules?q=${RARE_WORD})`, paths: fixed(`/modules?q=${RARE_WORD}`) },
  { key: "common", label: "search, common words (/modules?q=team+trust)", paths: fixed("/modules?q=team+trust") },
  { key: "reader", label: "reader (/modules/:slug, every module in turn)", paths: everyModule },
  // Japanese modules, as many again as the English ones, are seeded when these run (JAPANESE below).
  { key: "jaSearch", label: `Japanese search (/modules?q=${RARE_WORD_JA})`, paths: fixed(`/modules?q=${encodeURIComponent(RARE_WORD_JA)}`) },
  { key: "jaCommon", label: `Japanese search, common words (/modules?q=${COMMON_WORDS_JA.replace(" ", "+")})`, paths: fixed(`/modules?q=${encodeURIComponent(COMMON_WORDS_JA)}`) },
];
const chosen = new Set((process.env.BENCH_ROUTES ?? ROUTES.map((r) => r.key).join(",")).split(","));
const JAPANESE = chosen.has("jaSearch") || chosen.has("jaCommon");

type Row = {
  db: string;
  modules: number;
  key: RouteKey;
  route: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  soloP50: number;
  soloP95: number;
  cpuMsPerRequest: number;
};

/** One request at a time: the latency a person sees when the server is not queueing. */
async function soloLatency(base: string, next: () => string, cookie: string) {
  const times: number[] = [];
  for (let i = 0; i < 20; i++) await fetch(base + next(), { headers: { cookie } }).then((r) => r.arrayBuffer());
  for (let i = 0; i < SOLO_REQUESTS; i++) {
    const url = base + next();
    const t = performance.now();
    await fetch(url, { headers: { cookie } }).then((r) => r.arrayBuffer());
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { soloP50: percentile(times, 50), soloP95: percentile(times, 95) };
}

async function load(base: string, next: () => string, cookie: string, duration: number, onResponse?: (status: number, ms: number) => void) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: base, connections: CONNECTIONS, duration, headers: { cookie }, requests: [{ setupRequest: (req) => ({ ...req, path: next() }) }] },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    if (onResponse) instance.on("response", (_client, status, _bytes, ms) => onResponse(status, ms));
  });
}

async function measure(server: ChildProcess, base: string, next: () => string, cookie: string) {
  // Warm up first, so the JIT and caches are in the steady state.
  await load(base, next, cookie, 2);
  const latencies: number[] = [];
  let non2xx = 0;
  const cpuBefore = cpuSeconds(server);
  const result = await load(base, next, cookie, DURATION_S, (status, ms) => {
    latencies.push(ms);
    if (status !== 200) non2xx++;
  });
  const cpu = cpuSeconds(server) - cpuBefore;
  latencies.sort((a, b) => a - b);
  return {
    rps: result.requests.average,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? 0,
    errors: result.errors + result.timeouts + non2xx,
    cpuMsPerRequest: (1000 * cpu) / Math.max(1, latencies.length),
    ...(await soloLatency(base, next, cookie)),
  };
}

/** The peer's production build, in its own folder: never part of the app's build or tests. */
function buildBareRemix() {
  const result = spawnSync(path.resolve(import.meta.dirname, "../node_modules/.bin/remix"), ["build"], {
    cwd: BARE_REMIX,
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "production", NO_COLOR: "1" },
  });
  if (result.status !== 0) throw new Error(`building the bare Remix app failed:\n${result.stdout}${result.stderr}`);
}

async function measurePeer(db: string, modules: number, cookie: string): Promise<Row> {
  const port = await freePort();
  const server = await startServer(null, port, { script: path.join(BARE_REMIX, "server.ts"), readyPath: "/ping" });
  try {
    const route = ROUTES.find((r) => r.key === "peer")!;
    // The same cookie as ours gets, though nothing reads it.
    return { db, modules, key: route.key, route: route.label, ...(await measure(server, `http://127.0.0.1:${port}`, route.paths(modules), cookie)) };
  } finally {
    await stopServer(server);
  }
}

async function benchKind(kind: string): Promise<Row[]> {
  const rows: Row[] = [];
  let target: DatabaseTarget;
  let dropDb: (() => Promise<void>) | null = null;
  if (kind === "postgres") {
    const name = `rt_bench_${process.pid}`;
    const admin = postgres(BASE_PG, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${name}`);
    await admin.unsafe(`create database ${name}`);
    const url = new URL(BASE_PG);
    url.pathname = `/${name}`;
    target = { databaseUrl: url.toString() };
    dropDb = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    target = { pgliteDir: fs.mkdtempSync(path.join(os.tmpdir(), "rt-bench-")) };
  }

  try {
    let opened = await openDatabase(target);
    const org = await createOrg(opened.db);
    const author = await createUser(opened.db, { orgId: org.id, roles: ["thought_leader"] });
    const reader = await createUser(opened.db, { orgId: org.id, roles: ["participant"] });
    const { token } = await createSession(opened.db, reader.id);
    await opened.close();
    // NODE_ENV=production on the server, so the session cookie has its __Host- name.
    const cookie = `__Host-rt_session=${token}`;
    let seeded = 0;
    for (const modules of sizes) {
      // Seed with the server stopped: PGlite allows one process at a time.
      opened = await openDatabase(target);
      const t = Date.now();
      await seedSyntheticModules(opened.db, author.id, seeded, modules);
      if (JAPANESE) await seedSyntheticModules(opened.db, author.id, seeded, modules, "ja");
      // Autovacuum would have analysed the new rows by the time real traffic came; PGlite has no autovacuum.
      if (kind === "postgres") await opened.db.execute(sql`analyze`);
      console.error(`[${kind}] seeded ${(modules - seeded).toLocaleString("en")} modules (${modules.toLocaleString("en")} in all) in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      seeded = modules;
      await opened.close();

      if (chosen.has("peer")) {
        rows.push(await measurePeer(kind, modules, cookie));
        console.error(`[${kind}] ${rows.at(-1)!.route}: ${rows.at(-1)!.rps.toFixed(0)} req/s`);
      }
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const server = await startServer(target, port);
      try {
        for (const route of ROUTES.filter((r) => r.key !== "peer" && chosen.has(r.key))) {
          const first = route.paths(modules)();
          const check = await fetch(base + first, { headers: { cookie } });
          if (check.status !== 200) throw new Error(`${first} answered ${check.status}`);
          // A search that finds nothing would be fast for the wrong reason.
          const finds = route.key === "jaSearch" || route.key === "jaCommon" ? "/modules/bench-ja-module-" : "/modules/bench-module-";
          if (!(await check.text()).includes(finds)) throw new Error(`${first} found no ${finds}… module`);
          rows.push({ db: kind, modules, key: route.key, route: route.label, ...(await measure(server, base, route.paths(modules), cookie)) });
          console.error(`[${kind}] ${route.label} at ${modules}: ${rows.at(-1)!.rps.toFixed(0)} req/s`);
        }
      } finally {
        await stopServer(server);
      }
    }
  } finally {
    if (dropDb) await dropDb();
    else fs.rmSync((target as { pgliteDir: string }).pgliteDir, { recursive: true, force: true });
  }
  return rows;
}

if (chosen.has("peer")) buildBareRemix();
const all: Row[] = [];
for (const kind of kinds) all.push(...(await benchKind(kind)));

const fmt = (n: number | undefined, digits = 1) => (n === undefined || Number.isNaN(n) ? "–" : n.toFixed(digits));
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? "–" : `${((100 * a) / b).toFixed(0)}%`);
console.log(`\nRun ${machineLine()}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(", ")} at the end; server on core 0, load on core 1; ${CONNECTIONS} connections, ${DURATION_S} s per route after a 2 s warm-up.\n`);
console.log(`| database | modules | route | req/s (${CONNECTIONS} conn.) | p50 ms | p95 ms | p99 ms | max ms | req/s vs trivial | server CPU ms/req | 1 conn. p50 ms | 1 conn. p95 ms | errors |`);
console.log("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
const find = (r: Row, key: RouteKey) => all.find((x) => x.db === r.db && x.modules === r.modules && x.key === key);
for (const r of all) {
  console.log(
    `| ${r.db} | ${r.modules.toLocaleString("en")} | ${r.route} | ${r.rps.toFixed(0)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${fmt(r.max)} | ${ratio(r.rps, find(r, "trivial")?.rps)} | ${fmt(r.cpuMsPerRequest, 2)} | ${fmt(r.soloP50)} | ${fmt(r.soloP95)} | ${r.errors} |`,
  );
}
const pairs = all.filter((r) => r.key === "trivial" && find(r, "peer"));
if (pairs.length) {
  console.log("\n| database | modules | trivial route ÷ bare Remix, req/s | ÷ bare Remix, server CPU per request (peer ms ÷ ours ms) |");
  console.log("|---|---:|---:|---:|");
  for (const r of pairs) {
    const peer = find(r, "peer")!;
    console.log(`| ${r.db} | ${r.modules.toLocaleString("en")} | ${ratio(r.rps, peer.rps)} | ${ratio(peer.cpuMsPerRequest, r.cpuMsPerRequest)} |`);
  }
}
