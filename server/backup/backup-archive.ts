// The backup file's container: a gzip-compressed tar (POSIX ustar) of small
// entries, written and read as a stream so neither side holds the database
// in memory. `tar -tzf` lists it and `tar -xzOf FILE manifest.json` prints
// its manifest. Only what write-backup.ts writes is read back: regular files
// with short names, each at most MAX_ENTRY_BYTES.
import { once } from "node:events";
import fs from "node:fs";
import { pipeline } from "node:stream/promises";
import type { Writable } from "node:stream";
import zlib from "node:zlib";
import { BackupError } from "./backup-error";

const BLOCK = 512;
/** Tables are cut into parts well below this; a larger header size means a damaged file. */
export const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

function header(name: string, size: number, mtime: Date): Buffer {
  const block = Buffer.alloc(BLOCK);
  const field = (offset: number, length: number, value: string) => block.write(value, offset, length, "ascii");
  const octal = (offset: number, length: number, value: number) => field(offset, length, value.toString(8).padStart(length - 1, "0") + "\0");
  if (Buffer.byteLength(name) > 100) throw new Error(`tar entry name too long: ${name}`);
  field(0, 100, name);
  octal(100, 8, 0o644);
  octal(108, 8, 0);
  octal(116, 8, 0);
  octal(124, 12, size);
  octal(136, 12, Math.floor(mtime.getTime() / 1000));
  field(148, 8, "        "); // the checksum counts its own field as spaces
  field(156, 1, "0");
  field(257, 6, "ustar\0");
  field(263, 2, "00");
  octal(148, 7, checksum(block));
  return block;
}

function checksum(block: Buffer) {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block[i]!;
  return sum;
}

/** Writes entries into `out` as a .tar.gz; `finish` resolves once every byte is written. */
export class ArchiveWriter {
  private readonly gzip = zlib.createGzip({ level: 6 });
  private readonly done: Promise<void>;
  private failure: unknown = null;

  constructor(
    out: Writable,
    private readonly mtime: Date,
  ) {
    this.done = pipeline(this.gzip, out);
    this.done.catch((error) => (this.failure = error));
  }

  async add(name: string, data: Buffer) {
    if (data.length > MAX_ENTRY_BYTES) throw new Error(`tar entry too large: ${name}`);
    await this.write(header(name, data.length, this.mtime));
    await this.write(data);
    const padding = (BLOCK - (data.length % BLOCK)) % BLOCK;
    if (padding) await this.write(Buffer.alloc(padding));
  }

  async finish() {
    await this.write(Buffer.alloc(BLOCK * 2));
    this.gzip.end();
    await this.done;
  }

  /** Stops writing; the output is left incomplete (the caller removes it). */
  abort(error: Error) {
    this.gzip.destroy(error);
  }

  private async write(bytes: Buffer) {
    if (this.failure) throw this.failure;
    // A failed output never drains: wait for whichever comes first.
    if (!this.gzip.write(bytes)) await Promise.race([once(this.gzip, "drain"), this.done]);
    if (this.failure) throw this.failure;
  }
}

export type ArchiveEntry = { name: string; data: Buffer };

/** Bytes arriving in chunks, taken in exact lengths. */
class ByteQueue {
  private chunks: Buffer[] = [];
  length = 0;
  push(chunk: Buffer) {
    this.chunks.push(chunk);
    this.length += chunk.length;
  }
  take(n: number): Buffer {
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const head = this.chunks[0]!;
      const used = Math.min(head.length, n - filled);
      head.copy(out, filled, 0, used);
      filled += used;
      if (used === head.length) this.chunks.shift();
      else this.chunks[0] = head.subarray(used);
    }
    this.length -= n;
    return out;
  }
}

function parseHeader(block: Buffer, file: string): { name: string; size: number } | null {
  if (block.every((b) => b === 0)) return null;
  const text = (offset: number, length: number) => {
    const raw = block.subarray(offset, offset + length);
    const end = raw.indexOf(0);
    return raw.subarray(0, end < 0 ? length : end).toString("utf8");
  };
  const stored = parseInt(text(148, 8).trim(), 8);
  if (stored !== checksum(block) || text(257, 6) !== "ustar") throw new BackupError("file.damaged", { path: file, detail: "tar header checksum" });
  const size = parseInt(text(124, 12).trim(), 8);
  const type = text(156, 1);
  if (!Number.isSafeInteger(size) || size < 0 || size > MAX_ENTRY_BYTES || (type !== "0" && type !== "")) {
    throw new BackupError("file.damaged", { path: file, detail: "tar entry header" });
  }
  return { name: text(0, 100), size };
}

/** The errors a file system or zlib gives, as what they mean for a backup file. */
export function explainReadError(error: unknown, file: string): unknown {
  if (error instanceof BackupError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === "ENOENT") return new BackupError("file.notFound", { path: file });
  if (code === "EISDIR") return new BackupError("file.notAFile", { path: file });
  if (code === "EACCES" || code === "EPERM") return new BackupError("file.unreadable", { path: file, reason: code });
  if (code === "Z_BUF_ERROR") return new BackupError("file.truncated", { path: file });
  if (code === "Z_DATA_ERROR") {
    const detail = (error as Error).message;
    return detail === "incorrect header check" ? new BackupError("file.notABackup", { path: file }) : new BackupError("file.damaged", { path: file, detail });
  }
  return error;
}

/**
 * The entries of a .tar.gz, in order, as they are decompressed. Fails with a
 * BackupError for a missing, truncated or damaged file; gzip's CRC-32 at the
 * end catches damage the entries themselves do not show.
 */
export async function* readArchive(file: string): AsyncGenerator<ArchiveEntry> {
  const input = fs.createReadStream(file);
  const gunzip = zlib.createGunzip();
  input.on("error", (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  const queue = new ByteQueue();
  let entry: { name: string; size: number } | null = null;
  let ended = false;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      if (ended) continue; // the zero blocks after the end, up to the record size
      queue.push(chunk);
      for (;;) {
        if (!entry) {
          if (queue.length < BLOCK) break;
          entry = parseHeader(queue.take(BLOCK), file);
          if (!entry) {
            ended = true;
            break;
          }
        }
        const padded = Math.ceil(entry.size / BLOCK) * BLOCK;
        if (queue.length < padded) break;
        const data = queue.take(padded).subarray(0, entry.size);
        const name = entry.name;
        entry = null;
        yield { name, data };
      }
    }
  } catch (error) {
    throw explainReadError(error, file);
  } finally {
    input.destroy();
    gunzip.destroy();
  }
  if (!ended) throw new BackupError("file.truncated", { path: file });
}
