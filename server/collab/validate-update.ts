// Checks an untrusted Yjs update against the live document before it is
// applied, so a bad one is refused without touching the document: it must
// parse, depend only on what exists, use the document's one top-level type and
// the kinds of content the editor writes, stay within sane clocks, and be
// cheap enough to apply without holding up everyone else. Each element,
// attribute and format must be one the document kind's schema has, where it
// allows it (the rules of app/domain/collab/document-fit.ts). It also says
// whether the update could change the document's structure; only then does
// the room check the resulting document as a whole.
import type { Schema } from "@tiptap/pm/model";
import * as decoding from "lib0/decoding";
import * as Y from "yjs";
import { attributeRule, elementRule, formatRule, type FitProblemKind } from "../../app/domain/collab/document-fit";
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

/** What the document kind fixes: the editor's top-level type and its schema. */
export type DocumentShape = { yjsField: string; schema: Schema };

/** Where an item lands once integrated: in a type (or the top-level fragment), as a child or as the map entry `sub`; "gone" when Yjs will drop it. */
type Placement = { parent: Y.AbstractType<unknown> | "top" | "gone"; sub: string | null };
const GONE: Placement = { parent: "gone", sub: null };

export const SCHEMA_REFUSALS: Record<FitProblemKind | "placement", string> = {
  "unknown-content": "schema_unknown_element",
  attribute: "schema_attribute",
  formatting: "schema_formatting",
  link: "schema_unsafe_link",
  structure: "schema_structure",
  placement: "schema_placement",
};

/**
 * Throws a ProtocolError for anything the server must not apply. Returns
 * whether the update could change the document's structure: anything but
 * typing and deleting characters in existing text (the hot path).
 */
export function validateUpdate(doc: Y.Doc, update: Uint8Array, shape: DocumentShape): { changesStructure: boolean } {
  const topLevelName = shape.yjsField;
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

  const changesStructure = checkAgainstSchema(doc, structs, byClient, shape.schema);
  return { changesStructure: changesStructure || deletesMoreThanCharacters(doc, ds) };
}

/**
 * Each item against the schema, where it will land: elements of known node
 * types in the document or an element, text only in text nodes, formats the
 * text's element allows, attributes its node type has. True when any item
 * is more than characters typed into text.
 */
