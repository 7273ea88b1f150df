// The large generated organisation the programme and insights benches share:
// twelve cohorts over three years (the demo company's generator,
// app/domain/demo/generate-company.ts), a throwaway database to hold it, and
// the one-client latency measurement.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { DatabaseTarget } from "../db/open-database";
import type { CohortPlan, CompanySpec, Site } from "../app/domain/demo/generate-company";

const DAY = 86_400_000;
const MONTH = 30.44 * DAY;

export const BENCH_DEPARTMENTS = ["Operations", "Maintenance", "Finance", "Customer Service", "People & Culture", "Logistics", "IT", "Procurement", "Sales", "Legal", "Engineering", "Quality"];
export const BENCH_SITES: Site[] = [
  { name: "Rotterdam", timeZone: "Europe/Amsterdam" },
  { name: "Leeds", timeZone: "Europe/London" },
  { name: "Lyon", timeZone: "Europe/Paris" },
  { name: "Hamburg", timeZone: "Europe/Berlin" },
  { name: "Gdańsk", timeZone: "Europe/Warsaw" },
  { name: "Porto", timeZone: "Europe/Lisbon" },
];

/** Twelve cohorts, one a quarter over three years, 108 groups of seven each (for 10,000 people): about 1,300 groups. */
export function benchSpec(now: Date, programme: { id: string; mindset: string }[], people: number, departments = BENCH_DEPARTMENTS): CompanySpec {
  const groupsPerCohort = Math.max(1, Math.round((108 * people) / 10_000));
  const cohorts: CohortPlan[] = Array.from({ length: 12 }, (_, i) => {
    const monthsAgo = 36 - i * 3;
    const old = monthsAgo > 24;
    return {
      key: `c${i}`,
      name: `Cohort ${i + 1}`,
      enrol: groupsPerCohort * 7,
      groups: groupsPerCohort,
      firstMeetingAt: new Date(now.getTime() - monthsAgo * MONTH + (i % 5) * DAY),
      meetingsPerCycle: 6,
      intervalMonths: 1,
      meetingMinutes: 90,
      alumniThreshold: 4,
      handoverFromMeeting: 4,
      groupSizeMin: 5,
      groupSizeMax: 8,
      timeZone: "Europe/Amsterdam",
      continueChance: 0.55,
      // The two oldest cohorts lost their sponsorship after two years; a third of their groups carried on.
      sponsorshipEndsAt: old ? new Date(now.getTime() - (monthsAgo - 24) * MONTH) : undefined,
      converts: old ? (g) => g % 3 === 0 : undefined,
      stepBackChance: 0.4,
    };
  });
  return {
    seed: 42,
    now,
    people,
    departments,
    sites: BENCH_SITES,
    emailDomain: "bench.example",
    fixed: [],
    facilitators: Math.max(2, Math.round((160 * people) / 10_000)),
    cohorts,
    modules: programme,
    continueVote: { rule: "majority_of_votes", quorumPercent: 50, windowDays: 14 },
  };
}

export function percentile(sorted: number[], p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

/** One request at a time, after a warm-up: the latency one person sees. */
export async function latency(url: string, cookie: string, requests: number) {
  for (let i = 0; i < 20; i++) await fetch(url, { headers: { cookie } }).then((r) => r.arrayBuffer());
  const times: number[] = [];
  for (let i = 0; i < requests; i++) {
    const t = performance.now();
    await fetch(url, { headers: { cookie } }).then((r) => r.arrayBuffer());
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

/** Embedded PGlite in a throwaway directory, or a throwaway database on the PostgreSQL server in DATABASE_URL. */
export async function throwawayTarget(label: string): Promise<{ target: DatabaseTarget; kind: string; drop: () => Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `rt-bench-${label}-`));
    return { target: { pgliteDir: dir }, kind: "PGlite", drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `rt_bench_${label}_${process.pid}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name}`);
  await admin.unsafe(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    target: { databaseUrl: url.toString() },
    kind: "PostgreSQL",
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export function machineLine() {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  return `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}
