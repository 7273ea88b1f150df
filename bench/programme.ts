// npm run bench:programme — the programme's pages on a large organisation:
// 10,000 people in about 1,300 groups with three years of cohorts, cycles,
// attendance, evaluations, votes and take-aways (the demo company's seeded
// generator, app/domain/demo/generate-company.ts, written in bulk). One
// client, one request at a time: p50/p95 of /programme for a participant and
// for a facilitator, the facilitator's home page, and a cohort's admin page,
// each beside the trivial route. Embedded PGlite in a throwaway directory, or
// a throwaway database on the PostgreSQL server in DATABASE_URL. The server
// runs pinned to core 0 (taskset), this client on core 1.
import os from "node:os";
import { and, eq, sql } from "drizzle-orm";
import { openDatabase } from "../db/open-database";
import { departments, groupMembers, modules, programmeModules, sites } from "../db/schema";
import { createSession } from "../app/domain/accounts/sessions.server";
import { generateCompany } from "../app/domain/demo/generate-company";
import { BENCH_DEPARTMENTS, BENCH_SITES, benchSpec, latency, throwawayTarget } from "./bench-company";
import { writeCompany } from "../app/domain/demo/seed-company.server";
import { createOrg, createUser } from "../test/support/factories";
import { seedSyntheticModules } from "./seed-modules";
import { freePort, startServer, stopServer } from "./server-process";

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 10_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);

const { target, kind, drop } = await throwawayTarget("programme");
try {
  // Seed with the server stopped: PGlite allows one process at a time.
  const opened = await openDatabase(target);
  const db = opened.db;
  let t = Date.now();
  const org = await createOrg(db, { name: "Bench Industries", slug: `bench-industries-${process.pid}` });
  const admin = await createUser(db, { orgId: org.id, roles: ["org_admin"] });
  const author = await createUser(db, { orgId: org.id, roles: ["thought_leader"] });
  await seedSyntheticModules(db, author.id, 0, 24);
  const programme = await db.select({ id: modules.id, mindset: modules.mindset }).from(modules);
  await db.insert(programmeModules).values(programme.map((m) => ({ orgId: org.id, moduleId: m.id })));
  const departmentIds = (await db.insert(departments).values(BENCH_DEPARTMENTS.map((name) => ({ orgId: org.id, name }))).returning({ id: departments.id })).map((r) => r.id);
  const siteIds = (await db.insert(sites).values(BENCH_SITES.map((s) => ({ orgId: org.id, name: s.name }))).returning({ id: sites.id })).map((r) => r.id);
  const company = generateCompany(benchSpec(new Date(), programme, PEOPLE));
  console.error(`generated ${company.people.length.toLocaleString("en")} people, ${company.groups.length.toLocaleString("en")} groups, ${company.cycles.length.toLocaleString("en")} cycles, ${company.meetings.length.toLocaleString("en")} meetings, ${company.attendance.length.toLocaleString("en")} attendance rows in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  t = Date.now();
  await db.transaction(async (tx) => writeCompany(tx, company, { orgId: org.id, departmentIds, siteIds, passwordHash: admin.passwordHash, adminId: admin.id }));
  console.error(`[${kind}] wrote the company in ${((Date.now() - t) / 1000).toFixed(1)} s`);

  // Who is measured: a member of a running cycle, the facilitator with the most groups, and the organisation's admin.
  const running = company.cycles.filter((c) => c.state === "running");
  const participantGroup = company.groups.find((g) => g.id === running.at(-1)!.groupId)!;
  const participantId = participantGroup.memberIds[0]!;
  const [busiest] = await db
    .select({ userId: groupMembers.userId, groups: sql<number>`count(*)::int` })
    .from(groupMembers)
    .where(and(eq(groupMembers.role, "facilitator")))
    .groupBy(groupMembers.userId)
    .orderBy(sql`count(*) desc`)
    .limit(1);
  const runningCohort = company.cohorts.find((c) => c.memberIds.includes(participantId))!;
  const cookieFor = async (userId: string) => `__Host-rt_session=${(await createSession(db, userId)).token}`;
  const cookies = { participant: await cookieFor(participantId), facilitator: await cookieFor(busiest!.userId), admin: await cookieFor(admin.id) };
  await opened.close();

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = await startServer(target, port);
  const routes: [string, string, string][] = [
    ["trivial route (/ping), signed in", "/ping", cookies.participant],
    ["/programme as a participant", "/programme", cookies.participant],
    [`/programme as a facilitator of ${busiest!.groups} groups`, "/programme", cookies.facilitator],
    ["home page (/) as that facilitator", "/", cookies.facilitator],
    ["home page (/) as the participant", "/", cookies.participant],
    ["cohort page (/org/cohorts/:id) as an admin", `/org/cohorts/${runningCohort.id}`, cookies.admin],
  ];
  const rows: { label: string; p50: number; p95: number }[] = [];
  const skipped: string[] = [];
  try {
    for (const [label, route, cookie] of routes) {
      const check = await fetch(base + route, { headers: { cookie } });
      if (check.status === 404 && route.startsWith("/org/cohorts/")) {
        skipped.push(`${label}: not in this build (404)`);
        continue;
      }
      if (check.status !== 200) throw new Error(`${route} answered ${check.status}`);
      rows.push({ label, ...(await latency(base + route, cookie, REQUESTS)) });
      console.error(`${label}: p50 ${rows.at(-1)!.p50.toFixed(1)} ms`);
    }
  } finally {
    await stopServer(server);
  }

  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  console.log(
    `\nRun ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${kind}; server on core 0, client on core 1; ${PEOPLE.toLocaleString("en")} people, ${company.groups.length.toLocaleString("en")} groups, ${company.meetings.length.toLocaleString("en")} meetings; ${REQUESTS} sequential requests per route after 20 to warm up.\n`,
  );
  console.log("| route | p50 ms | p95 ms | p50 vs trivial |");
  console.log("|---|---:|---:|---:|");
  const trivial = rows[0]!;
  for (const r of rows) console.log(`| ${r.label} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${(r.p50 / trivial.p50).toFixed(1)}× |`);
  for (const s of skipped) console.log(`\nSkipped: ${s}`);
} finally {
  await drop();
}
