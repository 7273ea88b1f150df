// npm run bench:insights — the insights page on a large organisation: 10,000
// people in 60 departments with three years of programme history (the
// generator bench:programme uses), 36 months of business figures per
// department and a quarterly survey of everyone, imported through the real
// import. One client, one request at a time, beside the trivial route: the
// page over 36 months as a returning visitor sees it (cached), and the same
// page built from nothing (every request a different filter, so each misses
// the cache). The server runs on core 0, this client on core 1.
import { openDatabase } from "../db/open-database";
import { and, eq } from "drizzle-orm";
import { departments, insightUnits, modules, programmeModules, sites, users } from "../db/schema";
import { assignExperiment } from "../app/domain/insights/experiments/assign-experiment.server";
import { registerExperiment } from "../app/domain/insights/experiments/register-experiment.server";
import { createExperiment } from "../app/domain/insights/experiments/save-experiment.server";
import { createSession } from "../app/domain/accounts/sessions.server";
import { generateCompany } from "../app/domain/demo/generate-company";
import { DEMO_SURVEY, generateDemoKpis, generateDemoSurvey } from "../app/domain/demo/generate-kpis";
import { writeCompany } from "../app/domain/demo/seed-company.server";
import { loadCompletedMonths, loadPresentMonths, readDensityCounts } from "../app/domain/insights/density.server";
import { demoKpiUnits } from "../app/domain/demo/seed-demo-insights.server";
import { importInsightsData } from "../app/domain/insights/import-insights-data.server";
import { addMonths, periodOf, periodsBetween } from "../app/domain/insights/period";
import { toCsvLine } from "../app/domain/orgs/parse-csv";
import { createOrg, createUser } from "../test/support/factories";
import { BENCH_SITES, benchSpec, latency, machineLine, percentile, throwawayTarget } from "./bench-company";
import { seedSyntheticModules } from "./seed-modules";
import { freePort, startServer, stopServer } from "./server-process";

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 10_000);
const UNITS = Number(process.env.BENCH_UNITS ?? 60);
const MONTHS = 36;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const COLD = 12;

