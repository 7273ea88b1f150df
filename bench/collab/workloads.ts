// The workloads, each against a freshly started server: the connection
// ladder (5 clients and 1 writer per room), one hot room, a join storm on
// 100 KB documents, and (ours only) kill -9 while people type. Every
// measured window types at 5 keystrokes/s per writer, after everyone synced.
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { LoadClient, Room } from "./load-client";
import { runQueueSeconds, type ServerKind } from "./servers";
import { passes } from "./report";
import { metricsDelta, Target, type Fleet, type TargetContext } from "./targets";
import { percentile } from "./tracker";

export type BenchConfig = {
  stepSeconds: number;
  ladder: number[];
  perRoom: number;
  hotClients: number;
  hotWriters: number;
  stormRooms: number;
  stormPerRoom: number;
  durabilityRooms: number;
  killRounds: number;
  keystrokesPerSecond: number;
};

export type LoadRow = {
  server: ServerKind;
  workload: "ladder" | "hot room" | "two processes";
  connections: number;
  rooms: number;
  writers: number;
  updatesInPerS: number;
  p50: number;
  p99: number;
  delivered: number;
  /** Updates expected at a reader that never arrived (grace included). */
  lost: number;
  serverCpuPct: number;
  /** Ours on PostgreSQL: its database backends' CPU, pinned to the server's core. */
  dbCpuPct: number;
  rssMb: number;
  rssPerConnKb: number;
  ackP50: number;
  ackP99: number;
  genCpuPct: number;
  genLoopP99: number;
  /** Connections of this step that never synced. */
  failedConnections: number;
  notes: string[];
};

export type StormRow = {
  server: ServerKind;
  clients: number;
  rooms: number;
  synced: number;
  allSyncedMs: number;
  p50Ms: number;
  p99Ms: number;
  serverCpuS: number;
  dbCpuS: number;
  rssMb: number;
  genCpuPct: number;
  notes: string[];
};

export type DurabilityRow = {
  server: ServerKind;
  rounds: number;
  rooms: number;
  connections: number;
  editsSent: number;
  acked: number;
  lostAcked: number;
  unackedLost: number;
  unackedKept: number;
  ackP50: number;
  ackP99: number;
  restartMedianS: number;
  notes: string[];
};

type Progress = (msg: string) => void;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const TEXT = "the quick brown fox jumps over the lazy dog while the group listens ";

/** Runs `fn` over 0..n-1, at most `concurrency` at a time. */
async function pool(n: number, concurrency: number, fn: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, concurrency) }, async () => {
      while (next < n) await fn(next++);
    }),
  );
}

/** Waits until the server uses under 5% of its core (compactions, unloads, GC after a workload). */
async function waitQuiet(t: Target, maxMs = 20_000) {
  const until = Date.now() + maxMs;
  while (Date.now() < until) {
    const c0 = t.cpuSeconds();
    await sleep(500);
    if ((t.cpuSeconds() - c0) / 0.5 < 0.05 * t.servers.length) return;
  }
}

async function closeAll(clients: LoadClient[]) {
  for (let i = 0; i < clients.length; i += 200) await Promise.all(clients.slice(i, i + 200).map((c) => c.close()));
}

type OpenRoom = { room: Room; clients: LoadClient[]; writers: LoadClient[] };

/**
 * One room: its first writer connects (and seeds the servers that start
 * empty), then everyone else. Clients that fail to connect are counted in
 * the target's events and left out.
 */
