// A server under test as the workloads see it: where the client in slot s of
// room r of a workload connects (URL, headers, document name), whether rooms
// start empty and need seeding, and, for ours, its /metrics counters. One
// Target lives for one workload; ours can be restarted on the same database.
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

export class Target {
  readonly tracker = new Tracker();
  readonly events = new ClientEvents();
  private starts = 0;
  private readonly previous: ServerProcess[] = [];

  private constructor(
    readonly kind: ServerKind,
    readonly workload: string,
    readonly port: number,
    private readonly ctx: TargetContext,
    public server: ServerProcess,
  ) {}

  static async start(kind: ServerKind, workload: string, ctx: TargetContext) {
    const port = await freePort();
    const target = new Target(kind, workload, port, ctx, null as unknown as ServerProcess);
    target.server = await target.launch();
    return target;
  }

  private launch() {
    const n = ++this.starts;
    const logFile = path.join(this.ctx.logDir, `${this.kind}-${this.workload}-${n}.log`);
    if (this.kind !== "ours") return startServer({ kind: this.kind, port: this.port, logFile });
    const ours = this.ctx.ours!;
    return startServer({
      kind: "ours",
      port: this.port,
      logFile,
      nodeFlags: ours.nodeFlags,
      // Every simulated person connects from 127.0.0.1: the per-address connection limit would stop the ladder.
      env: { ...ours.env, NODE_ENV: "production", HOST: "127.0.0.1", PUBLIC_ORIGIN: this.origin, COLLAB_MAX_CONNECTIONS_PER_ADDRESS: "1000000" },
    });
  }

  /** After a crash: the same port, the same database. */
  async restart() {
    this.previous.push(this.server);
    this.server = await this.launch();
    return this.server;
  }

  get origin() {
    return `http://127.0.0.1:${this.port}`;
  }

  /** CPU seconds of ours' PostgreSQL backends so far; null where there are none (PGlite runs inside the server). */
  async dbCpuSeconds(): Promise<number | null> {
    const backends = this.kind === "ours" ? this.ctx.ours?.backends : null;
    return backends ? backends.cpuSeconds() : null;
  }

  /** Rooms start empty on the servers without storage; their first writer seeds them. */
  get seeds() {
    return this.kind !== "ours";
  }

  documentName(group: string, room: number) {
    return this.kind === "ours" ? this.ctx.ours!.fixture.documents[group]!.names[room]! : `${group}-${room}`;
  }

  /** A new client for slot `slot` of room `room` (person room × perRoom + slot, for ours). */
  client(group: string, roomIndex: number, slot: number, perRoom: number, room: Room, opts: { withDocument: boolean; writerIndex?: number }) {
    const name = this.documentName(group, roomIndex);
    let url: string;
    let headers: Record<string, string> | undefined;
    if (this.kind === "ours") {
      url = `ws://127.0.0.1:${this.port}/collab/${name}`;
      headers = { Origin: this.origin, Cookie: this.ctx.ours!.fixture.cookies[roomIndex * perRoom + slot]! };
    } else if (this.kind === "ywebsocket") {
      url = `ws://127.0.0.1:${this.port}/${name}`;
    } else {
      url = `ws://127.0.0.1:${this.port}/`;
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

  /** Ours: the collaboration counters from /metrics (as a platform admin); null for the others. */
  async metrics(): Promise<Map<string, number> | null> {
    if (this.kind !== "ours" || !this.server.alive) return null;
    try {
      const res = await fetch(`${this.origin}/metrics`, { headers: { cookie: this.ctx.ours!.fixture.adminCookie } });
      if (!res.ok) return null;
      const values = new Map<string, number>();
      for (const line of (await res.text()).split("\n")) {
        const m = /^(roundtable_collab_\w+(?:\{[^}]*\})?) (\S+)$/.exec(line);
        if (m) values.set(m[1]!, Number(m[2]));
      }
      return values;
    } catch {
      return null;
    }
  }

  async stop() {
    await this.server.stop();
  }

  /** Warnings and errors logged by every process this target ran, e.g. "warn: collaboration message refused (rate_limited) ×3". */
  serverProblems(): string[] {
    const all = new Map<string, number>();
    for (const s of [...this.previous, this.server]) for (const [k, v] of s.problems) all.set(k, (all.get(k) ?? 0) + v);
    return [...all].map(([k, v]) => `${k} ×${v}`);
  }
}

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
