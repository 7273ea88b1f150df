// The embedded database belongs to one process at a time. While a server
// holds it, `npm run backup` asks that server over its channel, which answers
// only with the token in the data directory; with no server, the command
// opens the directory itself and lets it go again; and it never creates a
// database where there was none.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type OpenDatabase } from "../../db/open-database";
import { openBackupChannel } from "../../server/backup/local-backup-channel";
import { silentLog } from "../../server/log";
import { createOrg } from "../support/factories";
import { scratchPglite, type ScratchDatabase } from "../support/backup-databases";
import { runNpm } from "../support/backup-files";

let data: ScratchDatabase;
const folder = fs.mkdtempSync(path.join(os.tmpdir(), "rt-backup-channel-"));

beforeAll(async () => {
  data = await scratchPglite({ migrated: true });
  await data.inspect(async ({ db }) => void (await createOrg(db)));
}, 120_000);

afterAll(async () => {
  await data.drop();
  fs.rmSync(folder, { recursive: true, force: true });
});

async function holding<T>(fn: (opened: OpenDatabase) => Promise<T>): Promise<T> {
  const opened = await openDatabase({ pgliteDir: data.dir! });
  try {
    return await fn(opened);
  } finally {
    await opened.close();
  }
}

test("the channel answers only with the token from the data directory, which only its owner can read", async () => {
  await holding(async (opened) => {
    const channel = await openBackupChannel(opened, data.dir!, silentLog);
    try {
      const file = path.join(data.dir!, "backup-channel.json");
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const { token, port, pid } = JSON.parse(fs.readFileSync(file, "utf8"));
      expect(pid).toBe(process.pid);
      expect(port).toBe(channel.port);
      const ask = (authorization?: string) =>
        fetch(`http://127.0.0.1:${port}/backup`, { method: "POST", headers: authorization ? { Authorization: authorization } : {} });
      expect((await ask()).status).toBe(401);
      expect((await ask(`Bearer ${token}x`)).status).toBe(401);
      expect((await ask(`Bearer ${"A".repeat(token.length)}`)).status).toBe(401);
      const answer = await ask(`Bearer ${token}`);
      expect(answer.status).toBe(200);
      expect(answer.headers.get("content-type")).toBe("application/gzip");
      expect((await answer.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    } finally {
      await channel.close();
    }
    expect(fs.existsSync(path.join(data.dir!, "backup-channel.json"))).toBe(false);
  });
}, 60_000);

test("a process that holds the database without a channel is named, and no file is written", async () => {
  const file = path.join(folder, "none.tar.gz");
  await holding(async () => {
    const result = await runNpm("backup", [file], data.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`A Roundtable process (pid ${process.pid}) holds the embedded database in ${data.dir} but offers no backup channel`);
  });
  expect(fs.readdirSync(folder).filter((f) => f.startsWith("none"))).toEqual([]);
}, 60_000);

test("with no server running, npm run backup opens the directory itself and lets it go", async () => {
  const file = path.join(folder, "offline.tar.gz");
  const result = await runNpm("backup", [file], data.env);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/^Backed up \d+ tables \(1 row\) of embedded PGlite in /);
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  expect(fs.existsSync(path.join(data.dir!, "roundtable.pid"))).toBe(false);
  // Opening it again works: nothing holds it.
  await holding(async () => {});
}, 60_000);

test("npm run backup where there is no database says so and creates nothing", async () => {
  const empty = path.join(folder, "no-database-here");
  const result = await runNpm("backup", [path.join(folder, "nothing.tar.gz")], { PGLITE_DIR: empty });
  expect(result.code).toBe(1);
  expect(result.stderr).toBe(`There is no embedded database in ${empty}. Set PGLITE_DIR to the folder the server uses, or DATABASE_URL for PostgreSQL.\n`);
  expect(fs.existsSync(empty)).toBe(false);
  expect(fs.existsSync(path.join(folder, "nothing.tar.gz"))).toBe(false);
}, 60_000);
