// npm run bench:directory — searching the people directory (/people?q=) of
// one organisation with 100,000 listed people, beside the trivial route in
// the same run, on embedded PGlite and on PostgreSQL. The people are written
// in bulk through the schema (names from a fixed list, bios and expertise
// tags drawn with Zipf's law, so some words are everywhere and most are
// rare). The server runs pinned to core 0 (taskset), this client on core 1.
// Per route: 200 sequential requests on 1 connection after 20 to warm up,
// then 10 connections for BENCH_DURATION seconds.
//
// Knobs: BENCH_DB=pglite,postgres  BENCH_PEOPLE=100000  BENCH_REQUESTS=200
// BENCH_DURATION=10  BENCH_CONNECTIONS=10  BENCH_DATABASE_URL (the server
// that holds the throwaway PostgreSQL database)  BENCH_KEEP=1 (keep it).
// BENCH_ROUTES=trivial,browse,surname,fullname,skill picks routes; none
// measures nothing (to seed a database to keep).
import os from "node:os";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import { openDatabase } from "../db/open-database";
import { MINDSETS } from "../db/mindsets";
import { directoryProfiles, sites, users } from "../db/schema";
import { createSession } from "../app/domain/accounts/sessions.server";
import { createOrg, createUser } from "../test/support/factories";
import { BENCH_SITES, latency, machineLine, percentile, throwawayTarget } from "./bench-company";
import { freePort, startServer, stopServer } from "./server-process";

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const BASE_PG = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const kinds = (process.env.BENCH_DB ?? "pglite,postgres").split(",");

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const FIRST = `Anna Bram Carla Dirk Elif Femke Goran Hanna Ines Jonas Karin Lars Marta Nils Olga Pieter Quinn Rosa Sven Tessa Umar Vera Wim Xenia Yusuf Zofia
  Ahmed Bea Chloe Daan Emma Farid Greta Hugo Ida Jan Kofi Lena Milan Noor Otto Pia Rik Sara Tom Ula Victor Wanda Youssef Zeno`.split(/\s+/);
// Surnames from syllables: about 1,500 of them, each shared by a few dozen people.
const SYLLABLES = ["van", "der", "berg", "mo", "ren", "sta", "lin", "kov", "ber", "to", "ma", "sen", "dal", "ri", "hof", "ek", "ano", "vic", "ler", "son"];
const SURNAMES = Array.from({ length: 1500 }, (_, i) => {
  const s = SYLLABLES[i % 20]! + SYLLABLES[Math.floor(i / 20) % 20]! + SYLLABLES[Math.floor(i / 400) % 20]!;
  return s[0]!.toUpperCase() + s.slice(1);
});
const SKILLS = `safety lean maintenance budgeting negotiation hiring coaching logistics quality procurement forecasting scheduling
  onboarding audits pricing planning reporting compliance training sourcing warehousing inspection retention payroll automation
  analytics customer service sales marketing strategy offshore pumps valves turbines welding hydraulics electrics chemistry
  mentoring facilitation change recruitment tendering contracts leasing fleet routing packaging labelling recycling energy solar
  wind drilling mining refining casting machining assembly testing calibration metrology robotics sensors networks cloud security
  privacy legal tax treasury accounting invoicing credit insurance claims risk resilience continuity crisis communications press
  events branding design ergonomics wellbeing nutrition hygiene sterilisation nursing pharmacy laboratory radiology surgery triage
  rostering dispatch customs export import shipping rail aviation ports cranes forklifts scaffolding concrete steel timber glass`.split(/\s+/);
// Two-word tags ("offshore safety") in a fixed shuffled order, drawn with Zipf's law: a few tags are common, most rare,
// and each word is in 3–10% of people's tags.
const shuffle = rng(7);
const TAGS = SKILLS.flatMap((a, i) => SKILLS.slice(i + 1).map((b) => `${a} ${b}`))
  .map((tag) => [shuffle(), tag] as const)
  .sort((x, y) => x[0] - y[0])
  .map(([, tag]) => tag);