function checkAgainstSchema(doc: Y.Doc, structs: (Y.Item | Y.GC | Y.Skip)[], byClient: Map<number, (Y.Item | Y.GC)[]>, schema: Schema): boolean {
  const refuse = (kind: FitProblemKind | "placement", detail: string): never => {
    throw new ProtocolError(SCHEMA_REFUSALS[kind], detail);
  };
  const check = (rule: { kind: FitProblemKind; detail: string } | null) => {
    if (rule) refuse(rule.kind, rule.detail);
  };
  // Types this update creates, so text can find the element it sits in.
  const newTypes = new Map<unknown, Y.Item>();
  for (const struct of structs) if (struct instanceof Y.Item && struct.content instanceof Y.ContentType) newTypes.set(struct.content.type, struct);

  const typeAt = (id: Y.ID): Placement["parent"] => {
    const local = findInUpdate(byClient, id);
    const item = local ?? Y.getItem(doc.store, id);
    return item instanceof Y.Item && item.content instanceof Y.ContentType ? item.content.type : "gone";
  };
  // A top-level type is a plain AbstractType until someone asks for it by its class.
  const inDoc = (type: Y.AbstractType<unknown> | null): Placement["parent"] => (!type ? "gone" : type._item === null ? "top" : type);
  const placements = new Map<Y.Item, Placement>();
  // As Yjs integrates: an explicit parent, else the parent and key of the left (or right) neighbour.
  const placementOf = (item: Y.Item): Placement => {
    const chain: Y.Item[] = [];
    let current = item;
    let found: Placement;
    for (;;) {
      const known = placements.get(current);
      if (known) {
        found = known;
        break;
      }
      const parent = current.parent as unknown;
      if (typeof parent === "string") {
        found = { parent: "top", sub: current.parentSub };
        break;
      }
      if (parent instanceof Y.ID) {
        found = { parent: typeAt(parent), sub: current.parentSub };
        break;
      }
      const ref = current.origin ?? current.rightOrigin;
      if (!ref) {
        found = GONE;
        break;
      }
      const local = findInUpdate(byClient, ref);
      if (local instanceof Y.Item) {
        chain.push(current);
        if (chain.length > structs.length) throw new ProtocolError("malformed_update", "items refer to each other in a circle");
        current = local;
        continue;
      }
      const neighbour = local ?? Y.getItem(doc.store, Y.createID(ref.client, ref.clock));
      found = neighbour instanceof Y.Item ? { parent: inDoc(neighbour.parent as Y.AbstractType<unknown> | null), sub: neighbour.parentSub } : GONE;
      break;
    }
    chain.push(current);
    for (const c of chain) placements.set(c, found);
    return found;
  };
  /** The node name of the element a text sits in; null for text straight in the document; undefined when unknown. */
  const elementOfText = (text: Y.XmlText): string | null | undefined => {
    const created = newTypes.get(text);
    const parent = created ? placementOf(created).parent : inDoc((text._item?.parent as Y.AbstractType<unknown> | undefined) ?? null);
    if (parent === "top") return null;
    return parent instanceof Y.XmlElement ? parent.nodeName : undefined;
  };

  let changesStructure = false;
  for (const struct of structs) {
    if (!(struct instanceof Y.Item) || struct.content instanceof Y.ContentDeleted) continue;
    const { parent, sub } = placementOf(struct);
    if (parent === "gone") continue; // Yjs drops it on arrival
    const content = struct.content;
    if (content instanceof Y.ContentString) {
      if (sub !== null || !(parent instanceof Y.XmlText)) refuse("placement", "characters outside a text node");
      continue;
    }
    changesStructure = true;
    if (content instanceof Y.ContentType) {
      if (sub !== null) refuse("placement", "an element or text as an attribute");
      if (parent !== "top" && !(parent instanceof Y.XmlElement)) refuse("placement", "an element or text inside text");
      if (content.type instanceof Y.XmlElement) check(elementRule(schema, content.type.nodeName));
    } else if (content instanceof Y.ContentFormat) {
      if (sub !== null || !(parent instanceof Y.XmlText)) refuse("placement", "formatting outside a text node");
      const element = elementOfText(parent as Y.XmlText);
      if (element !== undefined) check(formatRule(schema, element, content.key, content.value));
    } else if (content instanceof Y.ContentAny) {
      if (sub === null || !(parent instanceof Y.XmlElement)) refuse("placement", "a value that is not an element's attribute");
      if (content.arr.length !== 1) refuse("attribute", "an attribute with several values");
      check(attributeRule(schema, (parent as Y.XmlElement).nodeName, sub!, content.arr[0]));
    }
  }
  return changesStructure;
}

/** Whether the delete set removes anything but characters: elements, text nodes, formats, attributes. */
function deletesMoreThanCharacters(doc: Y.Doc, ds: { clients: Map<number, { clock: number; len: number }[]> }): boolean {
  for (const [client, deletes] of ds.clients) {
    const structs = doc.store.clients.get(client);
    const known = Y.getState(doc.store, client);
    for (const d of deletes) {
      const end = d.clock + d.len;
      // Deleting what this very update adds: rare, so simply checked as a whole.
      if (end > known || !structs) return true;
      for (let i = Y.findIndexSS(structs, d.clock); i < structs.length && structs[i]!.id.clock < end; i++) {
        const struct = structs[i]!;
        if (struct instanceof Y.Item && !struct.deleted && !(struct.content instanceof Y.ContentString)) return true;
      }
    }
  }
  return false;
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
