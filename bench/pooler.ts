// npm run bench:pooler — the same server on PostgreSQL, straight and through
// PgBouncer in transaction mode (DATABASE_POOLER=pgbouncer-transaction: no
// named prepared statements), side by side in one run: what the pooler a
// large installation needs costs per request (docs/scaling.md). Needs the
// pgbouncer binary (Debian: apt-get install pgbouncer); PgBouncer refuses to
// run as root, so it is started with -u postgres when we are root.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { openDatabase } from "../db/open-database";
import { createSession } from "../app/domain/accounts/sessions.server";
import { createOrg, createUser } from "../test/support/factories";
import { latency, machineLine, throwawayTarget } from "./bench-company";
import { RARE_WORD, seedSyntheticModules } from "./seed-modules";
import { freePort, startServer, stopServer } from "./server-process";

const PGBOUNCER = process.env.PGBOUNCER_BIN ?? "/usr/sbin/pgbouncer";
const MODULES = Number(process.env.BENCH_MODULES ?? 2000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 8);
if (!fs.existsSync(PGBOUNCER)) throw new Error(`${PGBOUNCER} not found: apt-get install pgbouncer, or set PGBOUNCER_BIN`);
process.env.DATABASE_URL ??= "postgres://postgres@127.0.0.1:5432/postgres";

const { target, drop } = await throwawayTarget("pooler");
if (!("databaseUrl" in target)) throw new Error("bench:pooler needs PostgreSQL");
const direct = new URL(target.databaseUrl);
let bouncer: ChildProcess | null = null;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rt-pgbouncer-"));
try {
  const opened = await openDatabase(target);
  const org = await createOrg(opened.db);
  const author = await createUser(opened.db, { orgId: org.id, roles: ["thought_leader"] });
  const reader = await createUser(opened.db, { orgId: org.id, roles: ["participant"] });
  const cookie = `__Host-rt_session=${(await createSession(opened.db, reader.id)).token}`;
  await seedSyntheticModules(opened.db, author.id, 0, MODULES);
  await opened.close();

  // Transaction pooling; the planner setting our search plans expect comes from connect_query.
  const bouncerPort = await freePort();
  const dbName = direct.pathname.slice(1);
  fs.chmodSync(dir, 0o777);
  fs.writeFileSync(path.join(dir, "users.txt"), `"${direct.username}" ""\n`);
  fs.writeFileSync(
    path.join(dir, "pgbouncer.ini"),
    [
      "[databases]",
      `${dbName} = host=${direct.hostname} port=${direct.port || 5432} dbname=${dbName} connect_query='set random_page_cost = 1.1'`,
      "[pgbouncer]",
      `listen_addr = 127.0.0.1`,
      `listen_port = ${bouncerPort}`,
      "auth_type = trust",
      `auth_file = ${path.join(dir, "users.txt")}`,
      "pool_mode = transaction",
      "default_pool_size = 10",
      "max_client_conn = 1000",
      `unix_socket_dir = ${dir}`,
      `logfile = ${path.join(dir, "pgbouncer.log")}`,
      "",
    ].join("\n"),
  );
  const asRoot = process.getuid?.() === 0;
  bouncer = spawn("taskset", ["-c", "0", PGBOUNCER, ...(asRoot ? ["-u", "postgres"] : []), path.join(dir, "pgbouncer.ini")], { stdio: "inherit" });
  await new Promise((r) => setTimeout(r, 500));
  const pooled = new URL(direct);
  pooled.port = String(bouncerPort);

  const routes: [string, string][] = [
    ["trivial route (/ping)", "/ping"],
    ["catalogue (/modules)", "/modules"],
    [`search (/modules?q=${RARE_WORD})`, `/modules?q=${RARE_WORD}`],
    ["reader (/modules/:slug)", `/modules/bench-module-${Math.min(1234, MODULES - 1)}`],
  ];
  const rows: { mode: string; route: string; rps: number; p50: number; p95: number; errors: number }[] = [];
  for (const [mode, env] of [
    ["straight to PostgreSQL (prepared statements)", { DATABASE_URL: direct.toString() }],
    ["through PgBouncer 1.18, transaction mode (no prepared statements)", { DATABASE_URL: pooled.toString(), DATABASE_POOLER: "pgbouncer-transaction", DATABASE_MIGRATION_URL: direct.toString() }],
  ] as const) {
    const port = await freePort();
    const server = await startServer(target, port, { env });
    try {
      for (const [label, route] of routes) {
        const url = `http://127.0.0.1:${port}${route}`;
        const check = await fetch(url, { headers: { cookie } });
        if (check.status !== 200) throw new Error(`${mode}: ${route} answered ${check.status}`);
        await autocannon({ url, connections: 10, duration: 2, headers: { cookie } });
        let errors = 0;
        const load = await new Promise<autocannon.Result>((resolve, reject) => {
          const run = autocannon({ url, connections: 10, duration: DURATION_S, headers: { cookie } }, (err, res) => (err ? reject(err) : resolve(res)));
          run.on("response", (_c, status) => void (status !== 200 && errors++));
        });
        rows.push({ mode, route: label, rps: load.requests.average, errors: errors + load.errors + load.timeouts, ...(await latency(url, cookie, REQUESTS)) });
        console.error(`${mode} ${label}: ${load.requests.average} req/s`);
      }
    } finally {
      await stopServer(server);
    }
  }
  console.log(`\nRun ${machineLine()}; PostgreSQL; server and PgBouncer on core 0, client on core 1; ${MODULES.toLocaleString("en")} modules; 10 connections for ${DURATION_S} s after 2 s of warm-up, then ${REQUESTS} sequential requests.\n`);
  console.log("| route | connection | req/s (10 conn.) | 1 conn. p50 ms | 1 conn. p95 ms | req/s vs straight | errors |");
  console.log("|---|---|---:|---:|---:|---:|---:|");
  for (const r of rows) {
    const straight = rows.find((x) => x.route === r.route)!;
    console.log(`| ${r.route} | ${r.mode} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${((100 * r.rps) / straight.rps).toFixed(0)}% | ${r.errors} |`);
  }
} finally {
  bouncer?.kill("SIGTERM");
  await drop();
  fs.rmSync(dir, { recursive: true, force: true });
}