async function openRoom(t: Target, group: string, index: number, perRoom: number, writers: number, seed: Uint8Array | null): Promise<OpenRoom> {
  const room: Room = { name: t.documentName(group, index), clients: new Set() };
  const first = t.client(group, index, 0, perRoom, room, { withDocument: true, writerIndex: 0 });
  const clients: LoadClient[] = [first];
  try {
    await first.connected();
    if (seed && t.seeds) {
      first.seed(seed);
      await first.roundTrip();
    }
  } catch (error) {
    t.events.add("connect_failed");
    await first.close();
    return { room, clients: [], writers: [] };
  }
  const rest = Array.from({ length: perRoom - 1 }, (_, k) => t.client(group, index, k + 1, perRoom, room, { withDocument: k + 1 < writers, writerIndex: k + 1 }));
  const settled = await Promise.allSettled(rest.map((c) => c.connected()));
  settled.forEach((s, k) => {
    if (s.status === "fulfilled") clients.push(rest[k]!);
    else {
      t.events.add("connect_failed");
      void rest[k]!.close();
    }
  });
  return { room, clients, writers: clients.filter((c) => c.doc !== null) };
}

/** Starts every writer typing `keystrokesPerSecond`, each at its own phase; returns a stop function. */
function startTyping(writers: LoadClient[], perSecond: number, edit: (w: number, n: number) => { chars: string; onAck?: () => void }) {
  const period = 1000 / perSecond;
  const timers: NodeJS.Timeout[] = [];
  writers.forEach((writer, w) => {
    let n = 0;
    const tick = () => {
      const e = edit(w, n++);
      writer.type(e.chars, e.onAck);
    };
    timers.push(
      setTimeout(() => {
        tick();
        timers.push(setInterval(tick, period));
      }, Math.random() * period),
    );
  });
  return () => timers.forEach((t) => clearTimeout(t));
}