const { target, kind, drop } = await throwawayTarget("insights");
try {
  const opened = await openDatabase(target);
  const db = opened.db;
  let t = Date.now();
  const org = await createOrg(db, { name: "Bench Insights Ltd", slug: `bench-insights-${process.pid}` });
  const admin = await createUser(db, { orgId: org.id, roles: ["org_admin"] });
  const actor = { id: admin.id, orgId: org.id, roles: ["org_admin" as const] };
  const author = await createUser(db, { orgId: org.id, roles: ["thought_leader"] });
  await seedSyntheticModules(db, author.id, 0, 24);
  const programme = await db.select({ id: modules.id, mindset: modules.mindset }).from(modules);
  await db.insert(programmeModules).values(programme.map((m) => ({ orgId: org.id, moduleId: m.id })));
  const names = Array.from({ length: UNITS }, (_, i) => `Department ${String(i + 1).padStart(2, "0")}`);
  const departmentIds = (await db.insert(departments).values(names.map((name) => ({ orgId: org.id, name }))).returning({ id: departments.id })).map((r) => r.id);
  const siteIds = (await db.insert(sites).values(BENCH_SITES.map((s) => ({ orgId: org.id, name: s.name }))).returning({ id: sites.id })).map((r) => r.id);
  const company = generateCompany(benchSpec(new Date(), programme, PEOPLE, names));
  await db.transaction(async (tx) => writeCompany(tx, company, { orgId: org.id, departmentIds, siteIds, passwordHash: admin.passwordHash, adminId: admin.id }));
  console.error(`[${kind}] ${company.people.length.toLocaleString("en")} people, ${company.attendance.length.toLocaleString("en")} attendance rows written in ${((Date.now() - t) / 1000).toFixed(1)} s`);

  // Business figures from the participation the page measures, as the demo does; then the survey.
  t = Date.now();
  const to = periodOf(new Date());
  const from = addMonths(to, -(MONTHS - 1));
  const density = await readDensityCounts(db, org.id, { level: "department", from, to, windowMonths: 3 });
  const kpis = generateDemoKpis(demoKpiUnits(density.units, density.counts), density.months, 7);
  const kpiText = ["unit,period,metric,value", ...kpis.map((r) => toCsvLine([r.unit, r.period.slice(0, 7), r.metric, String(r.value)]))].join("\n");
  const imported = await importInsightsData(db, actor, org.id, { kind: "kpis", level: "department", text: kpiText });
  if (!imported.ok) throw new Error(`KPI import failed: ${JSON.stringify(imported.errors.slice(0, 3))}`);
  // A registered, assigned experiment over all 60 departments, its outcome window the last 12 months.
  const eligible = (await db.select({ id: insightUnits.id }).from(insightUnits).where(and(eq(insightUnits.orgId, org.id), eq(insightUnits.kind, "department")))).map((u) => u.id).sort();
  const startsOn = addMonths(to, -11);
  const experiment = await createExperiment(db, actor, org.id, {
    title: "Bench experiment",
    initiative: "Alumni in the treated departments get a mentor.",
    hypothesis: "Operating margin improves in the treated departments.",
    unitKind: "department",
    eligible,
    outcomeKind: "kpi",
    outcome: "Operating margin (%)",
    startsOn,
    baselineMonths: 12,
    outcomeMonths: 12,
    strata: 3,
  });
  const registeredAt = new Date(`${addMonths(startsOn, -1)}T09:00:00Z`);
  await registerExperiment(db, actor, experiment.id, registeredAt);
  await assignExperiment(db, actor, experiment.id, { seed: 99, now: new Date(registeredAt.getTime() + 3_600_000) });
  const people = await db.select({ id: users.id, email: users.email }).from(users).where(eq(users.orgId, org.id));
  const ids = people.map((p) => p.id);
  const [present, completed] = await Promise.all([loadPresentMonths(db, org.id, ids, from, to), loadCompletedMonths(db, org.id, ids)]);
  const scores = generateDemoSurvey(
    people.map((p) => ({ email: p.email, firstPresent: [...(present.get(p.id) ?? [])].sort()[0] ?? null, completed: completed.get(p.id) ?? null })),
    periodsBetween(from, to),
    8,
  );
  for (let i = 0; i < scores.length; i += 40_000) {
    const text = ["email,period,instrument,score", ...scores.slice(i, i + 40_000).map((r) => toCsvLine([r.email, r.period.slice(0, 7), DEMO_SURVEY, String(r.score)]))].join("\n");
    const result = await importInsightsData(db, actor, org.id, { kind: "survey_scores", level: "department", text });
    if (!result.ok) throw new Error(`survey import failed: ${JSON.stringify(result.errors.slice(0, 3))}`);
  }
  console.error(`[${kind}] imported ${kpis.length.toLocaleString("en")} KPI rows and ${scores.length.toLocaleString("en")} survey scores in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  const cookie = `__Host-rt_session=${(await createSession(db, admin.id)).token}`;
  await opened.close();
  if (process.env.BENCH_SETUP_ONLY) throw new Error(`set up only: org ${org.id}, admin ${admin.id}`);

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = await startServer(target, port);
  const rows: { label: string; p50: number; p95: number }[] = [];
  try {
    const page = `/org/insights?level=department&from=${from.slice(0, 7)}&to=${to.slice(0, 7)}&window=3&metric=${encodeURIComponent("Operating margin (%)")}`;
    let started = performance.now();
    const first = await fetch(base + page, { headers: { cookie } });
    const html = await first.text();
    if (first.status !== 200 || !html.includes(`aria-label="Active share and Operating margin (%) per unit"`)) throw new Error(`${page} answered ${first.status} without the scatter: ${html.slice(0, 2000)}`);
    console.error(`first build of ${page}: ${(performance.now() - started).toFixed(0)} ms`);
    const measure = async (label: string, url: string) => {
      rows.push({ label, ...(await latency(url, cookie, REQUESTS)) });
      console.error(`${label}: p95 ${rows.at(-1)!.p95.toFixed(1)} ms`);
    };
    await measure("trivial route (/ping), signed in", `${base}/ping`);
    await measure(`/org/insights, ${MONTHS} months, ${UNITS} departments (cached)`, base + page);
    const result = `/org/insights/experiments/${experiment.id}`;
    started = performance.now();
    const check = await fetch(base + result, { headers: { cookie } });
    const resultHtml = await check.text();
    console.error(`first experiment result: ${(performance.now() - started).toFixed(0)} ms`);
    if (check.status !== 200 || !/difference in differences/i.test(resultHtml)) throw new Error(`${result} answered ${check.status} without a result`);
    await measure(`experiment result (/org/insights/experiments/:id), ${UNITS} departments`, base + result);
    await measure("CSV download of the scatter table (cached)", `${base}/org/insights/export?table=scatter&${page.split("?")[1]}`);
    // Built from nothing: each request a window the cache has not seen.
    const cold: number[] = [];
    for (let i = 0; i < COLD; i++) {
      started = performance.now();
      const res = await fetch(`${base}/org/insights?level=department&from=${from.slice(0, 7)}&to=${to.slice(0, 7)}&window=${(i % 12) + 1}&metric=${encodeURIComponent(i < 12 ? "Operating margin (%)" : "x")}`, { headers: { cookie } });
      await res.arrayBuffer();
      cold.push(performance.now() - started);
    }
    cold.sort((a, b) => a - b);
    rows.push({ label: `/org/insights, ${MONTHS} months, built from nothing (${COLD} different filters)`, p50: percentile(cold, 50), p95: percentile(cold, 95) });
  } finally {
    await stopServer(server);
  }
  console.log(`\nRun ${machineLine()}; ${kind}; server on core 0, client on core 1; ${PEOPLE.toLocaleString("en")} people, ${UNITS} departments, ${MONTHS} months, ${kpis.length.toLocaleString("en")} KPI values, ${scores.length.toLocaleString("en")} survey scores; ${REQUESTS} sequential requests per cached route after 20 to warm up.\n`);
  console.log("| route | p50 ms | p95 ms | p95 vs trivial |");
  console.log("|---|---:|---:|---:|");
  const trivial = rows[0]!;
  for (const r of rows) console.log(`| ${r.label} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${(r.p95 / trivial.p95).toFixed(1)}× |`);
} finally {
  // BENCH_KEEP=1 keeps the database for a closer look (its place is printed).
  if (process.env.BENCH_KEEP) console.error(`kept: ${JSON.stringify(target)}`);
  else await drop();
}
