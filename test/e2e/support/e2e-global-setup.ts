// Starts the real server (`tsx server/index.ts`) once for the e2e run, on a
// free port with a fresh embedded PGlite database, so the demo data is seeded.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const HOST = "127.0.0.1";
const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 20_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error("could not find a free port"))));
    });
  });
}

async function waitForHealthy(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = "no answer yet";
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited early (code ${child.exitCode}, signal ${child.signalCode})`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      const body = await res.text();
      if (res.ok && JSON.parse(body)?.ok === true) return;
      lastProblem = `HTTP ${res.status}: ${body.slice(0, 200)}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not become healthy within ${timeoutMs / 1000} s (last: ${lastProblem})`);
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export default async function setup(project: TestProject) {
  const port = await freePort();
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "roundtable-e2e-"));
  const logFile = path.join(tempDir, "server.log");
  const logStream = fs.createWriteStream(logFile);
  const baseUrl = `http://localhost:${port}`;

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    // Only reachable from this machine.
    HOST,
    PGLITE_DIR: path.join(tempDir, "pglite"),
    NODE_ENV: "development",
    PUBLIC_ORIGIN: baseUrl,
    // Every sign-in comes from 127.0.0.1; the default 30 a minute would throttle the suite.
    AUTH_RATE_LIMIT_PER_MINUTE: "1000",
  };
  delete env.DATABASE_URL;
  delete env.SMTP_URL;
  delete env.REMIX_DEV_ORIGIN;

  const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["server/index.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.pipe(logStream, { end: false });
  child.stderr!.pipe(logStream, { end: false });

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      if (!(await waitForExit(child, STOP_TIMEOUT_MS))) {
        console.error(`[e2e] the server did not stop within ${STOP_TIMEOUT_MS / 1000} s; killing it`);
        child.kill("SIGKILL");
        await waitForExit(child, 5_000);
      }
    }
    await new Promise<void>((resolve) => logStream.end(resolve));
  };

  try {
    await waitForHealthy(`http://${HOST}:${port}/healthz`, child, START_TIMEOUT_MS);
  } catch (error) {
    await stop();
    console.error(`[e2e] server log (${logFile}):\n${fs.readFileSync(logFile, "utf8")}`);
    fs.rmSync(tempDir, { recursive: true, force: true });
    throw error;
  }

  project.provide("baseUrl", baseUrl);

  return async () => {
    await stop();
    if (process.env.E2E_KEEP_TEMP) console.log(`[e2e] kept ${tempDir}`);
    else fs.rmSync(tempDir, { recursive: true, force: true });
  };
}
