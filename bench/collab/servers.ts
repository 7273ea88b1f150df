// The three servers under test, each a child process pinned to core 0
// (taskset) and run by node itself with tsx as a loader, so the pid we hold
// is the server's: its CPU time comes from /proc/<pid>/stat and its memory
// from /proc/<pid>/status. Their logs go to a file; warnings and errors are
// tallied for the report.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import type { Dialect } from "./protocol";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export type ServerKind = "ours" | "hocuspocus" | "ywebsocket";

export const SERVER_LABEL: Record<ServerKind, string> = {
  ours: "Roundtable (ours)",
  hocuspocus: "@hocuspocus/server 3.4.4",
  ywebsocket: "@y/websocket-server 0.1.1",
};

export const DIALECT: Record<ServerKind, Dialect> = { ours: "y-websocket", hocuspocus: "hocuspocus", ywebsocket: "y-websocket" };

const SCRIPT: Record<ServerKind, string> = {
  ours: "server/index.ts",
  hocuspocus: "bench/collab/hocuspocus-server.ts",
  ywebsocket: "bench/collab/ywebsocket-server.ts",
};

const HEALTH_PATH: Record<ServerKind, string> = { ours: "/healthz", hocuspocus: "/", ywebsocket: "/" };

const CLK_TCK = 100; // getconf CLK_TCK on Linux

export type ServerOptions = {
  kind: ServerKind;
  port: number;
  env?: Record<string, string | undefined>;
  logFile: string;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeFlags?: string[];
  /** The core it is pinned to; 0 unless told. */
  core?: string;
};

export class ServerProcess {
  readonly startedAt = Date.now();
  /** Warnings and errors the server logged, by message (and reason, for ours). */
  readonly problems = new Map<string, number>();
  private exited = false;
  private partial = "";

  constructor(
    readonly options: ServerOptions,
    readonly child: ChildProcess,
  ) {
    const log = fs.createWriteStream(options.logFile, { flags: "a" });
    const onData = (chunk: Buffer) => {
      log.write(chunk);
      const text = this.partial + chunk.toString();
      const lines = text.split("\n");
      this.partial = lines.pop()!;
      for (const line of lines) this.tally(line);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", () => {
      this.exited = true;
      log.end();
    });
  }

  get pid() {
    return this.child.pid!;
  }

  get kind() {
    return this.options.kind;
  }

  get alive() {
    return !this.exited && this.child.exitCode === null && this.child.signalCode === null;
  }

  private tally(line: string) {
    let key: string | null = null;
    if (line.startsWith("{")) {
      try {
        const entry = JSON.parse(line) as { level?: string; msg?: string; reason?: string };
        if (entry.level === "warn" || entry.level === "error") key = `${entry.level}: ${entry.msg}${entry.reason ? ` (${entry.reason})` : ""}`;
      } catch {
        key = null;
      }
    } else if (/error|exception|closing connection|refused/i.test(line)) {
      key = line.slice(0, 120);
    }
    if (key) this.problems.set(key, (this.problems.get(key) ?? 0) + 1);
  }

  /** User + system CPU time so far, in seconds. */
  cpuSeconds(): number {
    return cpuSecondsOf(this.pid);
  }

  /** Seconds the server's main thread has waited for a CPU while runnable: other processes on its core. */
  runQueueSeconds(): number {
    return runQueueSeconds(this.pid);
  }

  /** Resident set size in bytes. */
  rssBytes(): number {
    const status = fs.readFileSync(`/proc/${this.pid}/status`, "utf8");
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    return kb ? Number(kb[1]) * 1024 : NaN;
  }

  async stop() {
    if (!this.alive) return;
    const exited = once(this.child, "exit");
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 20_000);
    await exited;
    clearTimeout(timer);
  }

  /** kill -9: no shutdown, no drain, nothing flushed. */
  async crash() {
    if (!this.alive) return;
    const exited = once(this.child, "exit");
    this.child.kill("SIGKILL");
    await exited;
  }
}

/** User + system CPU seconds of a process so far (/proc/<pid>/stat, all threads); NaN once it is gone. */
export function cpuSecondsOf(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 14 and 15 of stat (utime, stime); the slice starts at field 3.
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return NaN;
  }
}

/** From /proc/<pid>/schedstat: time on CPU, time runnable but waiting, timeslices (ns). */
export function runQueueSeconds(pid: number | "self"): number {
  try {
    return Number(fs.readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[1]) / 1e9;
  } catch {
    return NaN;
  }
}

export async function freePort() {
  const s = net.createServer().listen(0, "127.0.0.1");
  await once(s, "listening");
  const port = (s.address() as net.AddressInfo).port;
  s.close();
  await once(s, "close");
  return port;
}

export async function startServer(options: ServerOptions): Promise<ServerProcess> {
  const args = ["-c", options.core ?? "0", process.execPath, ...(options.nodeFlags ?? []), "--import", "tsx", SCRIPT[options.kind]];
  const env: Record<string, string | undefined> = { ...process.env, ...options.env, PORT: String(options.port) };
  delete env.REMIX_DEV_ORIGIN;
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const child = spawn("taskset", args, { cwd: ROOT, env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  const server = new ServerProcess(options, child);
  const url = `http://127.0.0.1:${options.port}${HEALTH_PATH[options.kind]}`;
  for (let i = 0; i < 600; i++) {
    if (!server.alive) throw new Error(`${options.kind} exited while starting; see ${options.logFile}`);
    if (await fetch(url).then((r) => r.ok, () => false)) return server;
    await new Promise((r) => setTimeout(r, 100));
  }
  await server.crash();
  throw new Error(`${options.kind} did not start within 60 s; see ${options.logFile}`);
}

/** A private redis-server for the two-process workload, pinned like the servers, with nothing saved to disk. */
export async function startRedis(port: number, core: string, logFile: string) {
  const log = fs.createWriteStream(logFile, { flags: "a" });
  const child = spawn("taskset", ["-c", core, "redis-server", "--bind", "127.0.0.1", "--port", String(port), "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`redis-server exited while starting; see ${logFile}`);
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.end();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (up) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    cpuSeconds: () => cpuSecondsOf(child.pid!),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    },
  };
}
