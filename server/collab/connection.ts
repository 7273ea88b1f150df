// One client's websocket: who it is, what it may do, its limits (message
// and byte rates, a bounded send buffer) and its acknowledgement counter.
import { WebSocket } from "ws";
import type { Language } from "../../app/domain/i18n/languages";
import type { DraftAccess } from "../../app/domain/policy";
import { TokenBucket } from "../limits/token-bucket";
import { encodeAck } from "./protocol";
import { closeReason, type CloseKey } from "./refusal-messages";

export type ConnectionIdentity = {
  userId: string;
  /** The person's name as the portal knows it: what others see in "who is here", whatever the client says. */
  name: string;
  sessionId: string;
  /** When the session ends unless it is extended (ms since the epoch): the socket closes then (access-watch.ts). */
  sessionExpiresAt: number;
  documentName: string;
  access: Exclude<DraftAccess, "none">;
  /** The language the person reads: refusals and close reasons are written in it. */
  language: Language;
};

export type ConnectionLimits = {
  messagesPerSecond: number;
  messageBurst: number;
  bytesPerSecond: number;
  byteBurst: number;
  /** A reader whose unsent data grows past this is dropped; it resyncs on reconnect. */
  maxBufferedBytes: number;
  /**
   * SyncStep1 ("send me what I lack") costs the server an encoding of the
   * document, up to all of it; providers send one per connection.
   */
  syncRequestsPerMinute: number;
  syncRequestBurst: number;
};

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  messagesPerSecond: 100,
  messageBurst: 400,
  bytesPerSecond: 1024 * 1024,
  byteBurst: 4 * 1024 * 1024,
  maxBufferedBytes: 4 * 1024 * 1024,
  syncRequestsPerMinute: 12,
  syncRequestBurst: 5,
};

/**
 * Close codes in the 4000 range are ours. y-websocket (3.1) gives up for good
 * after 4400–4499 unless told otherwise; the editor's provider
 * (app/components/collab-session.ts) tries again after all but 4400 and 4413.
 */
export const CLOSE = {
  badMessage: 4400,
  accessChanged: 4403,
  tooLarge: 4413,
  /** A message over maxMessageBytes: ws's own code ("message too big"). */
  messageTooLarge: 1009,
  rateLimited: 4429,
  reloading: 4500,
  slowReader: 1013,
  goingAway: 1001,
} as const;

export class Connection {
  /** Update-carrying messages (SyncStep2, Update) accepted on this socket. */
  received = 0;
  /** Whether the client has answered our SyncStep1, so it holds nothing we lack. */
  sentSyncStep2 = false;
  /** How many of them the client has been told are stored. */
  acknowledged = 0;
  /** The awareness client ids this socket speaks for. */
  readonly awarenessIds = new Set<number>();
  alive = true;
  closed = false;
  private readonly messages: TokenBucket;
  private readonly bytes: TokenBucket;
  private readonly syncRequests: TokenBucket;

  constructor(
    readonly ws: WebSocket,
    readonly identity: ConnectionIdentity,
    private readonly limits: ConnectionLimits,
    private readonly onDrop: (reason: string) => void,
  ) {
    this.messages = new TokenBucket(limits.messageBurst, limits.messagesPerSecond);
    this.bytes = new TokenBucket(limits.byteBurst, limits.bytesPerSecond);
    this.syncRequests = new TokenBucket(limits.syncRequestBurst, limits.syncRequestsPerMinute / 60);
  }

  get canEdit() {
    return this.identity.access === "edit";
  }

  /** Takes one message of `size` bytes from the rate limits; false when over. */
  admit(size: number): boolean {
    const now = Date.now();
    if (this.messages.available(now) < 1 || this.bytes.available(now) < size) return false;
    this.messages.take(1, now);
    this.bytes.take(size, now);
    return true;
  }

  /** Takes one SyncStep1 from its own, much smaller, allowance; false when over. */
  admitSyncRequest(): boolean {
    return this.syncRequests.take();
  }

