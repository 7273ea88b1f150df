// npm run bench:formation-responsive — does the web process stay responsive
// while it forms groups? A production server (a child process, as `npm
// start` runs it) on a throwaway PGlite with one cohort of BENCH_PEOPLE
// (2,000) enrolled people. One client, one request at a time: the trivial
// route, the formation set-up page and (during the run) the plan page the
// browser polls, first with nothing running, then while a 30 s formation
// run of that cohort works in the server's worker thread. The ratio of the
// two is the cost of a run to everyone else using that process.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { openDatabase } from "../db/open-database";
import { cohortMembers, departments, sites, users } from "../db/schema";
import { createSession } from "../app/domain/accounts/sessions.server";
import { seededRandom } from "../app/domain/formation/random";
import { createOrg, createUser } from "../test/support/factories";
import { createCohort } from "../test/support/programme-factories";
import { freePort, startServer, stopServer } from "./server-process";

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 2_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** Sequential requests for `ms` (or `count`), one person's view of the latency. */
async function sample(url: string, cookie: string, { ms, count }: { ms?: number; count?: number }) {
  const times: number[] = [];
  const until = ms ? performance.now() + ms : Infinity;
  while (performance.now() < until && (count === undefined || times.length < count)) {
    const t = performance.now();
    const response = await fetch(url, { headers: { cookie } });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { n: times.length, p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1)! };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rt-bench-formation-responsive-"));
let server: Awaited<ReturnType<typeof startServer>> | undefined;
try {
  const opened = await openDatabase({ pgliteDir: dir });
  const db = opened.db;
  const org = await createOrg(db, { name: "Bench Formation Ltd", slug: `bench-formation-${process.pid}` });
  const admin = await createUser(db, { orgId: org.id, roles: ["org_admin"] });
  const deptIds = (await db.insert(departments).values(Array.from({ length: 12 }, (_, i) => ({ orgId: org.id, name: `Department ${i + 1}` }))).returning()).map((d) => d.id);
  const siteIds = (await db.insert(sites).values(Array.from({ length: 6 }, (_, i) => ({ orgId: org.id, name: `Site ${i + 1}` }))).returning()).map((s) => s.id);
  const random = seededRandom(7);
  const pick = <T>(list: T[]) => list[random.int(list.length)]!;
  const people: string[] = [];
  for (let i = 0; i < PEOPLE; i += 500) {
    const rows = await db
      .insert(users)
      .values(Array.from({ length: Math.min(500, PEOPLE - i) }, (_, k) => ({ email: `p${i + k}@bench.test`, name: `Person ${i + k}`, orgId: org.id, passwordHash: admin.passwordHash, departmentId: pick(deptIds), siteId: pick(siteIds) })))
      .returning({ id: users.id });
    people.push(...rows.map((r) => r.id));
  }
  // One manager for every seven people.
  for (let i = 7; i < people.length; i += 7) await db.update(users).set({ managerId: people[i - 7]! }).where(eq(users.id, people[i]!));
  const cohort = await createCohort(db, { orgId: org.id, createdBy: admin.id, name: "Bench cohort" });
  for (let i = 0; i < people.length; i += 1000) await db.insert(cohortMembers).values(people.slice(i, i + 1000).map((userId) => ({ cohortId: cohort.id, userId })));
  const cookie = `__Host-rt_session=${(await createSession(db, admin.id)).token}`;
  await opened.close();

  const port = await freePort();
  server = await startServer({ pgliteDir: dir }, port, { pinToCore: null });
  const base = `http://127.0.0.1:${port}`;
  const setup = `${base}/org/cohorts/${cohort.id}/formation`;
  await sample(`${base}/ping`, cookie, { count: 30 });
  await sample(setup, cookie, { count: 5 });
  const idle = { ping: await sample(`${base}/ping`, cookie, { count: 300 }), setup: await sample(setup, cookie, { count: 30 }) };

  const form = new URLSearchParams({ intent: "propose", groupSizeMin: "5", groupSizeMax: "8", mixDepartment: "strongly", mixSite: "a_little", mixNewTies: "strongly", managerApart: "on", maxPerDepartment: "2", sameTimeBand: "on", seconds: String(SECONDS) });
  const started = performance.now();
  const proposed = await fetch(setup, { method: "POST", redirect: "manual", body: form, headers: { cookie, origin: base, "content-type": "application/x-www-form-urlencoded" } });
  const location = proposed.headers.get("location");
  if (proposed.status !== 302 || !location) throw new Error(`propose answered ${proposed.status}: ${await proposed.text()}`);
  const proposeMs = performance.now() - started;
  const planUrl = base + location;
  // Measure inside the run, leaving its first and last seconds out.
  await new Promise((r) => setTimeout(r, 1000));
  const window = (SECONDS * 1000 - 3000) / 3;
  const busy = {
    ping: await sample(`${base}/ping`, cookie, { ms: window }),
    setup: await sample(setup, cookie, { ms: window }),
    plan: await sample(planUrl, cookie, { ms: window }),
  };
  const planId = location.split("/").pop()!;
  let status = "running";
  for (let i = 0; i < 120 && status === "running"; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    const page = await fetch(planUrl, { headers: { cookie } }).then((r) => r.text());
    status = page.includes("Compared with two simple ways of splitting") ? "proposed" : page.includes("Looking for the best groups") ? "running" : "other";
  }
  const f = (v: number) => v.toFixed(1);
  console.log(`\nformation run of ${PEOPLE.toLocaleString("en")} people for ${SECONDS} s in the server's worker; propose answered in ${f(proposeMs)} ms; plan ${planId} ended as ${status}\n`);
  console.log("| route | idle p50 | idle p95 | idle max | during run p50 | during run p95 | during run max | p95 ratio |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
  console.log(`| /ping (${idle.ping.n} idle, ${busy.ping.n} during) | ${f(idle.ping.p50)} | ${f(idle.ping.p95)} | ${f(idle.ping.max)} | ${f(busy.ping.p50)} | ${f(busy.ping.p95)} | ${f(busy.ping.max)} | ${(busy.ping.p95 / idle.ping.p95).toFixed(2)}× |`);
  console.log(`| formation set-up page (${idle.setup.n} idle, ${busy.setup.n} during) | ${f(idle.setup.p50)} | ${f(idle.setup.p95)} | ${f(idle.setup.max)} | ${f(busy.setup.p50)} | ${f(busy.setup.p95)} | ${f(busy.setup.max)} | ${(busy.setup.p95 / idle.setup.p95).toFixed(2)}× |`);
  console.log(`| plan page while running (${busy.plan.n}) | – | – | – | ${f(busy.plan.p50)} | ${f(busy.plan.p95)} | ${f(busy.plan.max)} | – |`);
} finally {
  if (server) await stopServer(server);
  fs.rmSync(dir, { recursive: true, force: true });
}
