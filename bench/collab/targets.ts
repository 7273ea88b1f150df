// A server under test as the workloads see it: where the client in slot s of
// room r of a workload connects (URL, headers, document name), whether rooms
// start empty and need seeding, and, for ours, its /metrics counters. One
// Target lives for one workload; ours can be restarted on the same database,
// or run as several processes behind Redis, each room's clients split between them.
import path from "node:path";
import { ClientEvents, LoadClient, type Room } from "./load-client";
import type { PgBackends } from "./pg-backends";
import type { Fixture } from "./our-database";
import { Wire } from "./protocol";
import { DIALECT, freePort, startServer, type ServerKind, type ServerProcess } from "./servers";
import { Tracker } from "./tracker";

export type TargetContext = {
  logDir: string;
  /** Ours only: where its database is and who may connect. */
  ours?: { env: Record<string, string | undefined>; fixture: Fixture; nodeFlags: string[]; backends: PgBackends | null };
};

/** Ours as several processes behind Redis (the two-process workload): how many, on which cores, and where Redis is. */
export type Fleet = { processes: number; cores: string[]; redisUrl: string; redisCpuSeconds: () => number };

export class Target {
  readonly tracker = new Tracker();
  readonly events = new ClientEvents();
  private starts = 0;
  private readonly previous: ServerProcess[] = [];
  /** Every process under test; `server` is the first (the only one but for a fleet). */
  servers: ServerProcess[] = [];

  private constructor(
    readonly kind: ServerKind,
    readonly workload: string,
    readonly ports: number[],
    private readonly ctx: TargetContext,
    private readonly fleet: Fleet | null,
  ) {}

  static async start(kind: ServerKind, workload: string, ctx: TargetContext, fleet: Fleet | null = null) {
    const ports: number[] = [];
    for (let i = 0; i < (fleet?.processes ?? 1); i++) ports.push(await freePort());
    const target = new Target(kind, workload, ports, ctx, fleet);
    target.servers = await Promise.all(ports.map((port, i) => target.launch(port, i)));
    return target;
  }

  get server() {
    return this.servers[0]!;
  }

  get port() {
    return this.ports[0]!;
  }

  private launch(port: number, index: number) {
    const n = ++this.starts;
    const logFile = path.join(this.ctx.logDir, `${this.kind}-${this.workload}-${n}.log`);
    if (this.kind !== "ours") return startServer({ kind: this.kind, port, logFile });
    const ours = this.ctx.ours!;
    return startServer({
      kind: "ours",
      port,
      logFile,
      nodeFlags: ours.nodeFlags,
      core: this.fleet?.cores[index % this.fleet.cores.length],
      // Every simulated person connects from 127.0.0.1: the per-address connection limit would stop the ladder.
      env: {
        ...ours.env,
        NODE_ENV: "production",
        HOST: "127.0.0.1",
        PUBLIC_ORIGIN: originOf(port),
        COLLAB_MAX_CONNECTIONS_PER_ADDRESS: "1000000",
        ...(this.fleet ? { REDIS_URL: this.fleet.redisUrl } : {}),
      },
    });
  }

  /** After a crash: the same port, the same database (a single process). */
  async restart() {
    this.previous.push(this.server);
    this.servers = [await this.launch(this.port, 0)];
    return this.server;
  }

  get origin() {
    return originOf(this.port);
  }

  /** CPU seconds of ours' PostgreSQL backends so far; null where there are none (PGlite runs inside the server). */
  async dbCpuSeconds(): Promise<number | null> {
    const backends = this.kind === "ours" ? this.ctx.ours?.backends : null;
    return backends ? backends.cpuSeconds() : null;
  }

  /** User + system CPU seconds of every process under test. */
  cpuSeconds() {
    return this.servers.reduce((sum, s) => sum + s.cpuSeconds(), 0);
  }

  /** Seconds the processes' main threads waited for a CPU while runnable, added up. */
  runQueueSeconds() {
    return this.servers.reduce((sum, s) => sum + s.runQueueSeconds(), 0);
  }

  rssBytes() {
    return this.servers.reduce((sum, s) => sum + s.rssBytes(), 0);
  }

  /** CPU seconds of the fleet's Redis so far; 0 without one. */
  redisCpuSeconds() {
    return this.fleet?.redisCpuSeconds() ?? 0;
  }

  get alive() {
    return this.servers.every((s) => s.alive);
  }

  /** Rooms start empty on the servers without storage; their first writer seeds them. */
  get seeds() {
    return this.kind !== "ours";
  }