const BIO_WORDS = `years team site shift plant project people change customers suppliers budget quality safety leading running building
  improving managing coaching growing learning moving starting sharing`.split(/\s+/);

/** The searches measured: a surname's start (about 0.07% of people), a first name and surname, and a skill in about 3% of people's tags. */
const SURNAME_QUERY = SURNAMES[123]!.slice(0, 5).toLowerCase();
const FULL_NAME_QUERY = `${FIRST[7]} ${SURNAMES[123]}`;
const SKILL_QUERY = "compliance";

const ZIPF_CDF: number[] = [];
TAGS.reduce((sum, _t, i) => (ZIPF_CDF[i] = sum + 1 / (i + 1) ** 0.8), 0);
function zipfTag(rand: () => number) {
  const target = rand() * ZIPF_CDF[ZIPF_CDF.length - 1]!;
  let lo = 0;
  let hi = ZIPF_CDF.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ZIPF_CDF[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return TAGS[lo]!;
}

type Result = { db: string; route: string; soloP50: number; soloP95: number; rps: number; p95: number; errors: number };

async function underLoad(url: string, cookie: string) {
  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers: { cookie } });
  const latencies: number[] = [];
  let non200 = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers: { cookie } }, (err, res) => (err ? reject(err) : resolve(res)));
    run.on("response", (_client, status, _bytes, ms) => {
      latencies.push(ms);
      if (status !== 200) non200++;
    });
  });
  latencies.sort((a, b) => a - b);
  return { rps: result.requests.average, p95: percentile(latencies, 95), errors: result.errors + result.timeouts + non200 };
}

