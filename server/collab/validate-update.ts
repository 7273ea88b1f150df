// Checks an untrusted Yjs update against the live document before it is
// applied, so a bad one is refused without touching the document: it must
// parse, depend only on what exists, use the document's one top-level type and
// the kinds of content the editor writes, stay within sane clocks, and be
// cheap enough to apply without holding up everyone else.
import * as decoding from "lib0/decoding";
import * as Y from "yjs";
import { ProtocolError } from "./protocol";

const MAX_CLOCK = 2 ** 31;
// Past these, checking and applying one update holds the event loop for a
// tenth of a second or more (200,000 small deletes took 1.8 s). Typing,
// pasting and an offline session's sync stay far below.
const MAX_STRUCTS_PER_UPDATE = 20_000;
const MAX_DELETE_RANGES_PER_UPDATE = 20_000;
// The content the TipTap binding writes: text, marks, elements and attributes.
const ALLOWED_CONTENT = new Set<Function>([Y.ContentString, Y.ContentFormat, Y.ContentType, Y.ContentAny, Y.ContentDeleted]);

type StructRef = { client: number; clock: number };

export function validateUpdate(doc: Y.Doc, update: Uint8Array, topLevelName: string) {
  checkDeleteOnlyUpdate(update);
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (error) {
    throw new ProtocolError("malformed_update", `update does not parse: ${(error as Error).message}`);
  }
  const { structs, ds } = decoded;
  let deleteRanges = 0;
  for (const deletes of ds.clients.values()) deleteRanges += deletes.length;
  if (structs.length > MAX_STRUCTS_PER_UPDATE || deleteRanges > MAX_DELETE_RANGES_PER_UPDATE) {
    throw new ProtocolError("update_too_complex", `update has ${structs.length} changes and ${deleteRanges} deletions`);
  }
  const known = { get: (client: number) => Y.getState(doc.store, client) };
  // Each client's structs in this update, in clock order, without gaps.
  const byClient = new Map<number, (Y.Item | Y.GC)[]>();
  const updateEnd = new Map<number, number>();
  for (const struct of structs) {
    if (struct instanceof Y.Skip) throw new ProtocolError("pending_structs", "update has gaps");
    const { client, clock } = struct.id;
    if (clock + struct.length > MAX_CLOCK) throw new ProtocolError("clock_overflow", "update clock out of range");
    let list = byClient.get(client);
    if (!list) {
      if (clock > known.get(client)) throw new ProtocolError("pending_structs", "update depends on changes the server does not have");
      byClient.set(client, (list = []));
    } else if (clock !== updateEnd.get(client)) {
      throw new ProtocolError("pending_structs", "update has gaps");
    }
    updateEnd.set(client, clock + struct.length);
    list.push(struct as Y.Item | Y.GC);
  }

  const exists = (id: StructRef) => id.clock < Math.max(known.get(id.client), updateEnd.get(id.client) ?? 0);
  const isTypeInUpdateOrDoc = (id: StructRef) => {
    const local = findInUpdate(byClient, id);
    if (local) return local instanceof Y.GC || local.content instanceof Y.ContentType;
    const item = Y.getItem(doc.store, Y.createID(id.client, id.clock));
    return item instanceof Y.GC || (item instanceof Y.Item && (item.content instanceof Y.ContentType || item.deleted));
  };

  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    if (!ALLOWED_CONTENT.has(struct.content.constructor)) throw new ProtocolError("unexpected_content", `content ${struct.content.constructor.name} is not allowed`);
    if (struct.content instanceof Y.ContentType) {
      const type = struct.content.type;
      if (!(type instanceof Y.XmlElement) && !(type instanceof Y.XmlText)) throw new ProtocolError("unexpected_type", "only elements and text may be nested");
    }
    for (const ref of [struct.origin, struct.rightOrigin]) {
      if (ref && !exists(ref)) throw new ProtocolError("pending_structs", "update refers to changes the server does not have");
    }
    const parent = struct.parent as unknown;
    if (typeof parent === "string") {
      if (parent !== topLevelName || struct.parentSub !== null) throw new ProtocolError("unexpected_type", `unexpected top-level type "${parent}"`);
    } else if (parent instanceof Y.ID) {
      if (!exists(parent)) throw new ProtocolError("pending_structs", "update refers to a parent the server does not have");
      if (!isTypeInUpdateOrDoc(parent)) throw new ProtocolError("unexpected_type", "parent is not a type");
    } else if (parent === null && !struct.origin && !struct.rightOrigin) {
      throw new ProtocolError("malformed_update", "item has no parent");
    }
  }

  for (const [client, deletes] of ds.clients) {
    for (const d of deletes) {
      if (d.clock + d.len > MAX_CLOCK) throw new ProtocolError("clock_overflow", "delete out of range");
      if (d.clock + d.len > Math.max(known.get(client), updateEnd.get(client) ?? 0)) {
        throw new ProtocolError("pending_structs", "update deletes changes the server does not have");
      }
    }
  }
}

/**
 * An update with no structs is a delete set alone: walked here without
 * building anything, it must end exactly where the bytes do and stay within
 * the limit. This is also what a V2-encoded update looks like when read as V1
 * (it starts with a zero), and Yjs would otherwise build a delete item for
 * nearly every byte of it before failing: 75 ms for half a megabyte.
 */
function checkDeleteOnlyUpdate(update: Uint8Array) {
  const decoder = decoding.createDecoder(update);
  try {
    if (decoding.readVarUint(decoder) !== 0) return; // has structs: Yjs fails fast on those
    let ranges = 0;
    const clients = decoding.readVarUint(decoder);
    for (let i = 0; i < clients; i++) {
      decoding.readVarUint(decoder); // client
      const deletes = decoding.readVarUint(decoder);
      ranges += deletes;
      if (ranges > MAX_DELETE_RANGES_PER_UPDATE) throw new ProtocolError("update_too_complex", "update deletes too many ranges");
      for (let k = 0; k < deletes; k++) {
        decoding.readVarUint(decoder); // clock
        decoding.readVarUint(decoder); // length
      }
    }
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    throw new ProtocolError("malformed_update", "update does not parse");
  }
  if (decoding.hasContent(decoder)) throw new ProtocolError("malformed_update", "bytes after the end of the update");
}

function findInUpdate(byClient: Map<number, (Y.Item | Y.GC)[]>, id: StructRef) {
  const list = byClient.get(id.client);
  if (!list || id.clock < list[0]!.id.clock) return undefined;
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const struct = list[mid]!;
    if (id.clock < struct.id.clock) high = mid - 1;
    else if (id.clock >= struct.id.clock + struct.length) low = mid + 1;
    else return struct;
  }
  return undefined;
}
