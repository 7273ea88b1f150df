// The benchmarks' server: a production build started as `npm start` runs it,
// in a child process on a free port, against the database target given;
// pinned to core 0 unless told otherwise (the client then runs on core 1).
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import net from "node:net";
import path from "node:path";
import type { DatabaseTarget } from "../db/open-database";

const ROOT = path.resolve(import.meta.dirname, "..");

export async function freePort(): Promise<number> {
  const s = net.createServer().listen(0, "127.0.0.1");
  await once(s, "listening");
  const port = (s.address() as net.AddressInfo).port;
  s.close();
  return port;
}

export async function startServer(
  target: DatabaseTarget,
  port: number,
  { pinToCore = 0 as number | null, env: extraEnv = {} as Record<string, string> } = {},
): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", PUBLIC_ORIGIN: `http://127.0.0.1:${port}` };
  delete env.DATABASE_URL;
  delete env.REMIX_DEV_ORIGIN;
  if ("databaseUrl" in target) env.DATABASE_URL = target.databaseUrl;
  else env.PGLITE_DIR = target.pgliteDir!;
  Object.assign(env, extraEnv);
  const tsx = path.join(ROOT, "node_modules/.bin/tsx");
  const [command, args] = pinToCore === null ? [tsx, ["server/index.ts"]] : ["taskset", ["-c", String(pinToCore), tsx, "server/index.ts"]];
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${log}`);
    if (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)) return child;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not start:\n${log}`);
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill("SIGTERM");
  await once(child, "exit");
}