/** One measured window of typing on the rooms open now. */
async function measure(t: Target, cfg: BenchConfig, rooms: OpenRoom[], baselineRss: number, workload: LoadRow["workload"], progress: Progress): Promise<LoadRow> {
  const writers = rooms.flatMap((r) => r.writers);
  const connections = rooms.reduce((n, r) => n + r.room.clients.size, 0);
  const tracker = t.tracker;
  tracker.reset();
  t.events.clear();
  const m0 = await t.metrics();
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const db0 = await t.dbCpuSeconds();
  const cpu0 = t.cpuSeconds();
  const perProcess0 = t.servers.map((s) => s.cpuSeconds());
  const gen0 = process.cpuUsage();
  const wait0 = { server: t.runQueueSeconds(), gen: runQueueSeconds("self") };
  const started = performance.now();
  const windowFrom = (Date.now() - t.server.startedAt) / 1000;
  const redis0 = t.redisCpuSeconds();
  tracker.recording = true;
  const stop = startTyping(writers, cfg.keystrokesPerSecond, (_w, n) => ({ chars: TEXT[n % TEXT.length]! }));
  await sleep(cfg.stepSeconds * 1000);
  stop();
  tracker.recording = false;
  const wall = (performance.now() - started) / 1000;
  const serverCpuPct = (100 * (t.cpuSeconds() - cpu0)) / wall;
  const perProcessPct = t.servers.map((s, i) => (100 * (s.cpuSeconds() - perProcess0[i]!)) / wall);
  const db1 = await t.dbCpuSeconds();
  const dbCpuPct = db0 !== null && db1 !== null ? (100 * (db1 - db0)) / wall : NaN;
  const gen = process.cpuUsage(gen0);
  const genCpuPct = (100 * (gen.user + gen.system)) / 1e6 / wall;
  const rss = t.rssBytes();
  const waited = { server: (t.runQueueSeconds() - wait0.server) / wall, gen: (runQueueSeconds("self") - wait0.gen) / wall };
  // Late deliveries and acknowledgements of the window's keystrokes still count.
  const graceUntil = Date.now() + 5000;
  while (Date.now() < graceUntil && !(tracker.complete && (t.kind !== "ours" || tracker.acks.length >= tracker.updatesSent))) await sleep(50);
  loop.disable();
  const m1 = await t.metrics();
  const md = metricsDelta(m0, m1);
  const notes: string[] = [];
  if (t.events.total()) notes.push(`client saw: ${t.events.summary()}`);
  if (md.note) notes.push(md.note);
  // A shared machine shows here: time the pinned processes were runnable but another process had their core.
  if (waited.server > 0.02 || waited.gen > 0.02) notes.push(`waited for CPU: server ${(100 * waited.server).toFixed(0)}%, load generator ${(100 * waited.gen).toFixed(0)}% of the window`);
  if (t.servers.length > 1) notes.push(`CPU by process: ${perProcessPct.map((p) => `${p.toFixed(0)}%`).join(" + ")}, Redis ${((100 * (t.redisCpuSeconds() - redis0)) / wall).toFixed(0)}%`);
  const nominal = writers.length * cfg.keystrokesPerSecond * wall;
  if (tracker.updatesSent < 0.95 * nominal) notes.push(`load generator fell behind: ${tracker.updatesSent} of ${Math.round(nominal)} keystrokes sent`);
  const loopP99 = loop.percentile(99) / 1e6;
  if (loopP99 > 20) notes.push(`load-generator event-loop delay p99 ${loopP99.toFixed(0)} ms`);
  if (t.kind === "ours") {
    if (tracker.acks.length < tracker.updatesSent) notes.push(`${tracker.updatesSent - tracker.acks.length} keystrokes never acknowledged`);
    if (md.commits) notes.push(`${md.commits} group commits, mean ${md.commitMs.toFixed(1)} ms, p99 ${Number.isFinite(md.commitP99Ms) ? `≤ ${md.commitP99Ms} ms` : "over 5 s"}`);
  }
  const row: LoadRow = {
    server: t.kind,
    workload,
    connections,
    rooms: rooms.length,
    writers: writers.length,
    updatesInPerS: tracker.updatesSent / wall,
    p50: percentile(tracker.latencies, 50),
    p99: percentile(tracker.latencies, 99),
    delivered: tracker.expected ? tracker.received / tracker.expected : NaN,
    lost: Math.max(0, tracker.expected - tracker.received),
    serverCpuPct,
    dbCpuPct,
    rssMb: rss / 2 ** 20,
    rssPerConnKb: connections ? (rss - baselineRss) / 1024 / connections : NaN,
    ackP50: t.kind === "ours" ? percentile(tracker.acks, 50) : NaN,
    ackP99: t.kind === "ours" ? percentile(tracker.acks, 99) : NaN,
    genCpuPct,
    genLoopP99: loopP99,
    failedConnections: 0,
    notes,
  };
  progress(
    `[${t.kind}] ${workload} ${connections} conn (typing ${windowFrom.toFixed(0)}–${(windowFrom + wall).toFixed(0)} s after the server started): ${row.updatesInPerS.toFixed(0)} upd/s in, p50 ${row.p50.toFixed(1)} ms, p99 ${row.p99.toFixed(1)} ms, delivered ${(100 * row.delivered).toFixed(2)}%, server CPU ${serverCpuPct.toFixed(0)}%${Number.isFinite(dbCpuPct) ? ` + DB ${dbCpuPct.toFixed(0)}%` : ""}, RSS ${row.rssMb.toFixed(0)} MB${t.kind === "ours" ? `, ack p99 ${row.ackP99.toFixed(1)} ms` : ""}, load-gen CPU ${genCpuPct.toFixed(0)}%${notes.length ? ` — ${notes.join("; ")}` : ""}`,
  );
  return row;
}

export async function runLadder(kind: ServerKind, ctx: TargetContext, cfg: BenchConfig, seed: Uint8Array, progress: Progress): Promise<LoadRow[]> {
  return climb(await Target.start(kind, "ladder", ctx), cfg, cfg.ladder, seed, "ladder", progress);
}

/**
 * Ours as two processes behind Redis, every room's clients split between
 * them, climbing until p99 reaches 50 ms (or a step fails): the same rooms
 * and typing as the ladder, so the capacity compares with one process's.
 */
