// Oversize and malformed websocket frames against the collaboration server
// (issue 20's security review), sent over a raw TCP socket after a real,
// authorized upgrade, below the ws library's own client: each one closes
// that socket with the protocol's code, quickly, without buffering what a
// header announces; the server keeps serving the others. Message-level
// hostility (valid frames, bad Yjs) is test/collab/message-fuzz.test.ts.
import crypto from "node:crypto";
import net from "node:net";
import { encodeAwareness, encodeAwarenessEntries } from "../../server/collab/protocol";
import { createDraftToEdit } from "../support/factories";
import { connectClient, eventually, typeInto } from "../support/collab-client";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";

let t: TestDatabase;
let server: TestServer;
let draft: Awaited<ReturnType<typeof createDraftToEdit>>;

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startTestServer(t.db);
  draft = await createDraftToEdit(t.db);
});
afterAll(async () => {
  await server?.stop();
  await t?.drop();
});

type Raw = { socket: net.Socket; closeCode: Promise<number | null> };

/** An authorized upgrade by hand; resolves once the server answered 101. */
async function rawUpgrade(): Promise<Raw> {
  const url = new URL(server.url);
  const socket = net.connect(Number(url.port), url.hostname);
  const key = crypto.randomBytes(16).toString("base64");
  socket.write(
    [
      `GET /collab/${encodeURIComponent(draft.documentName)} HTTP/1.1`,
      `Host: ${url.host}`,
      "Upgrade: websocket",
      "Connection: Upgrade",
      `Sec-WebSocket-Key: ${key}`,
      "Sec-WebSocket-Version: 13",
      `Origin: ${server.services.config.publicOrigin}`,
      `Cookie: ${draft.cookie}`,
      "",
      "",
    ].join("\r\n"),
  );
  let buffer = Buffer.alloc(0);
  let upgraded = false;
  let settle: (code: number | null) => void;
  const closeCode = new Promise<number | null>((resolve) => (settle = resolve));
  const opened = new Promise<void>((resolve, reject) => {
    socket.on("data", (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!upgraded) {
        const end = buffer.indexOf("\r\n\r\n");
        if (end < 0) return;
        const head = buffer.subarray(0, end).toString();
        if (!head.startsWith("HTTP/1.1 101")) return reject(new Error(head.split("\r\n")[0]));
        upgraded = true;
        buffer = buffer.subarray(end + 4);
        resolve();
      }
      // Server frames are unmasked: read them one by one until a close frame.
      while (buffer.length >= 2) {
        const opcode = buffer[0]! & 0x0f;
        let length = buffer[1]! & 0x7f;
        let offset = 2;
        if (length === 126) {
          if (buffer.length < 4) return;
          length = buffer.readUInt16BE(2);
          offset = 4;
        } else if (length === 127) {
          if (buffer.length < 10) return;
          length = Number(buffer.readBigUInt64BE(2));
          offset = 10;
        }
        if (buffer.length < offset + length) return;
        if (opcode === 0x8) settle(length >= 2 ? buffer.readUInt16BE(offset) : 1005);
        buffer = buffer.subarray(offset + length);
      }
    });
    socket.on("error", () => settle(null));
    socket.on("close", () => {
      settle(null);
      if (!upgraded) reject(new Error("closed before the upgrade"));
    });
  });
  await opened;
  return { socket, closeCode };
}

/** One client frame: masked unless told otherwise; the length written as announced, the payload as given. */
function frame({ opcode, payload = Buffer.alloc(0), fin = true, masked = true, rsv = 0, announced }: { opcode: number; payload?: Buffer; fin?: boolean; masked?: boolean; rsv?: number; announced?: bigint }): Buffer {
  const length = announced ?? BigInt(payload.length);
  const head: number[] = [(fin ? 0x80 : 0) | (rsv << 4) | opcode];
  const maskBit = masked ? 0x80 : 0;
  let ext = Buffer.alloc(0);
  if (length < 126n) head.push(maskBit | Number(length));
  else if (length < 65536n) {
    head.push(maskBit | 126);
    ext = Buffer.alloc(2);
    ext.writeUInt16BE(Number(length));
  } else {
    head.push(maskBit | 127);
    ext = Buffer.alloc(8);
    ext.writeBigUInt64BE(length);
  }
  if (!masked) return Buffer.concat([Buffer.from(head), ext, payload]);
  const mask = crypto.randomBytes(4);
  const body = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
  return Buffer.concat([Buffer.from(head), ext, mask, body]);
}

