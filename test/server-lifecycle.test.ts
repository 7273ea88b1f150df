// The real process, as `npm start` runs it: first start creates the database
// and demo data, SIGTERM stops it cleanly, a second start keeps everything.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import { test as vitestTest } from "vitest";
import { DEMO_ACCOUNTS, describeDemoAccount } from "../app/domain/demo/seed-demo.server";

const root = path.resolve(import.meta.dirname, "..");

// Every process started here runs on embedded PGlite (DATABASE_URL is removed
// from its environment), so the PostgreSQL pass of CI would repeat the very
// same runs; they count once, in the PGlite pass.
const test = process.env.DATABASE_URL ? vitestTest.skip : vitestTest;

async function freePort() {
  const server = net.createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as net.AddressInfo).port;
  server.close();
  return port;
}

type Started = { child: ChildProcess; output: () => string; port: number };

async function start(dataDir: string): Promise<Started> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), PGLITE_DIR: dataDir, NODE_ENV: "development" };
  delete env.DATABASE_URL;
  const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["server/index.ts"], { cwd: root, env });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`server did not become healthy:\n${output}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (ok) return { child, output: () => output, port };
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function stop(s: Started) {
  s.child.kill("SIGTERM");
  const [code] = await once(s.child, "exit");
  return code as number | null;
}

/** Every line the first start prints, in the order it prints them. */
const STARTUP_LINES = [
  /^$/,
  /^  Roundtable is running at http:\/\/localhost:\d+$/,
  /^  Database: embedded PGlite in \S+ \(demo data created\)$/,
  /^  Modules from content\/: \d+ new, \d+ updated, \d+ unchanged$/,
  /^  Email: kept in the outbox, readable at \/admin\/outbox$/,
  /^  Demo sign-ins \(password: roundtable-demo\):$/,
  /^    \S+@demo\.test +[A-Z].+$/,
];

let dataDir: string;
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rt-lifecycle-"));
});
afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("the first start creates the database and demo data and prints the URL and sign-ins; SIGTERM stops it cleanly", async () => {
  const s = await start(dataDir);
  expect(s.output()).toContain(`Roundtable is running at http://localhost:${s.port}`);
  expect(s.output()).toContain("demo data created");
  expect(s.output()).toMatch(/admin@demo\.test\s+Platform admin/);
  expect(s.output()).toContain("roundtable-demo");
  // The sign-ins printed are the seed's accounts, in the app's words for roles.
  const printed = s.output().split("\n").flatMap((line) => /^ {4}(\S+@demo\.test) +(.+)$/.exec(line)?.slice(1, 3) ?? []);
  expect(printed).toEqual(DEMO_ACCOUNTS.flatMap((a) => [a.email, describeDemoAccount(a)]));
  expect(s.output()).not.toMatch(/thought_leader|platform_admin|org_admin/);
  // A newcomer's first start says only what they need, each line explaining itself: no warnings.
  const unexplained = s
    .output()
    .split("\n")
    .filter((line) => !STARTUP_LINES.some((known) => known.test(line)));
  expect(unexplained).toEqual([]);
  const res = await fetch(`http://127.0.0.1:${s.port}/healthz`);
  expect(await res.json()).toEqual({ ok: true });
  expect(await stop(s)).toBe(0);
  expect(s.output()).toContain("stopped cleanly");
}, 120_000);

test("a second start reuses the data: no new demo data, and the demo accounts still sign in", async () => {
  const s = await start(dataDir);
  try {
    expect(s.output()).not.toContain("demo data created");
    const res = await fetch(`http://127.0.0.1:${s.port}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: `http://localhost:${s.port}` },
      body: new URLSearchParams({ email: "alumna@demo.test", password: "roundtable-demo" }),
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("set-cookie")).toMatch(/^rt_session=[a-z2-7]{32};/);
  } finally {
    expect(await stop(s)).toBe(0);
  }
}, 120_000);

test("npm run backup asks the running server for its embedded database, and the server's backup channel closes with it", async () => {
  const s = await start(dataDir);
  const file = path.join(dataDir, "..", `${path.basename(dataDir)}-backup.tar.gz`);
  const channel = path.join(dataDir, "backup-channel.json");
  try {
    expect(fs.statSync(channel).mode & 0o777).toBe(0o600);
    const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: dataDir, LC_ALL: "C.UTF-8" };
    delete env.DATABASE_URL;
    const backup = spawn("npm", ["run", "--silent", "backup", "--", file], { cwd: root, env });
    let out = "";
    backup.stdout!.on("data", (d) => (out += d));
    backup.stderr!.on("data", (d) => (out += d));
    const [code] = await once(backup, "exit");
    expect(out).toMatch(new RegExp(`^Backed up \\d+ tables \\([\\d,]+ rows\\) of embedded PGlite in ${dataDir}`));
    expect(code).toBe(0);
    // The server wrote it (its log says so) and kept serving.
    await new Promise((r) => setTimeout(r, 100));
    expect(s.output()).toMatch(/"msg":"backup served","tables":\d+,"rows":\d+/);
    expect((await fetch(`http://127.0.0.1:${s.port}/healthz`)).ok).toBe(true);
  } finally {
    expect(await stop(s)).toBe(0);
    fs.rmSync(file, { force: true });
  }
  expect(fs.existsSync(channel)).toBe(false);
}, 180_000);

test("a second process on the same embedded database is refused with a clear message", async () => {
  const first = await start(dataDir);
  try {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), PGLITE_DIR: dataDir };
    delete env.DATABASE_URL;
    const second = spawn(path.join(root, "node_modules/.bin/tsx"), ["server/index.ts"], { cwd: root, env });
    let err = "";
    second.stderr!.on("data", (d) => (err += d));
    const [code] = await once(second, "exit");
    expect(code).toBe(1);
    expect(err).toContain(`Another Roundtable process (pid`);
  } finally {
    expect(await stop(first)).toBe(0);
  }
}, 120_000);

test("npm start checks the build, then runs the very entry these tests start", () => {
  const scripts = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).scripts as Record<string, string>;
  const files = [...scripts.start!.matchAll(/tsx (\S+)/g)].map((m) => m[1]!);
  expect(files).toEqual(["server/build-if-stale.ts", "server/index.ts"]);
  for (const file of files) expect(fs.existsSync(path.join(root, file)), file).toBe(true);
});

test("building for a first start prints one line of its own and no warnings", async () => {
  // In a scratch copy of the project, so the build the other tests serve is left alone.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "rt-build-"));
  try {
    for (const entry of ["app", "db", "server", "remix.config.js", "remix.env.d.ts", "package.json", "package-lock.json", "tsconfig.json"]) {
      fs.cpSync(path.join(root, entry), path.join(scratch, entry), { recursive: true });
    }
    fs.symlinkSync(path.join(root, "node_modules"), path.join(scratch, "node_modules"));
    const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["server/build-if-stale.ts"], { cwd: scratch, env: { ...process.env, NODE_ENV: "development" } });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (d) => (stdout += d));
    child.stderr!.on("data", (d) => (stderr += d));
    const [code] = await once(child, "exit");
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    // Not Remix's "building... (NODE_ENV=production)", which reads as if the start ran in production.
    expect(stdout).toMatch(/^Building the app, because there is no build yet… done in \d+\.\d s\.\n$/);
    expect(fs.existsSync(path.join(scratch, "build", "index.js"))).toBe(true);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}, 180_000);
