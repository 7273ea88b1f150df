// One simulated editor on one websocket, speaking the protocol directly.
// A writer holds a Y.Doc synced from the server and types into the TipTap
// document (one update and one awareness message per keystroke); a reader
// holds no document and only reads the (client, clock) of each update it
// receives, so the load generator stays light. Ours acknowledges stored
// updates with [100, n]; the client times each keystroke to its ack.
import * as decoding from "lib0/decoding";
import WebSocket from "ws";
import * as Y from "yjs";
import {
  AUTH_PERMISSION_DENIED,
  ByteCursor,
  EMPTY_UPDATE,
  MSG_ACK,
  MSG_AUTH,
  MSG_AWARENESS,
  MSG_CLOSE,
  MSG_SYNC,
  MSG_SYNC_REPLY,
  SYNC_STEP1,
  SYNC_STEP2,
  SYNC_UPDATE,
  encodeAwarenessState,
  updateHeader,
  type Wire,
} from "./protocol";
import type { Tracker } from "./tracker";

const LOCAL = Symbol("local");
const REMOTE = Symbol("remote");
const CONNECT_TIMEOUT_MS = 60_000;
/** One for all clients: messages are read one at a time. */
const cursor = new ByteCursor();

/** The sockets of one document that are open and synced: a keystroke is expected at every other one. */
export type Room = { name: string; clients: Set<LoadClient> };

/** What went wrong on sockets, by kind, for the report. */
export class ClientEvents {
  readonly counts = new Map<string, number>();
  add(kind: string, n = 1) {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + n);
  }
  total() {
    let n = 0;
    for (const v of this.counts.values()) n += v;
    return n;
  }
  summary() {
    return [...this.counts].map(([k, v]) => `${k}×${v}`).join(", ");
  }
  clear() {
    this.counts.clear();
  }
}

export type ClientOptions = {
  url: string;
  headers?: Record<string, string>;
  wire: Wire;
  room: Room;
  tracker: Tracker;
  events: ClientEvents;
  /** Holds a Y.Doc and applies what it receives; `writer` types too. */
  withDocument: boolean;
  /** Which of the document's text nodes this writer types into. */
  writerIndex?: number;
  name: string;
};

type PendingAck = { index: number; at: number; timed: boolean; onAck?: () => void };

export class LoadClient {
  readonly ws: WebSocket;
  readonly doc: Y.Doc | null;
  readonly awarenessId: number;
  readonly connectStartedAt = performance.now();
  syncedAt = 0;
  synced = false;
  closed = false;
  closing = false;
  /** Update-carrying messages (SyncStep2, Update) sent; ours acknowledges by this count. */
  sentUpdateMessages = 0;
  acked = 0;
  private pending: PendingAck[] = [];
  private pendingHead = 0;
  private awarenessClock = 0;
  private captured: Uint8Array | null = null;
  private text: Y.XmlText | null = null;
  private step2Waiters: (() => void)[] = [];
  private readonly ready: Promise<void>;