export async function runFleet(ctx: TargetContext, cfg: BenchConfig, fleet: Fleet, steps: number[], seed: Uint8Array, progress: Progress): Promise<LoadRow[]> {
  return climb(await Target.start("ours", "fleet", ctx, fleet), cfg, steps, seed, "two processes", progress);
}

async function climb(t: Target, cfg: BenchConfig, steps: number[], seed: Uint8Array, workload: LoadRow["workload"], progress: Progress): Promise<LoadRow[]> {
  const rows: LoadRow[] = [];
  const rooms: OpenRoom[] = [];
  const all: LoadClient[] = [];
  const label = workload === "ladder" ? `[${t.kind}] ladder` : `[${t.kind}] ${workload}`;
  try {
    await waitQuiet(t);
    const baselineRss = t.rssBytes();
    for (const load of steps) {
      const target = Math.ceil(load / cfg.perRoom);
      const from = rooms.length;
      const t0 = Date.now();
      t.events.clear();
      await pool(target - from, 20, async (k) => {
        const r = await openRoom(t, "ladder", from + k, cfg.perRoom, 1, seed);
        rooms.push(r);
        all.push(...r.clients);
      });
      const open = rooms.reduce((n, r) => n + r.room.clients.size, 0);
      progress(`${label}: ${open} connections open and synced (${((Date.now() - t0) / 1000).toFixed(1)} s to connect)${t.events.total() ? `; ${t.events.summary()}` : ""}`);
      const failedConnects = load - open;
      const whileConnecting = t.events.summary();
      await sleep(1000);
      const row = await measure(t, cfg, rooms, baselineRss, workload, progress);
      row.failedConnections = failedConnects;
      if (whileConnecting) row.notes.unshift(`while connecting, clients saw: ${whileConnecting}`);
      if (failedConnects > 0) row.notes.unshift(`${failedConnects} of ${load} connections failed`);
      rows.push(row);
      if (!t.alive) {
        row.notes.push("server died");
        break;
      }
      if (failedConnects > load * 0.1 || row.delivered < 0.5 || (workload === "two processes" && !passes(row))) {
        row.notes.push("ladder stopped here");
        break;
      }
    }
  } finally {
    await closeAll(all);
    await t.stop();
  }
  const problems = t.serverProblems();
  if (problems.length && rows.length) rows.at(-1)!.notes.push(`server logged during the ladder: ${problems.join("; ")}`);
  return rows;
}

export async function runHotRoom(kind: ServerKind, ctx: TargetContext, cfg: BenchConfig, seed: Uint8Array, progress: Progress): Promise<LoadRow> {
  const t = await Target.start(kind, "hot", ctx);
  let opened: OpenRoom | null = null;
  let row: LoadRow;
  try {
    await waitQuiet(t);
    const baselineRss = t.rssBytes();
    opened = await openRoom(t, "hot", 0, cfg.hotClients, cfg.hotWriters, seed);
    const synced = opened.room.clients.size;
    const whileConnecting = t.events.summary();
    progress(`[${kind}] hot room: ${synced} clients synced, ${opened.writers.length} writers${whileConnecting ? `; ${whileConnecting}` : ""}`);
    await sleep(1000);
    row = await measure(t, cfg, [opened], baselineRss, "hot room", progress);
    if (whileConnecting) row.notes.unshift(`while connecting, clients saw: ${whileConnecting}`);
    row.failedConnections = cfg.hotClients - synced;
    if (synced < cfg.hotClients) row.notes.unshift(`${cfg.hotClients - synced} of ${cfg.hotClients} connections failed`);
  } finally {
    if (opened) await closeAll(opened.clients);
    await t.stop();
  }
  const problems = t.serverProblems();
  if (problems.length) row.notes.push(`server logged: ${problems.join("; ")}`);
  return row;
}

