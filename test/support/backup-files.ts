// Backup files as the tests need them: the npm commands run as child
// processes, and copies of a backup with an entry changed (a manifest from a
// newer version, a row edited behind the manifest's back).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ArchiveWriter, readArchive, type ArchiveEntry } from "../../server/backup/backup-archive";
import type { BackupManifest } from "../../server/backup/backup-manifest";

const root = path.resolve(import.meta.dirname, "../..");

export type CommandResult = { code: number | null; stdout: string; stderr: string };

/**
 * `npm run <script> -- <args>` in a child process, with only `env`'s database
 * settings (the run's DATABASE_URL is not passed on unless given) and an
 * English locale unless `env` chooses one.
 */
export function runNpm(script: "backup" | "restore", args: string[], env: Record<string, string>): Promise<CommandResult> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, LC_ALL: "C.UTF-8", ...env };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  if (!env.PGLITE_DIR) delete childEnv.PGLITE_DIR;
  const child = spawn("npm", ["run", "--silent", script, "--", ...args], { cwd: root, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** A copy of the backup `from` at `to`, with each entry passed through `edit`. */
export async function rewriteBackup(from: string, to: string, edit: (entry: ArchiveEntry) => ArchiveEntry) {
  const writer = new ArchiveWriter(fs.createWriteStream(to), new Date());
  for await (const entry of readArchive(from)) {
    const changed = edit(entry);
    await writer.add(changed.name, changed.data);
  }
  await writer.finish();
}

/** An edit for rewriteBackup that changes the manifest only. */
export function editManifest(change: (manifest: BackupManifest) => unknown) {
  return (entry: ArchiveEntry): ArchiveEntry =>
    entry.name === "manifest.json" ? { name: entry.name, data: Buffer.from(JSON.stringify(change(JSON.parse(entry.data.toString("utf8"))))) } : entry;
}