  constructor(private readonly o: ClientOptions) {
    this.doc = o.withDocument ? new Y.Doc() : null;
    this.awarenessId = this.doc ? this.doc.clientID : Math.floor(Math.random() * 2 ** 32);
    this.doc?.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === LOCAL) this.captured = update;
    });
    this.ws = new WebSocket(o.url, { headers: o.headers, perMessageDeflate: false });
    this.ws.binaryType = "nodebuffer";
    this.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${o.name}: not synced after ${CONNECT_TIMEOUT_MS} ms`)), CONNECT_TIMEOUT_MS);
      this.step2Waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
      this.ws.on("unexpected-response", (_req, res) => {
        clearTimeout(timer);
        o.events.add(`upgrade_${res.statusCode}`);
        reject(new Error(`${o.name}: upgrade answered ${res.statusCode}`));
        res.resume();
        this.ws.terminate();
      });
      this.ws.on("error", (error) => {
        clearTimeout(timer);
        if (!this.synced) reject(error);
      });
      this.ws.on("close", (code, reason) => {
        clearTimeout(timer);
        if (!this.synced) reject(new Error(`${o.name}: closed before sync (${code} ${reason.toString()})`));
      });
    });
    this.ready.catch(() => {});
    this.ws.on("open", () => this.onOpen());
    this.ws.on("message", (data: Buffer) => this.onMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
    this.ws.on("close", (code, reason) => {
      this.closed = true;
      o.room.clients.delete(this);
      if (!this.closing) o.events.add(`closed_${code}${reason.length ? `_${reason.toString()}` : ""}`);
    });
    this.ws.on("error", (error) => {
      if (!this.closing) o.events.add(`socket_error_${(error as NodeJS.ErrnoException).code ?? error.message}`);
    });
  }

  /** Resolves once the server's SyncStep2 has arrived; the socket then counts as a room member. */
  async connected() {
    await this.ready;
  }

  private send(data: Uint8Array) {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(data);
  }

  private onOpen() {
    const { wire } = this.o;
    if (wire.dialect === "hocuspocus") this.send(wire.auth());
    this.send(wire.sync(SYNC_STEP1, this.doc ? Y.encodeStateVector(this.doc) : new Uint8Array([0])));
    this.send(wire.awareness(encodeAwarenessState(this.awarenessId, ++this.awarenessClock, { user: { name: this.o.name, color: "#3b82f6" }, cursor: null })));
  }

  private onMessage(data: Uint8Array) {
    const at = performance.now();
    // The messages that come with every keystroke, read without a decoder.
    const c = cursor.reset(data);
    if (this.o.wire.dialect === "hocuspocus") c.skipBytes(); // the document name
    const type = c.varUint();
    if (type === MSG_AWARENESS) {
      this.o.tracker.awarenessReceived++;
      return;
    }
    if (type === MSG_ACK) {
      this.onAck(c.varUint(), at);
      return;
    }
    if (type === MSG_SYNC || type === MSG_SYNC_REPLY) {
      const step = c.varUint();
      if (step === SYNC_UPDATE) {
        const length = c.varUint();
        const start = c.at;
        // The update's first struct: its client (the writer) and the clock of the character typed.
        if (c.varUint() === 0) return;
        c.varUint(); // structs of this client
        const client = c.varUint();
        const clock = c.varUint();
        if (client === this.doc?.clientID) return;
        this.o.tracker.onReceived(client, clock, at);
        if (this.doc) Y.applyUpdate(this.doc, data.subarray(start, start + length), REMOTE);
        return;
      }
    }
    const d = this.o.wire.open(data);
    decoding.readVarUint(d); // the type, read above
    if (type === MSG_SYNC || type === MSG_SYNC_REPLY) {
      const step = decoding.readVarUint(d);
      const payload = decoding.readVarUint8Array(d);
      if (step === SYNC_STEP1) {
        this.sendUpdateMessage(SYNC_STEP2, this.doc ? Y.encodeStateAsUpdate(this.doc, payload) : EMPTY_UPDATE, false);
      } else if (step === SYNC_STEP2) {
        if (this.doc) Y.applyUpdate(this.doc, payload, REMOTE);
        if (!this.synced) {
          this.synced = true;
          this.syncedAt = at;
          this.o.room.clients.add(this);
        }
        this.step2Waiters.shift()?.();
      }
    } else if (type === MSG_AUTH) {
      if (decoding.readVarUint(d) === AUTH_PERMISSION_DENIED) this.o.events.add("permission_denied");
    } else if (type === MSG_CLOSE) {
      this.o.events.add("server_close_message");
    }
  }

  private onAck(n: number, at: number) {
    this.acked = n;
    while (this.pendingHead < this.pending.length && this.pending[this.pendingHead]!.index <= n) {
      const p = this.pending[this.pendingHead++]!;
      if (p.timed) this.o.tracker.onAck(at - p.at);
      p.onAck?.();
    }
    if (this.pendingHead > 1024) {
      this.pending = this.pending.slice(this.pendingHead);
      this.pendingHead = 0;
    }
  }

  private sendUpdateMessage(step: number, update: Uint8Array, timed: boolean, onAck?: () => void) {
    if (this.ws.readyState !== WebSocket.OPEN) return false;
    const at = performance.now();
    this.ws.send(this.o.wire.sync(step, update));
    const index = ++this.sentUpdateMessages;
    this.pending.push({ index, at, timed, onAck });
    return true;
  }

  /** Sends SyncStep1 and waits for the answer: everything sent before has been handled. */
  async roundTrip() {
    const done = new Promise<void>((resolve) => this.step2Waiters.push(resolve));
    this.send(this.o.wire.sync(SYNC_STEP1, this.doc ? Y.encodeStateVector(this.doc) : new Uint8Array([0])));
    await done;
  }

  /** The document's text content, for checking markers after a restart. */
  textContent() {
    return this.doc ? this.doc.getXmlFragment("default").toString() : "";
  }

  /** Writes a whole prepared state (a seed) as one update; for servers that start empty. */
  seed(state: Uint8Array) {
    if (!this.doc) throw new Error("only a client with a document can seed");
    if (this.doc.getXmlFragment("default").length > 0) return false;
    Y.applyUpdate(this.doc, state, LOCAL);
    const update = this.captured!;
    this.captured = null;
    this.sendUpdateMessage(SYNC_UPDATE, update, false);
    return true;
  }

  private targetText(): Y.XmlText {
    if (this.text && this.text.doc) return this.text;
    const texts: Y.XmlText[] = [];
    const walk = (node: Y.XmlFragment | Y.XmlElement) => {
      for (const child of node.toArray()) {
        if (child instanceof Y.XmlText) texts.push(child);
        else if (child instanceof Y.XmlElement) walk(child);
      }
    };
    walk(this.doc!.getXmlFragment("default"));
    if (texts.length === 0) throw new Error(`${this.o.name}: the document has no text to type into`);
    this.text = texts[(this.o.writerIndex ?? 0) % texts.length]!;
    return this.text;
  }

  /**
   * One keystroke: `chars` appended to this writer's paragraph as one update,
   * then an awareness update with the new cursor. False when the socket is gone.
   */
  type(chars: string, onAck?: () => void): boolean {
    if (!this.doc || this.closed || this.ws.readyState !== WebSocket.OPEN) return false;
    const text = this.targetText();
    this.doc.transact(() => text.insert(text.length, chars), LOCAL);
    const update = this.captured!;
    this.captured = null;
    const header = updateHeader(update)!;
    const cursor = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, text.length));
    const awareness = this.o.wire.awareness(encodeAwarenessState(this.awarenessId, ++this.awarenessClock, { user: { name: this.o.name, color: "#3b82f6" }, cursor: { anchor: cursor, head: cursor } }));
    // Both frames in one write, as a browser's provider sends them in one task.
    const socket = (this.ws as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
    socket?.cork();
    this.o.tracker.onSent(header.client, header.clock, this.o.room.clients.size - (this.o.room.clients.has(this) ? 1 : 0), performance.now());
    this.sendUpdateMessage(SYNC_UPDATE, update, this.o.tracker.recording, onAck);
    this.send(awareness);
    socket?.uncork();
    return true;
  }

  async close() {
    if (this.closed) return;
    this.closing = true;
    const done = new Promise<void>((resolve) => this.ws.once("close", () => resolve()));
    if (this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
    else this.ws.close(1000);
    const timer = setTimeout(() => this.ws.terminate(), 2000);
    await done;
    clearTimeout(timer);
    this.doc?.destroy();
  }
}
