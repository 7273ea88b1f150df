// How `npm run backup` gets a backup of an embedded database the running
// server holds. PGlite lives inside the server process and its directory must
// not be opened by a second process, so the server itself writes the backup
// (write-backup.ts, on its own connection) and streams it to the command over
// an HTTP endpoint on 127.0.0.1, on a port chosen at start. The port and a
// random token are in PGLITE_DIR/backup-channel.json, readable only by the
// account that runs the server: whoever can read it could read the database
// files anyway. See docs/decisions/040-backup-and-restore.md.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { OpenDatabase } from "../../db/open-database";
import { errorFields, type Logger } from "../log";
import { BackupError } from "./backup-error";
import { writeBackup } from "./write-backup";

const CHANNEL_FILE = "backup-channel.json";

type ChannelAddress = { pid: number; port: number; token: string };

export type BackupChannel = { port: number; close: () => Promise<void> };

/** Opens the channel for the embedded database in `dir`, which this process holds. */
export async function openBackupChannel(database: Pick<OpenDatabase, "db" | "kind">, dir: string, log: Logger): Promise<BackupChannel> {
  const token = crypto.randomBytes(32).toString("base64url");
  const expected = Buffer.from(`Bearer ${token}`);
  let busy = false;
  const server = http.createServer((req, res) => {
    const given = Buffer.from(req.headers.authorization ?? "");
    if (req.method !== "POST" || req.url !== "/backup") return void res.writeHead(404).end();
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return void res.writeHead(401).end();
    // One at a time: a second would only hold the database twice as long.
    if (busy) return void res.writeHead(409).end();
    busy = true;
    const started = Date.now();
    res.setHeader("Content-Type", "application/gzip");
    writeBackup(database, res)
      .then((manifest) => {
        const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
        log.info("backup served", { tables: manifest.tables.length, rows, ms: Date.now() - started });
      })
      .catch((error) => {
        // The command sees the response cut short and writes no file.
        log.error("backup failed", errorFields(error));
        res.destroy();
      })
      .finally(() => (busy = false));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const file = path.join(dir, CHANNEL_FILE);
  const temporary = `${file}.${process.pid}`;
  fs.writeFileSync(temporary, JSON.stringify({ pid: process.pid, port, token } satisfies ChannelAddress), { mode: 0o600 });
  fs.renameSync(temporary, file);
  return {
    port,
    close: async () => {
      if (readChannel(dir)?.token === token) fs.rmSync(file, { force: true });
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function readChannel(dir: string): ChannelAddress | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(path.join(dir, CHANNEL_FILE), "utf8")) as Partial<ChannelAddress>;
    return typeof parsed.pid === "number" && typeof parsed.port === "number" && typeof parsed.token === "string" ? (parsed as ChannelAddress) : null;
  } catch {
    return null;
  }
}

/**
 * Asks the server `pid`, which holds the embedded database in `dir`, for a
 * backup and writes it into `out`. Refuses when that server offers no channel.
 */
export async function requestBackup(dir: string, pid: number, out: Writable): Promise<void> {
  const channel = readChannel(dir);
  if (!channel || channel.pid !== pid) throw new BackupError("backup.serverWithoutChannel", { pid, dir });
  const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port: channel.port, path: "/backup", method: "POST", headers: { Authorization: `Bearer ${channel.token}` } }, resolve);
    request.on("error", reject);
    request.end();
  }).catch((error: Error) => {
    throw new BackupError("backup.serverFailed", { pid, detail: error.message });
  });
  if (response.statusCode !== 200) {
    response.resume();
    throw new BackupError(response.statusCode === 409 ? "backup.serverBusy" : "backup.serverFailed", { pid, detail: `HTTP ${response.statusCode}` });
  }
  try {
    await pipeline(response, out);
  } catch (error) {
    throw new BackupError("backup.serverFailed", { pid, detail: (error as Error).message });
  }
}
