// The benchmarks' server: a production build started as `npm start` runs it,
// in a child process on a free port, against the database target given;
// pinned to core 0 unless told otherwise (the client then runs on core 1).
// Node runs the script itself, with tsx as a loader, so the child's pid is
// the server's: its CPU time can be read, and BENCH_CPU_PROF=<dir> profiles it.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import type { DatabaseTarget } from "../db/open-database";

const ROOT = path.resolve(import.meta.dirname, "..");
const CLK_TCK = 100;

export async function freePort(): Promise<number> {
  const s = net.createServer().listen(0, "127.0.0.1");
  await once(s, "listening");
  const port = (s.address() as net.AddressInfo).port;
  s.close();
  return port;
}

type StartOptions = {
  pinToCore?: number | null;
  env?: Record<string, string>;
  /** Another server to run instead of ours (the bare Remix peer), answering `readyPath` when up. */
  script?: string;
  readyPath?: string;
  /** Called with everything the process writes to stdout and stderr, as it comes. */
  onOutput?: (chunk: string) => void;
};

export async function startServer(
  target: DatabaseTarget | null,
  port: number,
  { pinToCore = 0, env: extraEnv = {}, script = "server/index.ts", readyPath = "/healthz", onOutput }: StartOptions = {},
): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", PUBLIC_ORIGIN: `http://127.0.0.1:${port}` };
  delete env.DATABASE_URL;
  delete env.REMIX_DEV_ORIGIN;
  if (target && "databaseUrl" in target) env.DATABASE_URL = target.databaseUrl;
  else if (target) env.PGLITE_DIR = target.pgliteDir!;
  Object.assign(env, extraEnv);
  const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] : [];
  const node = [process.execPath, ...profile, "--import", "tsx", script];
  const [command, args] = pinToCore === null ? [node[0]!, node.slice(1)] : ["taskset", ["-c", String(pinToCore), ...node]];
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  const take = (d: Buffer) => {
    log += d;
    onOutput?.(String(d));
  };
  child.stdout!.on("data", take);
  child.stderr!.on("data", take);
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${log}`);
    if (await fetch(`http://127.0.0.1:${port}${readyPath}`).then((r) => r.ok, () => false)) return child;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not start:\n${log}`);
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill("SIGTERM");
  await once(child, "exit");
}

/** CPU seconds (user + system) the server process has used so far. */
export function cpuSeconds(child: ChildProcess): number {
  const stat = fs.readFileSync(`/proc/${child.pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}