export async function runStorm(kind: ServerKind, ctx: TargetContext, cfg: BenchConfig, largeState: Uint8Array, progress: Progress): Promise<StormRow> {
  const t = await Target.start(kind, "storm", ctx);
  const hosts: LoadClient[] = [];
  const clients: LoadClient[] = [];
  let row: StormRow;
  try {
    if (t.seeds) {
      // Without storage a document lives only while someone is in it: a host stays in each room.
      await pool(cfg.stormRooms, 10, async (i) => {
        const r = await openRoom(t, "storm", i, 1, 1, largeState);
        hosts.push(...r.clients);
      });
    } else {
      // Ours: open each document once, so its snapshot row exists, as for any draft opened before; then it unloads.
      await pool(cfg.stormRooms, 10, async (i) => {
        const r = await openRoom(t, "storm", i, cfg.stormPerRoom, 1, null);
        await closeAll(r.clients);
      });
    }
    await sleep(1000);
    await waitQuiet(t);
    t.events.clear();
    const db0 = await t.dbCpuSeconds();
    const cpu0 = t.server.cpuSeconds();
    const gen0 = process.cpuUsage();
    const wait0 = { server: t.server.runQueueSeconds(), gen: runQueueSeconds("self") };
    const t0 = performance.now();
    for (let i = 0; i < cfg.stormRooms; i++) {
      const room: Room = { name: t.documentName("storm", i), clients: new Set() };
      for (let s = 0; s < cfg.stormPerRoom; s++) clients.push(t.client("storm", i, s, cfg.stormPerRoom, room, { withDocument: false }));
    }
    const settled = await Promise.allSettled(clients.map((c) => c.connected()));
    const wall = (performance.now() - t0) / 1000;
    const serverCpuS = t.server.cpuSeconds() - cpu0;
    const db1 = await t.dbCpuSeconds();
    const gen = process.cpuUsage(gen0);
    const times = clients.filter((_c, i) => settled[i]!.status === "fulfilled").map((c) => c.syncedAt - t0);
    const failed = settled.filter((s) => s.status === "rejected") as PromiseRejectedResult[];
    const notes: string[] = [];
    const waited = { server: (t.server.runQueueSeconds() - wait0.server) / wall, gen: (runQueueSeconds("self") - wait0.gen) / wall };
    if (waited.server > 0.02 || waited.gen > 0.02) notes.push(`waited for CPU: server ${(100 * waited.server).toFixed(0)}%, load generator ${(100 * waited.gen).toFixed(0)}% of the storm`);
    if (failed.length) notes.push(`${failed.length} failed: ${String(failed[0]!.reason?.message ?? failed[0]!.reason)}`);
    if (t.events.total()) notes.push(`client saw: ${t.events.summary()}`);
    if (t.seeds) notes.push("documents held in memory by a host client");
    else notes.push("documents loaded from their stored snapshots");
    row = {
      server: kind,
      clients: clients.length,
      rooms: cfg.stormRooms,
      synced: times.length,
      allSyncedMs: times.length ? Math.max(...times) : NaN,
      p50Ms: percentile(times, 50),
      p99Ms: percentile(times, 99),
      serverCpuS,
      dbCpuS: db0 !== null && db1 !== null ? db1 - db0 : NaN,
      rssMb: t.server.rssBytes() / 2 ** 20,
      genCpuPct: (100 * (gen.user + gen.system)) / 1e6 / wall,
      notes,
    };
    progress(`[${kind}] join storm: ${row.synced}/${row.clients} synced, all in ${row.allSyncedMs.toFixed(0)} ms (p50 ${row.p50Ms.toFixed(0)}, p99 ${row.p99Ms.toFixed(0)}), server CPU ${serverCpuS.toFixed(2)} s${notes.length ? ` — ${notes.join("; ")}` : ""}`);
  } finally {
    await closeAll(clients);
    await closeAll(hosts);
    await t.stop();
  }
  const problems = t.serverProblems();
  if (problems.length) row.notes.push(`server logged: ${problems.join("; ")}`);
  return row;
}