async function benchKind(kind: string): Promise<Result[]> {
  if (kind === "postgres") process.env.DATABASE_URL = BASE_PG;
  else delete process.env.DATABASE_URL;
  const { target, drop } = await throwawayTarget("directory");
  const results: Result[] = [];
  try {
    // Seed with the server stopped: PGlite allows one process at a time.
    const opened = await openDatabase(target);
    const db = opened.db;
    const org = await createOrg(db, { name: "Bench Directory", slug: `bench-directory-${process.pid}` });
    const viewer = await createUser(db, { orgId: org.id, roles: ["alumnus"] });
    const siteIds = (await db.insert(sites).values(BENCH_SITES.map((s) => ({ orgId: org.id, name: s.name }))).returning({ id: sites.id })).map((r) => r.id);
    const t = Date.now();
    const rand = rng(42);
    const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)]!;
    const BATCH = 2000;
    for (let start = 0; start < PEOPLE; start += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, PEOPLE - start) }, (_, k) => {
        const i = start + k;
        const tags = [...new Set([zipfTag(rand), zipfTag(rand), zipfTag(rand)])];
        const bio = Array.from({ length: 12 }, () => pick(BIO_WORDS)).join(" ");
        return {
          email: `person-${i}@directory.bench`,
          name: `${pick(FIRST)} ${SURNAMES[Math.floor(rand() * SURNAMES.length)]}`,
          orgId: org.id,
          siteId: pick(siteIds),
          passwordHash: viewer.passwordHash,
          bio: `${bio[0]!.toUpperCase()}${bio.slice(1)}.`,
          expertise: tags,
        };
      });
      await db.transaction(async (tx) => {
        const ids = await tx.insert(users).values(batch).returning({ id: users.id });
        await tx.insert(directoryProfiles).values(
          ids.map(({ id }) => ({ userId: id, listed: true, showBio: rand() < 0.3, showSite: rand() < 0.5, mindsetInterests: [pick([...MINDSETS])] })),
        );
      });
    }
    console.error(`[${kind}] wrote ${PEOPLE.toLocaleString("en")} listed people in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    // What autovacuum would do on a server after a bulk load; PGlite has no autovacuum, so it is left as a newcomer's would be.
    if (kind === "postgres") await db.execute(sql`vacuum analyze`);
    const counts = await db.execute(sql`
      select (select count(*)::int from users where name ilike ${`% ${SURNAME_QUERY}%`}) as surname,
             (select count(*)::int from users where ' ' || array_to_string(expertise, ' ') || ' ' like ${`% ${SKILL_QUERY} %`}) as skill`);
    const { surname, skill } = ((counts as unknown as { rows?: unknown[] }).rows?.[0] ?? (counts as unknown as unknown[])[0]) as { surname: number; skill: number };
    const cookie = `__Host-rt_session=${(await createSession(db, viewer.id)).token}`;
    await opened.close();

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server = await startServer(target, port);
    const chosen = new Set((process.env.BENCH_ROUTES ?? "trivial,browse,surname,fullname,skill").split(","));
    const routes = (
      [
        ["trivial", "trivial route (/ping)", "/ping"],
        ["browse", "directory, no search (/people)", "/people"],
        ["surname", `name, start of a surname (/people?q=${SURNAME_QUERY}; ${surname} people)`, `/people?q=${encodeURIComponent(SURNAME_QUERY)}`],
        ["fullname", `first name and surname (/people?q=${FULL_NAME_QUERY})`, `/people?q=${encodeURIComponent(FULL_NAME_QUERY)}`],
        ["skill", `expertise word (/people?q=${SKILL_QUERY}; in ${skill} people's tags)`, `/people?q=${encodeURIComponent(SKILL_QUERY)}`],
      ] as const
    ).filter(([key]) => chosen.has(key));
    try {
      for (const [, label, route] of routes) {
        const check = await fetch(base + route, { headers: { cookie } });
        if (check.status !== 200) throw new Error(`${route} answered ${check.status}`);
        const solo = await latency(base + route, cookie, REQUESTS);
        const loaded = await underLoad(base + route, cookie);
        results.push({ db: kind, route: label, soloP50: solo.p50, soloP95: solo.p95, ...loaded });
        console.error(`[${kind}] ${label}: 1 connection p95 ${solo.p95.toFixed(1)} ms, ${loaded.rps.toFixed(0)} req/s`);
      }
    } finally {
      await stopServer(server);
    }
  } finally {
    // BENCH_KEEP=1 keeps the database for a closer look (its place is printed).
    if (process.env.BENCH_KEEP) console.error(`kept: ${JSON.stringify(target)}`);
    else await drop();
  }
  return results;
}

const all: Result[] = [];
for (const kind of kinds) all.push(...(await benchKind(kind)));
const load = os.loadavg().map((l) => l.toFixed(2)).join(", ");
console.log(
  `\nRun ${machineLine()}; load average ${load} at the end; server on core 0, client on core 1; ${PEOPLE.toLocaleString("en")} listed people in one organisation; ${REQUESTS} sequential requests per route after 20 to warm up, then ${CONNECTIONS} connections for ${DURATION_S} s.\n`,
);
console.log("| database | route | 1 conn. p50 ms | 1 conn. p95 ms | p50 vs trivial | req/s (10 conn.) | p95 ms (10 conn.) | req/s vs trivial | errors |");
console.log("|---|---|---:|---:|---:|---:|---:|---:|---:|");
for (const r of all) {
  const trivial = all.find((x) => x.db === r.db && x.route.startsWith("trivial"))!;
  console.log(
    `| ${r.db} | ${r.route} | ${r.soloP50.toFixed(1)} | ${r.soloP95.toFixed(1)} | ${(r.soloP50 / trivial.soloP50).toFixed(1)}× | ${r.rps.toFixed(0)} | ${r.p95.toFixed(1)} | ${((100 * r.rps) / trivial.rps).toFixed(0)}% | ${r.errors} |`,
  );
}
// A kept PostgreSQL database leaves throwawayTarget's admin connection open.
if (process.env.BENCH_KEEP) process.exit(0);