  /** Sends one binary message. */
  send(data: Uint8Array, options: { bounded?: boolean } = {}) {
    this.sendMessage(new OutgoingMessage(data), options);
  }

  /**
   * Sends a message that may go to many sockets: it is framed once and the
   * same bytes are written to each socket, one write each, where ws's send
   * would frame it again per socket (a header allocated, two writes). A
   * socket that is closing gets nothing more, as with ws's own send.
   */
  sendMessage(message: OutgoingMessage, { bounded = true } = {}) {
    if (this.closed) return;
    if (bounded && this.ws.bufferedAmount > this.limits.maxBufferedBytes) {
      this.close(CLOSE.slowReader, "slowReader");
      this.onDrop("slow_reader");
      return;
    }
    this.sentAt = performance.now();
    const socket = rawSocketOf(this.ws);
    // Without ws's TCP socket at hand (a stand-in in tests, or a ws whose insides changed), ws frames it.
    if (!socket) return this.ws.send(message.data);
    if (this.ws.readyState !== WebSocket.OPEN) return;
    if (!this.corked) {
      // Frames sent while handling one batch of input leave in one write
      // (writev) instead of one syscall each; sockets were a third of the
      // server's time. The sockets corked in a turn are uncorked together.
      this.corked = true;
      socket.cork();
      corkedThisTurn.push(this);
      if (corkedThisTurn.length === 1) process.nextTick(uncorkAll);
    }
    socket.write(message.frame());
  }

  /** When we last sent this socket anything. */
  private sentAt = performance.now();

  /** Whether this socket has been sent anything within the last `ms`. */
  heardFromUsWithin(ms: number) {
    return performance.now() - this.sentAt < ms;
  }

  private corked = false;

  /** @internal for uncorkAll */
  uncork() {
    this.corked = false;
    rawSocketOf(this.ws)?.uncork();
  }

  acknowledge(count: number) {
    if (count <= this.acknowledged || this.closed) return;
    this.acknowledged = count;
    this.send(encodeAck(count), { bounded: false });
  }

  /** Closes with `code` and, as its reason, the sentence `why` names in the person's language. */
  close(code: number, why: CloseKey) {
    if (this.closed) return;
    this.closed = true;
    this.ws.close(code, closeReason(this.identity.language, why));
    // A peer that never answers the close handshake is cut off.
    setTimeout(() => this.ws.terminate(), 2000).unref();
  }
}

const corkedThisTurn: Connection[] = [];

function uncorkAll() {
  for (const conn of corkedThisTurn.splice(0)) conn.uncork();
}

type RawSocket = { cork(): void; uncork(): void; write(data: Buffer): boolean };

/** ws's TCP socket, written to directly with frames built here (ws has no API for a pre-framed message). */
function rawSocketOf(ws: WebSocket): RawSocket | undefined {
  return (ws as unknown as { _socket?: RawSocket })._socket;
}

/** A binary message for one or many sockets, framed (RFC 6455 §5.2) once, when first written. */
export class OutgoingMessage {
  private framed: Buffer | null = null;

  constructor(readonly data: Uint8Array) {}

  /** FIN and opcode 2 (binary), unmasked as from a server, then the length in 7, 16 or 64 bits. */
  frame(): Buffer {
    if (this.framed) return this.framed;
    const length = this.data.byteLength;
    const headerLength = length < 126 ? 2 : length < 65536 ? 4 : 10;
    const frame = Buffer.allocUnsafe(headerLength + length);
    frame[0] = 0x82;
    if (length < 126) {
      frame[1] = length;
    } else if (length < 65536) {
      frame[1] = 126;
      frame.writeUInt16BE(length, 2);
    } else {
      frame[1] = 127;
      frame.writeBigUInt64BE(BigInt(length), 2);
    }
    frame.set(this.data, headerLength);
    return (this.framed = frame);
  }
}