/**
 * Ours only: writers type unique markers; at a random moment the server is
 * killed with SIGKILL and restarted on the same database; a fresh client then
 * reads each document and every acknowledged marker must be there.
 */
export async function runDurability(ctx: TargetContext, cfg: BenchConfig, progress: Progress): Promise<DurabilityRow> {
  const t = await Target.start("ours", "durability", ctx);
  const markers: { room: number; text: string; acked: boolean; lost?: boolean }[] = [];
  const restarts: number[] = [];
  let lostAcked = 0;
  let unackedLost = 0;
  let unackedKept = 0;
  const notes: string[] = [];
  t.tracker.reset();
  try {
    for (let round = 1; round <= cfg.killRounds; round++) {
      const rooms: OpenRoom[] = [];
      t.events.clear();
      await pool(cfg.durabilityRooms, 20, async (i) => {
        rooms[i] = await openRoom(t, "durability", i, cfg.perRoom, 1, null);
      });
      const clients = rooms.flatMap((r) => r.clients);
      const writers = rooms.map((r, i) => ({ writer: r.writers[0], room: i })).filter((w) => w.writer);
      if (t.events.total()) notes.push(`round ${round} connect: ${t.events.summary()}`);
      t.tracker.recording = true;
      const stop = startTyping(
        writers.map((w) => w.writer!),
        cfg.keystrokesPerSecond,
        (w, n) => {
          const marker = { room: writers[w]!.room, text: `[r${round}w${writers[w]!.room}n${n}]`, acked: false };
          markers.push(marker);
          return { chars: marker.text, onAck: () => (marker.acked = true) };
        },
      );
      const killAfter = 500 + Math.random() * Math.max(0, cfg.stepSeconds * 1000 - 500);
      await sleep(killAfter);
      // The keystrokes already sent are in flight when the signal lands; none is typed into a dead socket.
      stop();
      t.tracker.recording = false;
      for (const c of clients) c.closing = true;
      await t.server.crash();
      const r0 = Date.now();
      await t.restart();
      restarts.push((Date.now() - r0) / 1000);
      // A fresh client per document, on the restarted server.
      let roundLost = 0;
      await pool(cfg.durabilityRooms, 20, async (i) => {
        const verifier = t.client("durability", i, 0, cfg.perRoom, { name: t.documentName("durability", i), clients: new Set() }, { withDocument: true });
        try {
          await verifier.connected();
          const text = verifier.textContent();
          for (const m of markers) {
            if (m.room !== i) continue;
            const present = text.includes(m.text);
            if (m.acked && !present && !m.lost) {
              m.lost = true;
              roundLost++;
            }
            if (!m.acked && m.text.startsWith(`[r${round}w`)) present ? unackedKept++ : unackedLost++;
          }
        } catch (error) {
          notes.push(`round ${round}: could not read document ${i} after restart (${(error as Error).message})`);
        } finally {
          await verifier.close();
        }
      });
      lostAcked += roundLost;
      await closeAll(clients);
      const acked = markers.filter((m) => m.acked).length;
      progress(`[ours] durability round ${round}: killed after ${(killAfter / 1000).toFixed(1)} s, restarted in ${restarts.at(-1)!.toFixed(1)} s; ${acked} of ${markers.length} edits acknowledged so far, ${roundLost} acknowledged edits missing`);
    }
  } finally {
    await t.stop();
  }
  const problems = t.serverProblems();
  if (problems.length) notes.push(`server logged: ${problems.join("; ")}`);
  return {
    server: "ours",
    rounds: cfg.killRounds,
    rooms: cfg.durabilityRooms,
    connections: cfg.durabilityRooms * cfg.perRoom,
    editsSent: markers.length,
    acked: markers.filter((m) => m.acked).length,
    lostAcked,
    unackedLost,
    unackedKept,
    ackP50: percentile(t.tracker.acks, 50),
    ackP99: percentile(t.tracker.acks, 99),
    restartMedianS: percentile(restarts, 50),
    notes,
  };
}