async function closedWithin(raw: Raw, ms = 10_000): Promise<number | null | "still open"> {
  return Promise.race([raw.closeCode, new Promise<"still open">((resolve) => setTimeout(() => resolve("still open"), ms))]);
}

const CASES: [string, () => Buffer[], number[]][] = [
  ["a frame announcing 2^62 bytes", () => [frame({ opcode: 0x2, announced: 2n ** 62n, payload: Buffer.alloc(16) })], [1009]],
  ["a frame announcing 2^63 bytes (the top bit, which the protocol forbids)", () => [frame({ opcode: 0x2, announced: 2n ** 63n, payload: Buffer.alloc(16) })], [1002, 1009]],
  ["a message split into fragments that add up to more than 1 MiB", () => [frame({ opcode: 0x2, fin: false, payload: Buffer.alloc(700_000, 1) }), frame({ opcode: 0x0, fin: false, payload: Buffer.alloc(700_000, 1) })], [1009]],
  ["an unmasked client frame", () => [frame({ opcode: 0x2, masked: false, payload: Buffer.from([0, 0]) })], [1002]],
  ["a reserved opcode", () => [frame({ opcode: 0x3, payload: Buffer.from([1]) })], [1002]],
  ["reserved bits set without an extension", () => [frame({ opcode: 0x2, rsv: 0b100, payload: Buffer.from([0, 0]) })], [1002]],
  ["a text frame that is not UTF-8", () => [frame({ opcode: 0x1, payload: Buffer.from([0xc3, 0x28, 0xff]) })], [1007, 1003]],
  ["a ping longer than 125 bytes", () => [frame({ opcode: 0x9, payload: Buffer.alloc(200) })], [1002]],
  ["a fragmented ping", () => [frame({ opcode: 0x9, fin: false, payload: Buffer.alloc(4) })], [1002]],
  ["a continuation with nothing to continue", () => [frame({ opcode: 0x0, payload: Buffer.from([0, 0]) })], [1002]],
];

describe("malformed frames close that socket with the protocol's code", () => {
  test.each(CASES)("%s", async (_label, frames, codes) => {
    const raw = await rawUpgrade();
    for (const f of frames()) raw.socket.write(f);
    const code = await closedWithin(raw);
    raw.socket.destroy();
    expect(codes).toContain(code);
  });
});

test("an awareness state of deeply nested JSON, just under the size limit, neither crashes nor stalls the server", async () => {
  const raw = await rawUpgrade();
  const depth = 400_000;
  const state = "[".repeat(depth) + "]".repeat(depth);
  raw.socket.write(frame({ opcode: 0x2, payload: Buffer.from(encodeAwareness(encodeAwarenessEntries([{ clientId: 4242, clock: 1, state }]))) }));
  await closedWithin(raw, 3000);
  raw.socket.destroy();
  // Another editor still joins, types and is acknowledged.
  const client = connectClient(server, draft.documentName, draft.cookie);
  try {
    await eventually(() => expect(client.provider.synced).toBe(true), 15_000);
    typeInto(client, "still working");
    await eventually(() => expect(client.acked()).toBeGreaterThan(0), 15_000);
  } finally {
    client.destroy();
  }
});

test("after every malformed frame the server holds no half-open connection and still takes a good editor", async () => {
  await eventually(() => expect(server.collab.connections().filter((c) => !c.closed)).toEqual([]), 15_000);
  const client = connectClient(server, draft.documentName, draft.cookie);
  try {
    await eventually(() => expect(client.provider.synced).toBe(true), 15_000);
  } finally {
    client.destroy();
  }
});
