// The editor's structural commands for a module draft (add, move, delete a
// page; go to its question), as ProseMirror transactions that keep the
// document inside the schema: introduction, page+, takeaways.
import type { Editor } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { TextSelection, type EditorState } from "@tiptap/pm/state";

type PageAt = { pos: number; node: PMNode; index: number };

/** The page holding the selection, if any; pages are the document's direct children. */
export function pageAtSelection(state: EditorState): PageAt | null {
  const { $from } = state.selection;
  if ($from.depth >= 1 && $from.node(1).type.name === "page") return { pos: $from.before(1), node: $from.node(1), index: $from.index(0) };
  return null;
}

/** Where the cursor is, as a catalogue key and its values: the introduction, page 2 of 7, the take-away prompts (modules:toolbar.where). */
export function whereInModule(state: EditorState): { key: string; page?: number; pages?: number } {
  const { $from } = state.selection;
  const part = $from.depth >= 1 ? $from.node(1).type.name : null;
  if (part === "introduction") return { key: "introduction" };
  if (part === "takeaways") return { key: "takeaways" };
  const page = pageAtSelection(state);
  return page ? { key: "page", page: pageNumber(state.doc, page.index), pages: pageCount(state.doc) } : { key: "module" };
}

export function pageCount(doc: PMNode) {
  let n = 0;
  doc.forEach((child) => {
    if (child.type.name === "page") n++;
  });
  return n;
}

/** 1-based number of the page at `index` among the document's children. */
export function pageNumber(doc: PMNode, index: number) {
  let n = 0;
  for (let i = 0; i <= index && i < doc.childCount; i++) if (doc.child(i).type.name === "page") n++;
  return n;
}

function newPageId() {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  // Plain-http hosts have no randomUUID; the id only has to be unique.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function positionOfChild(doc: PMNode, index: number) {
  let pos = 0;
  for (let i = 0; i < index; i++) pos += doc.child(i).nodeSize;
  return pos;
}

/** Adds an empty page after the current one (or after the introduction, or before the take-aways) and puts the cursor in its title. */
export function addPage(editor: Editor) {
  const { state } = editor;
  const { schema, doc } = state;
  const page = schema.nodes.page!.create({ id: newPageId() }, [
    schema.nodes.pageTitle!.create(),
    schema.nodes.pageContext!.create(null, schema.nodes.paragraph!.create()),
    schema.nodes.question!.create(),
  ]);
  const current = pageAtSelection(state);
  const inTakeaways = state.selection.$from.depth >= 1 && state.selection.$from.node(1).type.name === "takeaways";
  const at = current
    ? current.pos + current.node.nodeSize
    : inTakeaways
      ? positionOfChild(doc, doc.childCount - 1)
      : doc.child(0).nodeSize;
  const tr = state.tr.insert(at, page);
  // Inside the new page (+1), inside its title (+1).
  tr.setSelection(TextSelection.create(tr.doc, at + 2)).scrollIntoView();
  editor.view.dispatch(tr);
  editor.view.focus();
}

export function canMovePage(state: EditorState, direction: -1 | 1) {
  const current = pageAtSelection(state);
  if (!current) return false;
  const neighbour = state.doc.maybeChild(current.index + direction);
  return neighbour?.type.name === "page";
}

/** Swaps the current page with the one before (-1) or after (1); the cursor stays where it was. */
export function movePage(editor: Editor, direction: -1 | 1) {
  const { state } = editor;
  const current = pageAtSelection(state);
  if (!current || !canMovePage(state, direction)) return;
  const neighbour = state.doc.child(current.index + direction);
  const tr = state.tr;
  const end = current.pos + current.node.nodeSize;
  if (direction === -1) {
    // Put the page before after this one; positions before `end` are unchanged by the insert.
    tr.insert(end, neighbour).delete(current.pos - neighbour.nodeSize, current.pos);
  } else {
    tr.delete(end, end + neighbour.nodeSize).insert(current.pos, neighbour);
  }
  editor.view.dispatch(tr.scrollIntoView());
  editor.view.focus();
}

export function canDeletePage(state: EditorState) {
  return pageAtSelection(state) !== null && pageCount(state.doc) > 1;
}

/** Deletes the current page, never the last one, and puts the cursor in the page that took its place. */
export function deletePage(editor: Editor) {
  const { state } = editor;
  const current = pageAtSelection(state);
  if (!current || !canDeletePage(state)) return;
  const tr = state.tr.delete(current.pos, current.pos + current.node.nodeSize);
  const $pos = tr.doc.resolve(Math.min(current.pos + 2, tr.doc.content.size));
  tr.setSelection(TextSelection.near($pos)).scrollIntoView();
  editor.view.dispatch(tr);
  editor.view.focus();
}

/** Puts the cursor at the end of the current page's question (the first page's, outside a page). */
export function goToQuestion(editor: Editor) {
  const { state } = editor;
  let page = pageAtSelection(state);
  if (!page) {
    const index = positionOfFirstPage(state.doc);
    if (index === null) return;
    page = { pos: positionOfChild(state.doc, index), node: state.doc.child(index), index };
  }
  // The question is the page's last child: its text ends two tokens before the page does.
  const textEnd = page.pos + page.node.nodeSize - 2;
  const tr = state.tr.setSelection(TextSelection.create(state.doc, textEnd)).scrollIntoView();
  editor.view.dispatch(tr);
  editor.view.focus();
}

function positionOfFirstPage(doc: PMNode): number | null {
  for (let i = 0; i < doc.childCount; i++) if (doc.child(i).type.name === "page") return i;
  return null;
}

/** Whether the page has any text in it, so deleting it loses something. */
export function pageHasText(page: PMNode) {
  return page.textContent.trim().length > 0;
}
