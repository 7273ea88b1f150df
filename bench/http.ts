// npm run bench:http — requests/s and latency of the trivial route, the
// catalogue, search and the reader, side by side in one run, on embedded
// PGlite and on PostgreSQL. The server runs pinned to core 0 (taskset), this
// load generator on core 1. Prints a Markdown table for bench/README.md.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import postgres from "postgres";
import { openDatabase, type DatabaseTarget } from "../db/open-database";
import { createSession } from "../app/domain/accounts/sessions.server";
import { createOrg, createUser } from "../test/support/factories";
import { RARE_WORD, seedSyntheticModules } from "./seed-modules";
import { freePort, startServer, stopServer } from "./server-process";

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const BASE_PG = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const kinds = (process.env.BENCH_DB ?? "pglite,postgres").split(",");

type Row = { db: string; modules: number; route: string; rps: number; p50: number; p95: number; p99: number; errors: number; soloP50: number; soloP95: number };

function percentile(sorted: number[], p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

/** One request at a time: the latency a person sees when the server is not queueing. */
async function soloLatency(url: string, cookie: string) {
  const times: number[] = [];
  for (let i = 0; i < 20; i++) await fetch(url, { headers: { cookie } }).then((r) => r.arrayBuffer());
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    await fetch(url, { headers: { cookie } }).then((r) => r.arrayBuffer());
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { soloP50: percentile(times, 50), soloP95: percentile(times, 95) };
}

async function measure(url: string, cookie: string) {
  // Warm up first, so the JIT and caches are in the steady state.
  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers: { cookie } });
  const latencies: number[] = [];
  let non2xx = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers: { cookie } }, (err, res) => (err ? reject(err) : resolve(res)));
    instance.on("response", (_client, status, _bytes, ms) => {
      latencies.push(ms);
      if (status !== 200) non2xx++;
    });
  });
  latencies.sort((a, b) => a - b);
  return {
    ...(await soloLatency(url, cookie)),
    rps: result.requests.average,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: result.errors + result.timeouts + non2xx,
  };
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
    // Seed with the server stopped: PGlite allows one process at a time.
    let opened = await openDatabase(target);
    const org = await createOrg(opened.db);
    const author = await createUser(opened.db, { orgId: org.id, roles: ["thought_leader"] });
    const reader = await createUser(opened.db, { orgId: org.id, roles: ["participant"] });
    const { token } = await createSession(opened.db, reader.id);
    const cookie = `rt_session=${token}`;
    let t = Date.now();
    await seedSyntheticModules(opened.db, author.id, 0, 2000);
    console.error(`[${kind}] seeded 2,000 modules in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    await opened.close();

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    let server = await startServer(target, port);
    // NODE_ENV=production on the server, but the session cookie here is the plain one: config.isProduction adds __Host-.
    const prodCookie = `__Host-rt_session=${token}`;
    const routes: [string, string][] = [
      ["trivial route (/ping)", "/ping"],
      ["catalogue (/modules)", "/modules"],
      [`search (/modules?q=${RARE_WORD})`, `/modules?q=${RARE_WORD}`],
      ["search, common words (/modules?q=team+trust)", "/modules?q=team+trust"],
      ["reader (/modules/:slug)", "/modules/bench-module-1234"],
    ];
    for (const [label, route] of routes) {
      const check = await fetch(base + route, { headers: { cookie: prodCookie } });
      if (check.status !== 200) throw new Error(`${route} answered ${check.status}`);
      rows.push({ db: kind, modules: 2000, route: label, ...(await measure(base + route, prodCookie)) });
      console.error(`[${kind}] ${label}: ${rows.at(-1)!.rps.toFixed(0)} req/s`);
    }
    await stopServer(server);

    opened = await openDatabase(target);
    t = Date.now();
    await seedSyntheticModules(opened.db, author.id, 2000, 10000);
    console.error(`[${kind}] seeded 8,000 more modules in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    await opened.close();
    server = await startServer(target, port);
    for (const [label, route] of [routes[0]!, routes[2]!, routes[3]!]) {
      rows.push({ db: kind, modules: 10000, route: label, ...(await measure(base + route, prodCookie)) });
      console.error(`[${kind}] ${label} @10k: ${rows.at(-1)!.rps.toFixed(0)} req/s`);
    }
    await stopServer(server);
    void cookie;
  } finally {
    if (dropDb) await dropDb();
    else fs.rmSync((target as { pgliteDir: string }).pgliteDir, { recursive: true, force: true });
  }
  return rows;
}

const all: Row[] = [];
for (const kind of kinds) all.push(...(await benchKind(kind)));

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
console.log(`\nRun ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; server on core 0, load on core 1; ${CONNECTIONS} connections, ${DURATION_S} s per route after a 2 s warm-up.\n`);
console.log("| database | modules | route | req/s (10 conn.) | p50 ms | p95 ms | p99 ms | req/s vs trivial | 1 conn. p50 ms | 1 conn. p95 ms | errors |");
console.log("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const r of all) {
  const trivial = all.find((x) => x.db === r.db && x.modules === r.modules && x.route.startsWith("trivial"))!;
  console.log(`| ${r.db} | ${r.modules.toLocaleString("en")} | ${r.route} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${((100 * r.rps) / trivial.rps).toFixed(0)}% | ${r.soloP50.toFixed(1)} | ${r.soloP95.toFixed(1)} | ${r.errors} |`);
}
