// The Markdown report: one table per workload, capacity per server, and our
// targets beside our results.
import os from "node:os";
import type { BenchConfig, DurabilityRow, LoadRow, StormRow } from "./workloads";
import { SERVER_LABEL, type ServerKind } from "./servers";

export type Results = {
  ladder: LoadRow[];
  /** Ours as two processes behind Redis. */
  fleet: LoadRow[];
  hot: LoadRow[];
  storm: StormRow[];
  durability: DurabilityRow[];
  failures: string[];
};

const ms = (v: number) => (Number.isFinite(v) ? (v < 10 ? v.toFixed(1) : v.toFixed(0)) : "–");
const pct = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(v >= 0.9995 && v < 1 ? 3 : 2)}%` : "–");
const num = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString("en") : "–");
/** Ours' PostgreSQL backends; PGlite runs inside the server, the others store nothing. */
const db = (server: ServerKind, v: number) => (server !== "ours" ? "n/a" : Number.isFinite(v) ? `${num(v)}%` : "in server");
const notes = (n: string[]) => n.join("; ").replace(/\|/g, "\\|") || "";

export const PASS_P99_MS = 50;

/** A ladder step passes when p99 < 50 ms and every expected update arrived at every reader. */
export const passes = (r: LoadRow) => r.p99 < PASS_P99_MS && r.delivered >= 1 && r.failedConnections === 0;

/** RSS growth per connection between the lowest and the highest ladder step: what one more connection costs. */
export function marginalRssKb(rows: LoadRow[], server: ServerKind) {
  const mine = rows.filter((r) => r.server === server).sort((a, b) => a.connections - b.connections);
  const first = mine[0];
  const last = mine.at(-1);
  if (!first || !last || last.connections === first.connections) return NaN;
  return ((last.rssMb - first.rssMb) * 1024) / (last.connections - first.connections);
}

/** The highest step of an unbroken run of passing steps from the bottom of the ladder. */
export function capacity(rows: LoadRow[], server: ServerKind, cfg: BenchConfig) {
  let best: LoadRow | null = null;
  for (const r of rows.filter((r) => r.server === server).sort((a, b) => a.connections - b.connections)) {
    if (!passes(r)) break;
    best = r;
  }
  return best ? { connections: best.connections, updatesPerS: best.writers * cfg.keystrokesPerSecond, measured: best.updatesInPerS } : null;
}

export function renderReport(results: Results, cfg: BenchConfig, servers: ServerKind[], meta: { database: string; fleetCores: string[] }): string {
  const out: string[] = [];
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  out.push(
    `Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}. ` +
      `Server on core 0, load generator on core 1 (taskset); ours on ${meta.database}. ` +
      `${cfg.stepSeconds} s of typing per step at ${cfg.keystrokesPerSecond} keystrokes/s per writer (one update and one awareness message each).`,
    "",
  );

  if (results.ladder.length) {
    out.push(`### Connection ladder (${cfg.perRoom} clients per room, 1 writer per room)`, "");
    out.push("| server | connections | updates/s in | p50 ms | p99 ms | delivered | server CPU | DB CPU | RSS MB | RSS KB/conn | ack p50 / p99 ms | load-gen CPU | notes |");
    out.push("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    for (const r of results.ladder) {
      out.push(
        `| ${r.server} | ${num(r.connections)} | ${num(r.updatesInPerS)} | ${ms(r.p50)} | ${ms(r.p99)} | ${pct(r.delivered)} | ${num(r.serverCpuPct)}% | ${db(r.server, r.dbCpuPct)} | ${num(r.rssMb)} | ${ms(r.rssPerConnKb)} | ${r.server === "ours" ? `${ms(r.ackP50)} / ${ms(r.ackP99)}` : "n/a"} | ${num(r.genCpuPct)}% | ${notes(r.notes)} |`,
      );
    }
    out.push("", `Capacity: the highest step, climbing from the bottom, whose p99 is under ${PASS_P99_MS} ms with every update delivered to every reader and no failed connection.`, "");
    out.push("| server | capacity (connections) | capacity (updates/s in) | RSS per added connection, first to last step |", "|---|---:|---:|---:|");
    for (const s of servers) {
      if (!results.ladder.some((r) => r.server === s)) continue;
      const c = capacity(results.ladder, s, cfg);
      const top = Math.max(...results.ladder.filter((r) => r.server === s).map((r) => r.connections));
      const marginal = marginalRssKb(results.ladder, s);
      out.push(`| ${SERVER_LABEL[s]} | ${c ? `${num(c.connections)}${c.connections === top ? " (top of the ladder)" : ""}` : "below the first step"} | ${c ? num(c.updatesPerS) : "–"} | ${Number.isFinite(marginal) ? `${ms(marginal)} KB` : "–"} |`);
    }
    out.push("");
  }

  if (results.fleet.length) {
    out.push(`### Two processes behind Redis (ours; ${cfg.perRoom} clients per room split between the processes, 1 writer per room)`, "");
    out.push(
      `Both processes pinned to core${new Set(meta.fleetCores).size > 1 ? "s" : ""} ${meta.fleetCores.join(" and ")}, a private redis-server on core ${meta.fleetCores[0]}, the same database; each room's clients alternate between the processes, so every keystroke reaches half its readers through Redis. Climbs until p99 reaches ${PASS_P99_MS} ms.`,
      "",
    );
    out.push("| connections | updates/s in | p50 ms | p99 ms | delivered | lost | server CPU (both) | DB CPU | RSS MB (both) | ack p50 / p99 ms | load-gen CPU | notes |");
    out.push("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    for (const r of results.fleet) {
      out.push(
        `| ${num(r.connections)} | ${num(r.updatesInPerS)} | ${ms(r.p50)} | ${ms(r.p99)} | ${pct(r.delivered)} | ${num(r.lost)} | ${num(r.serverCpuPct)}% | ${db("ours", r.dbCpuPct)} | ${num(r.rssMb)} | ${ms(r.ackP50)} / ${ms(r.ackP99)} | ${num(r.genCpuPct)}% | ${notes(r.notes)} |`,
      );
    }
    const one = capacity(results.ladder, "ours", cfg);
    const two = capacity(results.fleet, "ours", cfg);
    out.push(
      "",
      `Capacity as two processes: ${two ? `${num(two.connections)} connections` : "below the first step"}; as one process in this run: ${one ? `${num(one.connections)} connections` : results.ladder.some((r) => r.server === "ours") ? "below the first step" : "not run"}${one && two ? ` (**${(two.connections / one.connections).toFixed(2)}×**)` : ""}.`,
      "",
    );
  }

  if (results.hot.length) {
    out.push(`### Hot room (1 room, ${cfg.hotClients} clients, ${cfg.hotWriters} writers)`, "");
    out.push("| server | updates/s in | updates/s out | p50 ms | p99 ms | delivered | server CPU | DB CPU | RSS MB | ack p50 / p99 ms | load-gen CPU | notes |");
    out.push("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    for (const r of results.hot) {
      out.push(
        `| ${r.server} | ${num(r.updatesInPerS)} | ${num(r.updatesInPerS * (r.connections - 1))} | ${ms(r.p50)} | ${ms(r.p99)} | ${pct(r.delivered)} | ${num(r.serverCpuPct)}% | ${db(r.server, r.dbCpuPct)} | ${num(r.rssMb)} | ${r.server === "ours" ? `${ms(r.ackP50)} / ${ms(r.ackP99)}` : "n/a"} | ${num(r.genCpuPct)}% | ${notes(r.notes)} |`,
      );
    }
    out.push("");
  }

  if (results.storm.length) {
    out.push(`### Join storm (${cfg.stormRooms * cfg.stormPerRoom} clients join ${cfg.stormRooms} documents of about 100 KB at once)`, "");
    out.push("| server | synced | all synced ms | p50 ms | p99 ms | server CPU s | DB CPU s | RSS MB after | load-gen CPU | notes |");
    out.push("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    for (const r of results.storm) {
      out.push(`| ${r.server} | ${r.synced}/${r.clients} | ${num(r.allSyncedMs)} | ${num(r.p50Ms)} | ${num(r.p99Ms)} | ${r.serverCpuS.toFixed(2)} | ${r.server !== "ours" ? "n/a" : Number.isFinite(r.dbCpuS) ? r.dbCpuS.toFixed(2) : "in server"} | ${num(r.rssMb)} | ${num(r.genCpuPct)}% | ${notes(r.notes)} |`);
    }
    out.push("");
  }

  if (results.durability.length) {
    out.push("### Durability (ours only: the others store nothing)", "");
    out.push("| rounds of kill -9 | connections | edits sent | acknowledged | acknowledged lost | unacknowledged lost / kept | ack p50 / p99 ms | restart s (median) | notes |");
    out.push("|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    for (const r of results.durability) {
      out.push(`| ${r.rounds} | ${r.connections} | ${num(r.editsSent)} | ${num(r.acked)} | **${r.lostAcked}** | ${r.unackedLost} / ${r.unackedKept} | ${ms(r.ackP50)} / ${ms(r.ackP99)} | ${r.restartMedianS.toFixed(1)} | ${notes(r.notes)} |`);
    }
    out.push("");
  }

  if (servers.includes("ours")) {
    out.push("### Targets (ours)", "");
    out.push("| target | result | met |", "|---|---|:---:|");
    const ours = results.ladder.filter((r) => r.server === "ours");
    const yes = (ok: boolean | null) => (ok === null ? "not run" : ok ? "yes" : "**no**");
    if (ours.length) {
      const c = capacity(results.ladder, "ours", cfg);
      out.push(`| capacity ≥ 3,000 updates/s in | ${c ? `${num(c.updatesPerS)} updates/s (${num(c.connections)} connections)` : "below the first step"} | ${yes(!!c && c.updatesPerS >= 3000)} |`);
      const at2000 = ours.find((r) => r.connections === 2000);
      out.push(`| p99 at 2,000 connections ≤ 25 ms | ${at2000 ? `${ms(at2000.p99)} ms` : "step not run"} | ${yes(at2000 ? at2000.p99 <= 25 : null)} |`);
      const top = ours.reduce((a, b) => (b.connections > a.connections ? b : a));
      const marginal = marginalRssKb(results.ladder, "ours");
      out.push(
        `| ≤ 40 KB RSS per additional connection | ${ms(top.rssPerConnKb)} KB at ${num(top.connections)} connections over the idle baseline${Number.isFinite(marginal) ? `; ${ms(marginal)} KB per connection added between the first and last step` : ""} | ${yes(top.rssPerConnKb <= 40)} |`,
      );
    }
    const acks: string[] = [];
    let acksOk: boolean | null = null;
    const ladder2000 = ours.find((r) => r.connections === 2000);
    for (const [label, v] of [
      ["ladder at 2,000 connections", ladder2000?.ackP99],
      ["durability run", results.durability[0]?.ackP99],
    ] as const) {
      if (v === undefined || !Number.isFinite(v)) continue;
      acks.push(`${ms(v)} ms (${label})`);
      acksOk = (acksOk ?? true) && v <= 100;
    }
    out.push(`| acknowledgement p99 ≤ 100 ms | ${acks.join(", ") || "not run"} | ${yes(acksOk)} |`);
    if (results.fleet.length) {
      const one = capacity(results.ladder, "ours", cfg);
      const two = capacity(results.fleet, "ours", cfg);
      const lost = results.fleet.reduce((n, r) => n + r.lost, 0);
      const ratio = one && two ? two.connections / one.connections : null;
      out.push(
        `| two processes behind Redis: capacity ≥ 1.8 × one process, 0 lost | ${two ? num(two.connections) : "below the first step"} against ${one ? num(one.connections) : "–"} connections${ratio !== null ? ` (${ratio.toFixed(2)}×)` : ""}, ${num(lost)} updates lost, processes on cores ${meta.fleetCores.join(" and ")} | ${yes(ratio === null ? null : ratio >= 1.8 && lost === 0)} |`,
      );
    }
    const storm = results.storm.find((r) => r.server === "ours");
    out.push(`| join storm ≤ 1.2 s | ${storm ? `${(storm.allSyncedMs / 1000).toFixed(2)} s` : "not run"} | ${yes(storm ? storm.synced === storm.clients && storm.allSyncedMs <= 1200 : null)} |`);
    const d = results.durability[0];
    out.push(`| acknowledged edits lost = 0 | ${d ? `${d.lostAcked} of ${num(d.acked)} over ${d.rounds} kills` : "not run"} | ${yes(d ? d.lostAcked === 0 : null)} |`);
    out.push("");
  }

  if (results.failures.length) {
    out.push("### Workloads that did not finish", "");
    for (const f of results.failures) out.push(`- ${f}`);
    out.push("");
  }
  return out.join("\n");
}
