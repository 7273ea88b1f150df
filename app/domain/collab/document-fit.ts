// Whether a collaborative document fits its kind's schema (the TipTap
// extension list its editor uses), read straight from the Yjs types without
// changing them: y-tiptap's own conversion deletes what it cannot convert,
// which must never happen to a live or stored document just by reading it.
// The rules for single elements, attributes and formats are exported so the
// collaboration server checks each incoming change with the very same ones.
import { Fragment, type ContentMatch, type MarkType, type Node as PMNode, type NodeType, type Schema } from "@tiptap/pm/model";
import * as Y from "yjs";
import { isSafeLinkHref } from "../modules/module-schema";

export type FitProblemKind = "unknown-content" | "attribute" | "formatting" | "link" | "structure";
/** What does not fit, and where: child indexes from the document down. */
export type FitProblem = { kind: FitProblemKind; detail: string; path: number[] };
export type DocumentFit = { ok: true; doc: PMNode } | { ok: false; problem: FitProblem };
type Rule = { kind: FitProblemKind; detail: string } | null;

/** An element the editor could write: a node type of the schema, neither text nor the document itself. */
export function elementRule(schema: Schema, nodeName: string): Rule {
  const type = Object.hasOwn(schema.nodes, nodeName) ? schema.nodes[nodeName] : undefined;
  if (!type || type.isText || type === schema.topNodeType) return { kind: "unknown-content", detail: `element "${nodeName}" is not in the schema` };
  return null;
}

/** An attribute of an element: one its node type has, with a plain value its spec accepts. */
export function attributeRule(schema: Schema, nodeName: string, key: string, value: unknown): Rule {
  const type = Object.hasOwn(schema.nodes, nodeName) ? schema.nodes[nodeName] : undefined;
  if (!type) return null; // the element itself is refused
  const attrs = attrsOf(type);
  if (!Object.hasOwn(attrs, key)) return { kind: "attribute", detail: `"${nodeName}" has no attribute "${key}"` };
  if (!isPlain(value)) return { kind: "attribute", detail: `attribute "${key}" of "${nodeName}" is not a plain value` };
  try {
    attrs[key]!.validate?.(value);
  } catch (error) {
    return { kind: "attribute", detail: (error as Error).message };
  }
  return null;
}

/**
 * A format in a text (y-tiptap writes one per mark, its attributes as the
 * value, null where it ends): a mark of the schema that the element holding
 * the text allows, with only that mark's attributes, and links only to
 * http(s) or mailto. `nodeName` is null for text straight in the document.
 */
export function formatRule(schema: Schema, nodeName: string | null, key: string, value: unknown): Rule {
  const mark = Object.hasOwn(schema.marks, key) ? schema.marks[key] : undefined;
  if (!mark) return { kind: "formatting", detail: `formatting "${key}" is not in the schema` };
  if (nodeName === null) return { kind: "structure", detail: "text outside any element" };
  const node = Object.hasOwn(schema.nodes, nodeName) ? schema.nodes[nodeName] : undefined;
  if (node && !node.allowsMarkType(mark)) return { kind: "formatting", detail: `"${key}" is not allowed in "${nodeName}"` };
  if (value === null) return null; // where the formatting ends
  const attrs = value === true ? {} : value;
  if (typeof attrs !== "object" || attrs === null || Array.isArray(attrs)) return { kind: "formatting", detail: `formatting "${key}" has a malformed value` };
  for (const [name, v] of Object.entries(attrs)) {
    if (!Object.hasOwn(attrsOf(mark), name)) return { kind: "formatting", detail: `"${key}" has no attribute "${name}"` };
    if (!isPlain(v)) return { kind: "formatting", detail: `attribute "${name}" of "${key}" is not a plain value` };
  }
  if (key === "link" && !isSafeLinkHref((attrs as { href?: unknown }).href)) return { kind: "link", detail: "link to something other than http(s) or mailto" };
  return null;
}

/** A node or mark type's attributes as ProseMirror compiled them (its `validate` is always a function). */
const attrsOf = (type: NodeType | MarkType) => (type as unknown as { attrs: Record<string, { validate?: (value: unknown) => void }> }).attrs;

const isPlain = (value: unknown) => value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean";

type NodeJSON = { type: string; attrs?: Record<string, unknown>; content?: NodeJSON[]; text?: string; marks?: { type: string; attrs?: Record<string, unknown> }[] };

class Misfit extends Error {
  constructor(readonly problem: FitProblem) {
    super(problem.detail);
  }
}

function fail(rule: Rule, path: number[]): void {
  if (rule) throw new Misfit({ ...rule, path });
}

