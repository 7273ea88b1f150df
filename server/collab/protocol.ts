// The wire format: the y-websocket protocol (sync and awareness from
// y-protocols) plus one message of ours, the durability acknowledgement.
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import type * as Y from "yjs";

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
/**
 * Ours, unused by y-websocket: [100, n] tells a client that the first n
 * update-carrying messages (SyncStep2 or Update) it sent on this connection
 * are stored in the database. The editor's "Saved" indicator reads it.
 */
export const MESSAGE_ACK = 100;

export const SYNC_STEP1 = syncProtocol.messageYjsSyncStep1;
export const SYNC_STEP2 = syncProtocol.messageYjsSyncStep2;
export const SYNC_UPDATE = syncProtocol.messageYjsUpdate;

export type IncomingMessage =
  | { kind: "sync-step1"; stateVector: Uint8Array }
  | { kind: "sync-step2" | "update"; update: Uint8Array }
  | { kind: "awareness"; update: Uint8Array }
  | { kind: "query-awareness" };

/** Parses one client message; throws on anything malformed or unknown. */
export function parseMessage(data: Uint8Array): IncomingMessage {
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  let message: IncomingMessage;
  if (type === MESSAGE_SYNC) {
    const step = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (step === SYNC_STEP1) message = { kind: "sync-step1", stateVector: payload };
    else if (step === SYNC_STEP2) message = { kind: "sync-step2", update: payload };
    else if (step === SYNC_UPDATE) message = { kind: "update", update: payload };
    else throw new ProtocolError("unknown_sync_step", `unknown sync message ${step}`);
  } else if (type === MESSAGE_AWARENESS) {
    message = { kind: "awareness", update: decoding.readVarUint8Array(decoder) };
  } else if (type === MESSAGE_QUERY_AWARENESS) {
    message = { kind: "query-awareness" };
  } else {
    throw new ProtocolError("unknown_type", `unknown message type ${type}`);
  }
  if (decoding.hasContent(decoder)) throw new ProtocolError("trailing_bytes", "bytes after the end of the message");
  return message;
}

/** A reason to close a connection, with a short code for logs and metrics. */
export class ProtocolError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

export function encodeSyncStep1(doc: Y.Doc) {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector?: Uint8Array) {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

/** A SyncStep2 carrying a whole document already encoded as one update (a stored snapshot). */
export function encodeSyncStep2OfState(state: Uint8Array) {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, SYNC_STEP2);
  encoding.writeVarUint8Array(encoder, state);
  return encoding.toUint8Array(encoder);
}

export function encodeUpdate(update: Uint8Array) {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodeAwareness(update: Uint8Array) {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** One per keystroke: written straight into a buffer of its size, without an encoder. */
export function encodeAck(count: number) {
  let length = 2;
  for (let n = count; n > 0x7f; n = Math.floor(n / 128)) length++;
  const message = new Uint8Array(length);
  message[0] = MESSAGE_ACK; // 100 < 128: one byte as a varuint
  let n = count;
  for (let i = 1; i < length; i++) {
    message[i] = (n % 128) | (i < length - 1 ? 0x80 : 0);
    n = Math.floor(n / 128);
  }
  return message;
}

/** One client's entry in an awareness update; `state` is its JSON text ("null" when it left). */
export type AwarenessEntry = { clientId: number; clock: number; state: string };

/** A client's entry with its state parsed: the one parse an awareness state gets here. */
export type CheckedAwarenessEntry = AwarenessEntry & { value: unknown };

/** The entries of a client's awareness update, each state parsed once; throws on anything malformed. */
export function decodeAwarenessEntries(update: Uint8Array): CheckedAwarenessEntry[] {
  const entries: CheckedAwarenessEntry[] = [];
  readAwarenessEntries(update, (clientId, clock, state) => entries.push({ clientId, clock, state, value: JSON.parse(state) }));
  return entries;
}

/**
 * The entries of an awareness update another of our processes relayed: its
 * states were checked there, and are passed on without being parsed again.
 */
export function decodeRelayedAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const entries: AwarenessEntry[] = [];
  readAwarenessEntries(update, (clientId, clock, state) => entries.push({ clientId, clock, state }));
  return entries;
}

function readAwarenessEntries(update: Uint8Array, each: (clientId: number, clock: number, state: string) => void) {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > 64) throw new ProtocolError("awareness_too_many", "awareness update for too many clients");
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    each(clientId, clock, decoding.readVarString(decoder));
  }
  if (decoding.hasContent(decoder)) throw new ProtocolError("trailing_bytes", "bytes after the awareness update");
}

/** An awareness update of these entries, in the format y-protocols writes. */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, state);
  }
  return encoding.toUint8Array(encoder);
}