  documentName(group: string, room: number) {
    return this.kind === "ours" ? this.ctx.ours!.fixture.documents[group]!.names[room]! : `${group}-${room}`;
  }

  /**
   * A new client for slot `slot` of room `room` (person room × perRoom + slot,
   * for ours). With several processes the slots of a room alternate between
   * them, starting from a different one in each room, so every room is split
   * and the writers are spread evenly.
   */
  client(group: string, roomIndex: number, slot: number, perRoom: number, room: Room, opts: { withDocument: boolean; writerIndex?: number }) {
    const name = this.documentName(group, roomIndex);
    const port = this.ports[(roomIndex + slot) % this.ports.length]!;
    let url: string;
    let headers: Record<string, string> | undefined;
    if (this.kind === "ours") {
      url = `ws://127.0.0.1:${port}/collab/${name}`;
      headers = { Origin: originOf(port), Cookie: this.ctx.ours!.fixture.cookies[roomIndex * perRoom + slot]! };
    } else if (this.kind === "ywebsocket") {
      url = `ws://127.0.0.1:${port}/${name}`;
    } else {
      url = `ws://127.0.0.1:${port}/`;
    }
    return new LoadClient({
      url,
      headers,
      wire: new Wire(DIALECT[this.kind], name),
      room,
      tracker: this.tracker,
      events: this.events,
      withDocument: opts.withDocument,
      writerIndex: opts.writerIndex,
      name: `${group}-${roomIndex}-${slot}`,
    });
  }

  /** Ours: the collaboration counters from /metrics (as a platform admin), added up over its processes; null for the others. */
  async metrics(): Promise<Map<string, number> | null> {
    if (this.kind !== "ours" || !this.alive) return null;
    const total = new Map<string, number>();
    for (const port of this.ports) {
      try {
        const res = await fetch(`${originOf(port)}/metrics`, { headers: { cookie: this.ctx.ours!.fixture.adminCookie } });
        if (!res.ok) return null;
        for (const line of (await res.text()).split("\n")) {
          const m = /^(roundtable_collab_\w+(?:\{[^}]*\})?) (\S+)$/.exec(line);
          if (m) total.set(m[1]!, (total.get(m[1]!) ?? 0) + Number(m[2]));
        }
      } catch {
        return null;
      }
    }
    return total;
  }

  async stop() {
    await Promise.all(this.servers.map((s) => s.stop()));
  }

  /** Warnings and errors logged by every process this target ran, e.g. "warn: collaboration message refused (rate_limited) ×3". */
  serverProblems(): string[] {
    const all = new Map<string, number>();
    for (const s of [...this.previous, ...this.servers]) for (const [k, v] of s.problems) all.set(k, (all.get(k) ?? 0) + v);
    return [...all].map(([k, v]) => `${k} ×${v}`);
  }
}

const originOf = (port: number) => `http://127.0.0.1:${port}`;

/** Refusals and commit counts between two /metrics scrapes of ours, as a short note. */
export function metricsDelta(before: Map<string, number> | null, after: Map<string, number> | null) {
  if (!before || !after) return { note: "", commits: 0, commitMs: 0, commitP99Ms: NaN };
  const d = (k: string) => (after.get(k) ?? 0) - (before.get(k) ?? 0);
  const rejected: string[] = [];
  const buckets: { le: number; count: number }[] = [];
  for (const [k, v] of after) {
    const m = /^roundtable_collab_rejected_messages_total\{reason="([^"]+)"\}$/.exec(k);
    if (m && v - (before.get(k) ?? 0) > 0) rejected.push(`${m[1]}×${v - (before.get(k) ?? 0)}`);
    const b = /^roundtable_collab_commit_seconds_bucket\{le="([^"+]+)"\}$/.exec(k);
    if (b) buckets.push({ le: 1000 * Number(b[1]), count: d(k) });
  }
  const commits = d("roundtable_collab_commit_seconds_count");
  const commitMs = commits ? (1000 * d("roundtable_collab_commit_seconds_sum")) / commits : 0;
  // The histogram's bound at or above which 99% of the commits finished (cumulative buckets).
  const p99 = buckets.sort((a, b) => a.le - b.le).find((b) => b.count >= 0.99 * commits);
  return { note: rejected.length ? `server refused: ${rejected.join(", ")}` : "", commits, commitMs, commitP99Ms: commits ? (p99?.le ?? Infinity) : NaN };
}