/** The children of an element (or of the document, `nodeName` null) as ProseMirror JSON, checking each on the way. */
function childrenOf(schema: Schema, parent: Y.XmlFragment, nodeName: string | null, path: number[]): NodeJSON[] {
  const out: NodeJSON[] = [];
  parent.toArray().forEach((child, index) => {
    const at = [...path, index];
    if (child instanceof Y.XmlElement) {
      fail(elementRule(schema, child.nodeName), at);
      const attrs = child.getAttributes() as Record<string, unknown>;
      for (const [key, value] of Object.entries(attrs)) fail(attributeRule(schema, child.nodeName, key, value), at);
      const content = childrenOf(schema, child, child.nodeName, at);
      out.push({ type: child.nodeName, ...(Object.keys(attrs).length ? { attrs } : {}), ...(content.length ? { content } : {}) });
    } else if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
        if (typeof op.insert !== "string" || op.insert.length === 0) fail({ kind: "unknown-content", detail: "an embedded object in text" }, at);
        const marks: NonNullable<NodeJSON["marks"]> = [];
        for (const [key, value] of Object.entries(op.attributes ?? {})) {
          fail(formatRule(schema, nodeName, key, value), at);
          marks.push(value === true || value === null || Object.keys(value as object).length === 0 ? { type: key } : { type: key, attrs: value as Record<string, unknown> });
        }
        out.push({ type: "text", text: op.insert as string, ...(marks.length ? { marks } : {}) });
      }
    } else {
      fail({ kind: "unknown-content", detail: "content that is neither an element nor text" }, at);
    }
  });
  return out;
}

/** The path of the outermost node whose children do not follow its content expression. */
function invalidContentPath(node: PMNode, path: number[] = []): number[] | null {
  if (!node.type.validContent(node.content)) return path;
  for (let i = 0; i < node.childCount; i++) {
    const found = invalidContentPath(node.child(i), [...path, i]);
    if (found) return found;
  }
  return null;
}

/** The document as ProseMirror reads it, checked item by item but not yet as a whole; or the first problem. */
function readDocument(fragment: Y.XmlFragment, schema: Schema): { doc: PMNode } | { problem: FitProblem } {
  let json: NodeJSON;
  try {
    json = { type: schema.topNodeType.name, content: childrenOf(schema, fragment, null, []) };
    return { doc: schema.nodeFromJSON(json) };
  } catch (error) {
    if (error instanceof Misfit) return { problem: error.problem };
    return { problem: { kind: "structure", detail: (error as Error).message, path: [] } };
  }
}

/** Whether the document in `fragment` fits `schema`: the checked ProseMirror document, or the first problem. Never throws. */
export function checkDocumentFit(fragment: Y.XmlFragment, schema: Schema): DocumentFit {
  const read = readDocument(fragment, schema);
  if ("problem" in read) return { ok: false, problem: read.problem };
  try {
    read.doc.check();
    return { ok: true, doc: read.doc };
  } catch (error) {
    return { ok: false, problem: { kind: "structure", detail: (error as Error).message, path: invalidContentPath(read.doc) ?? [] } };
  }
}

/** An empty part to insert as child `index` of the element at `path` (child indexes from the document down). */
export type MissingPart = { path: number[]; index: number; node: PMNode };

/**
 * The empty parts that would complete a document whose only problem is that
 * some list the schema requires to have at least one entry (pages, a page's
 * context paragraphs, take-away prompts, list items) has none: what two
 * people deleting different entries at the same moment leave behind. Null
 * when anything else is wrong, such as a page without its one question,
 * which no editor's change or merge of changes produces.
 */
export function missingRepeatedParts(fragment: Y.XmlFragment, schema: Schema): MissingPart[] | null {
  const read = readDocument(fragment, schema);
  if ("problem" in read) return null;
  const parts: MissingPart[] = [];
  const visit = (node: PMNode, path: number[]): boolean => {
    if (!node.type.validContent(node.content)) {
      const fills = emptyEntriesFor(node);
      if (!fills) return false;
      for (const fill of fills) parts.push({ path, ...fill });
    }
    for (let i = 0; i < node.childCount; i++) if (!visit(node.child(i), [...path, i])) return false;
    return true;
  };
  return visit(read.doc, []) && parts.length ? parts : null;
}

/** Where empty entries of repeatable kinds would make a block container's children valid, or null. */
function emptyEntriesFor(node: PMNode): { index: number; node: PMNode }[] | null {
  if (node.inlineContent) return null;
  const fills: { index: number; node: PMNode }[] = [];
  let match: ContentMatch = node.type.contentMatch;
  const fill = (before: Fragment, index: number, toEnd: boolean) => {
    const needed = match.fillBefore(before, toEnd);
    if (!needed || needed.childCount === 0) return false;
    for (let i = 0; i < needed.childCount; i++) {
      const part = needed.child(i);
      const once = match.matchType(part.type);
      // Only a kind of which there may be more than one: its list was emptied.
      if (!once?.matchType(part.type)) return false;
      fills.push({ index, node: part });
      match = once;
    }
    return true;
  };
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i);
    if (!match.matchType(child.type) && !fill(Fragment.from(child), i, false)) return null;
    const next = match.matchType(child.type);
    if (!next) return null;
    match = next;
  }
  if (!match.validEnd && !fill(Fragment.empty, node.childCount, true)) return null;
  return fills;
}
