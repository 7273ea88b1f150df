// The wire formats the load generator speaks, written out by hand so no
// provider library sits between the clock and the socket: the y-websocket
// protocol (ours and @y/websocket-server; ours adds [100, n] acknowledgements)
// and Hocuspocus's, where every message starts with the document name and the
// client authenticates first.
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

export const MSG_SYNC = 0;
export const MSG_AWARENESS = 1;
export const MSG_AUTH = 2;
/** Hocuspocus: a sync reply that does not ask for another SyncStep1. */
export const MSG_SYNC_REPLY = 4;
/** Hocuspocus: the server is closing this document's connection. */
export const MSG_CLOSE = 7;
/** Hocuspocus: "your update was applied" (not stored: it has no storage by default). */
export const MSG_SYNC_STATUS = 8;
/** Ours: the first n update-carrying messages sent on this socket are stored. */
export const MSG_ACK = 100;

export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

/** Hocuspocus's auth sub-types (@hocuspocus/common AuthMessageType). */
export const AUTH_TOKEN = 0;
export const AUTH_PERMISSION_DENIED = 1;
export const AUTH_AUTHENTICATED = 2;

export type Dialect = "y-websocket" | "hocuspocus";

/** The empty update: what a reader with no document answers to SyncStep1. */
export const EMPTY_UPDATE = new Uint8Array([0, 0]);

/** Writes messages of one dialect for one document. */
export class Wire {
  private readonly prefix: Uint8Array;

  constructor(
    readonly dialect: Dialect,
    readonly documentName: string,
  ) {
    if (dialect === "hocuspocus") {
      const e = encoding.createEncoder();
      encoding.writeVarString(e, documentName);
      this.prefix = encoding.toUint8Array(e);
    } else {
      this.prefix = new Uint8Array(0);
    }
  }

  private message(write: (e: encoding.Encoder) => void) {
    const e = encoding.createEncoder();
    encoding.writeUint8Array(e, this.prefix);
    write(e);
    return encoding.toUint8Array(e);
  }

  /** Hocuspocus only: the first message on a socket, with a (here empty) token. */
  auth(token = "") {
    return this.message((e) => {
      encoding.writeVarUint(e, MSG_AUTH);
      encoding.writeVarUint(e, AUTH_TOKEN);
      encoding.writeVarString(e, token);
    });
  }

  sync(step: number, payload: Uint8Array) {
    return this.message((e) => {
      encoding.writeVarUint(e, MSG_SYNC);
      encoding.writeVarUint(e, step);
      encoding.writeVarUint8Array(e, payload);
    });
  }

  awareness(update: Uint8Array) {
    return this.message((e) => {
      encoding.writeVarUint(e, MSG_AWARENESS);
      encoding.writeVarUint8Array(e, update);
    });
  }

  /** Skips the document name of an incoming Hocuspocus message; a decoder at the message type. */
  open(data: Uint8Array): decoding.Decoder {
    const d = decoding.createDecoder(data);
    if (this.dialect === "hocuspocus") decoding.readVarString(d);
    return d;
  }
}

/** One client's awareness state, encoded as y-protocols does, without an Awareness instance. */
export function encodeAwarenessState(clientId: number, clock: number, state: unknown) {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, clientId);
  encoding.writeVarUint(e, clock);
  encoding.writeVarString(e, JSON.stringify(state));
  return encoding.toUint8Array(e);
}

/**
 * The (client, clock) of the first struct of a v1 update: for a keystroke,
 * the writer's client id and the clock of the character it typed. Null for
 * an update with no structs.
 */
export function updateHeader(update: Uint8Array): { client: number; clock: number } | null {
  const d = decoding.createDecoder(update);
  const clients = decoding.readVarUint(d);
  if (clients === 0) return null;
  decoding.readVarUint(d); // structs of this client
  const client = decoding.readVarUint(d);
  const clock = decoding.readVarUint(d);
  return { client, clock };
}

/**
 * Reads lib0 varuints straight from a message, keeping the position here: the
 * load generator reads every message it receives, and lib0's decoders are
 * an object each.
 */
export class ByteCursor {
  data: Uint8Array = new Uint8Array(0);
  at = 0;

  reset(data: Uint8Array) {
    this.data = data;
    this.at = 0;
    return this;
  }

  varUint(): number {
    let value = 0;
    let factor = 1;
    for (;;) {
      if (this.at >= this.data.length) throw new Error("message ends inside a number");
      const byte = this.data[this.at++]!;
      value += (byte & 0x7f) * factor;
      if (byte < 0x80) return value;
      factor *= 128;
    }
  }

  /** Skips a varuint-length-prefixed string or byte array; returns where its bytes start. */
  skipBytes(): number {
    const length = this.varUint();
    const start = this.at;
    this.at += length;
    return start;
  }
}
