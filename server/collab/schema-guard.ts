// Keeps a room's document inside its kind's schema. An update that could
// change the structure is applied first to a copy of the document, and the
// whole result is checked there (never on the live document, which others
// are served from): if it does not fit, the update is refused. One honest
// exception: two people deleting different entries of a list at the same
// moment (each of the last two pages, say) merge into a list with none; the
// guard then completes the document with one empty entry instead of refusing
// the second person, whose editor would otherwise send that deletion forever.
import type { Node as PMNode } from "@tiptap/pm/model";
import * as Y from "yjs";
import { checkDocumentFit, missingRepeatedParts, type MissingPart } from "../../app/domain/collab/document-fit";
import { ProtocolError } from "./protocol";
import { SCHEMA_REFUSALS, type DocumentShape } from "./validate-update";

/**
 * Past this many updates behind, the copy is dropped and rebuilt from the
 * live document when next needed: a rebuild costs about as much as catching
 * up on a few dozen keystrokes (0.25 ms for a six-page module, 1.2 ms for a
 * 100 KB one), and a room whose people only type holds no copy at all.
 */
const MAX_BEHIND = 64;

export class SchemaGuard {
  /** The copy; kept only while it is cheap to bring up to date. */
  private shadow: Y.Doc | null = null;
  /** Updates the live document took since the copy last matched it. */
  private behind: Uint8Array[] = [];

  constructor(
    private readonly live: Y.Doc,
    private readonly shape: DocumentShape,
  ) {}

  /** Every update the live document takes, except those `check` already applied to the copy. */
  liveChanged(update: Uint8Array) {
    if (!this.shadow) return;
    this.behind.push(update);
    if (this.behind.length > MAX_BEHIND) this.drop();
  }

  /**
   * Applies `update` to the copy and checks the resulting document. Throws a
   * ProtocolError when it does not fit; otherwise returns the update that
   * completes emptied lists (to apply after it), or null. A document stored
   * before this check existed may not fit already: updates to it are held to
   * the per-item rules only, so people can go on working and mend it.
   */
  check(update: Uint8Array): Uint8Array | null {
    const shadow = this.upToDate();
    try {
      Y.applyUpdate(shadow, update);
    } catch (error) {
      // Never reached the live document: only this socket is refused.
      this.drop();
      throw new ProtocolError("apply_failed", (error as Error).message);
    }
    const fragment = shadow.getXmlFragment(this.shape.yjsField);
    const after = checkDocumentFit(fragment, this.shape.schema);
    if (after.ok) return null;
    if (!checkDocumentFit(this.live.getXmlFragment(this.shape.yjsField), this.shape.schema).ok) return null;
    const missing = missingRepeatedParts(fragment, this.shape.schema);
    const completion = missing && completeOn(shadow, fragment, missing);
    if (completion && checkDocumentFit(fragment, this.shape.schema).ok) return completion;
    this.drop();
    throw new ProtocolError(SCHEMA_REFUSALS[after.problem.kind], `the document would not fit its schema: ${after.problem.detail}`);
  }

  /** The copy no longer matches what the live document will hold (a refused or failed update). */
  drop() {
    this.shadow?.destroy();
    this.shadow = null;
    this.behind = [];
  }

  private upToDate(): Y.Doc {
    if (this.shadow) {
      for (const update of this.behind) Y.applyUpdate(this.shadow, update);
    } else {
      this.shadow = new Y.Doc();
      Y.applyUpdate(this.shadow, Y.encodeStateAsUpdate(this.live));
    }
    this.behind = [];
    return this.shadow;
  }
}

/** Inserts the missing parts into the copy in one transaction; returns that transaction's update. */
function completeOn(doc: Y.Doc, fragment: Y.XmlFragment, missing: MissingPart[]): Uint8Array | null {
  let completion: Uint8Array | null = null;
  const capture = (update: Uint8Array) => (completion = update);
  doc.on("update", capture);
  try {
    doc.transact(() => {
      // From the last to the first, so earlier indexes stay valid.
      for (const part of [...missing].reverse()) {
        let parent: Y.XmlFragment = fragment;
        for (const index of part.path) parent = parent.get(index) as Y.XmlElement;
        parent.insert(part.index, [toYElement(part.node)]);
      }
    });
  } finally {
    doc.off("update", capture);
  }
  return completion;
}

/** An empty node as the element y-tiptap would write for it; an empty `id` gets a fresh one, as the editor gives each new page. */
function toYElement(node: PMNode): Y.XmlElement {
  const element = new Y.XmlElement(node.type.name);
  const attrs = { ...node.attrs, ...("id" in node.attrs && node.attrs.id === null ? { id: crypto.randomUUID() } : {}) };
  for (const [key, value] of Object.entries(attrs)) if (value !== null) element.setAttribute(key, value as string);
  const children: (Y.XmlElement | Y.XmlText)[] = [];
  node.forEach((child) => children.push(child.isText ? new Y.XmlText(child.text) : toYElement(child)));
  if (children.length) element.insert(0, children);
  return element;
}
