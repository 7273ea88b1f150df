// @vitest-environment happy-dom
// What real editors send is always taken. TipTap editors with the portal's
// own extensions and y-tiptap's Collaboration binding (as in the browser)
// type, split and join paragraphs, format, link, add, move and delete pages,
// and in break-out notes make headings and nested lists; every update they
// produce goes to a collaboration room, which must accept it and end up
// with the editors' document, inside the schema. Two editors editing the
// same places at once are merged the same way.
import { Editor, type Extensions } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import { TextSelection } from "@tiptap/pm/state";
import * as decoding from "lib0/decoding";
import type WebSocket from "ws";
import * as Y from "yjs";
import { checkDocumentFit } from "../../app/domain/collab/document-fit";
import { MODULE_YJS_FIELD, moduleExtensions, moduleSchema } from "../../app/domain/modules/module-schema";
import { moduleJsonToYDoc } from "../../app/domain/modules/module-yjs";
import { notesExtensions, notesSchema, notesTemplate, NOTES_YJS_FIELD } from "../../app/domain/open-space/notes-schema";
import { notesHeadings } from "../../app/domain/open-space/notes-sections";
import { notesJsonToYDoc } from "../../app/domain/open-space/notes-yjs";
import { addPage, deletePage, movePage } from "../../app/components/module-page-commands";
import { Connection, DEFAULT_CONNECTION_LIMITS } from "../../server/collab/connection";
import type { GroupCommit } from "../../server/collab/group-commit";
import { CollabMetrics } from "../../server/collab/metrics";
import { encodeUpdate, MESSAGE_SYNC, SYNC_STEP2, SYNC_UPDATE } from "../../server/collab/protocol";
import { Room } from "../../server/collab/room";
import { silentLog } from "../../server/log";
import { moduleDoc } from "../support/factories";

/** A socket stand-in that records what the server sends and whether it closed. */
class RecordingSocket {
  readonly sent: Uint8Array[] = [];
  bufferedAmount = 0;
  closedWith: { code: number; reason: string } | null = null;
  send(data: Uint8Array) {
    this.sent.push(data);
  }
  close(code: number, reason: string) {
    this.closedWith ??= { code, reason };
  }
  terminate() {}
}

/** A room on `state` with no database behind it: what it would store is kept in a list. */
function roomOn(documentName: string, state: Uint8Array) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state, "load");
  const stored: Uint8Array[] = [];
  const commit = { append: (_room: Room, update: Uint8Array) => stored.push(update), acknowledgeAfterCommit: () => {} } as unknown as GroupCommit;
  const metrics = new CollabMetrics();
  const room = new Room(documentName, doc, { storedBytes: state.length, appendedRows: 0 }, { commit, metrics, log: { ...silentLog, warn: (msg, fields) => console.warn(msg, fields) }, maxDocumentBytes: 4 * 1024 * 1024, publishAwareness: () => {}, onIdle: () => {} });
  return { room, doc, stored, metrics };
}

type Writer = { editor: Editor; doc: Y.Doc; socket: RecordingSocket; conn: Connection; outbox: Uint8Array[]; send: () => void; receive: () => void };

/**
 * An editor bound to its own Y.Doc, joined to the room like a provider: its
 * updates wait in an outbox until `send`, what the server sent it waits
 * until `receive`, so tests choose what happens at the same time.
 */
function writer(room: Room, state: Uint8Array, extensions: Extensions, field: string): Writer {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const socket = new RecordingSocket();
  const conn = new Connection(socket as unknown as WebSocket, { userId: "u", name: "U", sessionId: "s", sessionExpiresAt: Infinity, documentName: room.name, access: "edit", language: "en" }, { ...DEFAULT_CONNECTION_LIMITS, messageBurst: 1e9, byteBurst: 1e12 }, () => {});
  room.join(conn);
  const outbox: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array, origin: unknown) => {
    if (origin !== "server") outbox.push(update);
  });
  const editor = new Editor({ element: document.createElement("div"), extensions: [...extensions, Collaboration.configure({ document: doc, field })] });
  let read = 0;
  return {
    editor,
    doc,
    socket,
    conn,
    outbox,
    send: () => {
      for (const update of outbox.splice(0)) room.receive(conn, encodeUpdate(update));
    },
    receive: () => {
      for (; read < socket.sent.length; read++) {
        const d = decoding.createDecoder(socket.sent[read]!);
        if (decoding.readVarUint(d) !== MESSAGE_SYNC) continue;
        const step = decoding.readVarUint(d);
        if (step === SYNC_STEP2 || step === SYNC_UPDATE) Y.applyUpdate(doc, decoding.readVarUint8Array(d), "server");
      }
    },
  };
}

/** Puts the cursor at the end (or start) of the text in the `nth` node named `type`, counting from 0. */
function cursorInto(editor: Editor, type: string, nth = 0, at: "start" | "end" = "end") {
  let seen = 0;
  const textblocks: number[] = [];
  editor.state.doc.descendants((node, pos) => {
    if (textblocks.length) return false;
    if (node.type.name !== type || seen++ !== nth) return true;
    if (node.isTextblock) textblocks.push(at === "start" ? pos + 1 : pos + node.nodeSize - 1);
    else
      node.descendants((child, inner) => {
        if (child.isTextblock) textblocks.push(at === "start" ? pos + 1 + inner + 1 : pos + 1 + inner + child.nodeSize - 1);
        return !child.isTextblock;
      });
    return false;
  });
  if (!textblocks.length) throw new Error(`no ${type} #${nth}`);
  const target = at === "start" ? textblocks[0]! : textblocks[textblocks.length - 1]!;
  editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, target)));
}

/** Types like a person: one transaction per character. */
function type(editor: Editor, text: string) {
  for (const ch of text) editor.view.dispatch(editor.state.tr.insertText(ch));
}

const press = (editor: Editor, key: string) => editor.commands.keyboardShortcut(key);

function expectAllTaken(w: Writer, r: ReturnType<typeof roomOn>, schema: typeof moduleSchema, field: string) {
  w.send();
  expect(w.socket.closedWith).toBeNull();
  expect(r.metrics.rejected.size).toBe(0);
  expect(r.doc.getXmlFragment(field).toString()).toBe(w.doc.getXmlFragment(field).toString());
  expect(checkDocumentFit(r.doc.getXmlFragment(field), schema).ok).toBe(true);
}

const moduleState = () => Y.encodeStateAsUpdate(moduleJsonToYDoc(moduleDoc({ pages: 3 }) as never));

test("everything a module draft's editor does is taken, one update at a time", () => {
  const state = moduleState();
  const r = roomOn("module.honest", state);
  const w = writer(r.room, state, moduleExtensions, MODULE_YJS_FIELD);
  const { editor } = w;
  const step = (what: string, act: () => void) => {
    act();
    w.send();
    expect(w.socket.closedWith, what).toBeNull();
  };

  step("typing in the introduction", () => {
    cursorInto(editor, "paragraph");
    type(editor, " And more.");
  });
  step("Enter splits the paragraph", () => press(editor, "Enter"));
  step("typing in the new paragraph", () => type(editor, "A second paragraph."));
  step("Backspace at its start joins it again", () => {
    cursorInto(editor, "paragraph", 1, "start");
    press(editor, "Backspace");
  });
  step("Enter in an empty paragraph, then typing", () => {
    cursorInto(editor, "paragraph", 0);
    press(editor, "Enter");
    press(editor, "Enter");
    type(editor, "Third.");
  });
  step("bold and italic words in the context", () => {
    cursorInto(editor, "pageContext");
    editor.commands.toggleBold();
    type(editor, " bold");
    editor.commands.toggleItalic();
    type(editor, " and italic");
  });
  step("a whole question made italic", () => {
    cursorInto(editor, "question");
    const $q = editor.state.selection.$from;
    editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, $q.start(), $q.end())));
    editor.commands.toggleItalic();
  });
  step("a link set, changed and removed", () => {
    cursorInto(editor, "paragraph", 0);
    const { from } = editor.state.selection;
    editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, from - 5, from)));
    editor.chain().extendMarkRange("link").setLink({ href: "https://example.org/a" }).run();
    editor.chain().extendMarkRange("link").setLink({ href: "mailto:someone@example.org" }).run();
    editor.chain().extendMarkRange("link").unsetLink().run();
    editor.chain().extendMarkRange("link").setLink({ href: "https://example.org/kept" }).run();
  });
  step("typing in a title and a take-away prompt", () => {
    cursorInto(editor, "pageTitle", 1);
    type(editor, " revisited");
    cursorInto(editor, "takeawayPrompt");
    type(editor, "What will you try?");
    press(editor, "Enter");
    type(editor, "With whom?");
  });
  step("a page added and filled in", () => {
    cursorInto(editor, "pageTitle", 0);
    addPage(editor);
    type(editor, "A new page");
    cursorInto(editor, "pageContext", 1);
    type(editor, "Its context.");
    cursorInto(editor, "question", 1);
    type(editor, "Its question?");
  });
  const roomText = () => r.doc.getXmlFragment(MODULE_YJS_FIELD).toString();
  expect(roomText()).toContain("A new page");
  expect(roomText()).toContain("Its question?");
  expect(roomText()).toContain("https://example.org/kept");
  expect(roomText()).toContain("<bold>");
  step("a page moved down and up", () => {
    cursorInto(editor, "question", 1);
    movePage(editor, 1);
    movePage(editor, -1);
  });
  step("a page deleted", () => {
    cursorInto(editor, "pageTitle", 2);
    deletePage(editor);
  });
  step("a selection across two paragraphs deleted", () => {
    cursorInto(editor, "paragraph", 0, "start");
    const from = editor.state.selection.from;
    cursorInto(editor, "paragraph", 1);
    editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, from + 2, editor.state.selection.from - 1)));
    press(editor, "Backspace");
  });
  step("pasting several paragraphs of HTML", () => {
    cursorInto(editor, "pageContext", 0);
    editor.commands.insertContent("<p>Pasted one, <strong>bold</strong>.</p><p>Pasted <a href=\"https://example.org\">two</a>.</p>");
  });
  expect(roomText()).toContain("Pasted one, <bold>bold</bold>.");
  step("select all and type over everything", () => {
    editor.commands.selectAll();
    type(editor, "x");
  });
  expectAllTaken(w, r, moduleSchema, MODULE_YJS_FIELD);
  expect(r.stored.length).toBeGreaterThan(50);
  editor.destroy();
});

test("everything a break-out notes editor does is taken: headings, lists, nesting", () => {
  const state = Y.encodeStateAsUpdate(notesJsonToYDoc(notesTemplate("Ana", notesHeadings("en"))));
  const r = roomOn("notes.00000000-0000-4000-8000-000000000000", state);
  const w = writer(r.room, state, notesExtensions, NOTES_YJS_FIELD);
  const { editor } = w;
  const step = (what: string, act: () => void) => {
    act();
    w.send();
    expect(w.socket.closedWith, what).toBeNull();
  };
  step("typing in a list item, Enter for the next", () => {
    cursorInto(editor, "listItem", 0);
    type(editor, "Ana, Ben");
    press(editor, "Enter");
    type(editor, "Cleo");
  });
  step("Tab nests an item, Shift-Tab lifts it", () => {
    press(editor, "Enter");
    type(editor, "Nested");
    press(editor, "Tab");
    press(editor, "Enter");
    type(editor, "Nested two");
    press(editor, "Shift-Tab");
  });
  step("Enter twice leaves the list", () => {
    press(editor, "Enter");
    press(editor, "Enter");
    type(editor, "After the list.");
  });
  step("a heading made and unmade, a list made", () => {
    cursorInto(editor, "paragraph", 0);
    press(editor, "Enter");
    type(editor, "Subheading");
    editor.commands.toggleHeading({ level: 3 });
    editor.commands.toggleHeading({ level: 2 });
    press(editor, "Enter");
    type(editor, "Points");
    editor.commands.toggleBulletList();
    editor.commands.toggleBold();
    type(editor, " in bold");
  });
  step("a list item joined back into the one above", () => {
    cursorInto(editor, "listItem", 1, "start");
    press(editor, "Backspace");
    press(editor, "Backspace");
  });
  const roomText = () => r.doc.getXmlFragment(NOTES_YJS_FIELD).toString();
  // Yjs names elements in lower case.
  expect(roomText()).toContain("<paragraph>Cleo</paragraph><bulletlist><listitem><paragraph>Nested</paragraph></listitem></bulletlist>");
  expect(roomText()).toContain('<heading level="2">Subheading');
  step("select all and delete", () => {
    editor.commands.selectAll();
    press(editor, "Backspace");
    type(editor, "Fresh start");
  });
  expectAllTaken(w, r, notesSchema, NOTES_YJS_FIELD);
  editor.destroy();
});

test("two editors changing the same places at once are both taken and converge", () => {
  const state = moduleState();
  const r = roomOn("module.concurrent", state);
  const a = writer(r.room, state, moduleExtensions, MODULE_YJS_FIELD);
  const b = writer(r.room, state, moduleExtensions, MODULE_YJS_FIELD);
  const roundTrip = () => {
    a.send();
    b.send();
    a.receive();
    b.receive();
  };
  // Both type into the same question, one splits the context paragraph the other types in.
  cursorInto(a.editor, "question", 0);
  type(a.editor, " (A)");
  cursorInto(b.editor, "question", 0, "start");
  type(b.editor, "(B) ");
  cursorInto(a.editor, "pageContext", 0);
  press(a.editor, "Enter");
  type(a.editor, "A's new paragraph");
  cursorInto(b.editor, "pageContext", 0);
  type(b.editor, " B was here.");
  roundTrip();
  // Both add a page after the same one, and both move the same page.
  cursorInto(a.editor, "pageTitle", 1);
  addPage(a.editor);
  type(a.editor, "Page by A");
  cursorInto(b.editor, "pageTitle", 1);
  addPage(b.editor);
  type(b.editor, "Page by B");
  roundTrip();
  cursorInto(a.editor, "pageTitle", 0);
  movePage(a.editor, 1);
  cursorInto(b.editor, "pageTitle", 0);
  movePage(b.editor, 1);
  roundTrip();
  // One deletes a page while the other types in it.
  cursorInto(a.editor, "pageTitle", 2);
  deletePage(a.editor);
  cursorInto(b.editor, "question", 2);
  type(b.editor, " typed into a page being deleted");
  roundTrip();
  roundTrip();
  for (const w of [a, b]) expect(w.socket.closedWith).toBeNull();
  expect(r.metrics.rejected.size).toBe(0);
  const text = r.doc.getXmlFragment(MODULE_YJS_FIELD).toString();
  expect(a.doc.getXmlFragment(MODULE_YJS_FIELD).toString()).toBe(text);
  expect(b.doc.getXmlFragment(MODULE_YJS_FIELD).toString()).toBe(text);
  expect(checkDocumentFit(r.doc.getXmlFragment(MODULE_YJS_FIELD), moduleSchema).ok).toBe(true);
  a.editor.destroy();
  b.editor.destroy();
});

test("two editors who each delete one of the last two pages at once are both taken; the draft keeps a page", () => {
  const state = Y.encodeStateAsUpdate(moduleJsonToYDoc(moduleDoc({ pages: 2 }) as never));
  const r = roomOn("module.last-pages", state);
  const a = writer(r.room, state, moduleExtensions, MODULE_YJS_FIELD);
  const b = writer(r.room, state, moduleExtensions, MODULE_YJS_FIELD);
  cursorInto(a.editor, "pageTitle", 0);
  deletePage(a.editor);
  cursorInto(b.editor, "pageTitle", 1);
  deletePage(b.editor);
  a.send();
  b.send();
  a.receive();
  b.receive();
  for (const w of [a, b]) expect(w.socket.closedWith).toBeNull();
  const text = r.doc.getXmlFragment(MODULE_YJS_FIELD).toString();
  expect(a.doc.getXmlFragment(MODULE_YJS_FIELD).toString()).toBe(text);
  expect(b.doc.getXmlFragment(MODULE_YJS_FIELD).toString()).toBe(text);
  const fit = checkDocumentFit(r.doc.getXmlFragment(MODULE_YJS_FIELD), moduleSchema);
  expect(fit.ok).toBe(true);
  const pages = fit.ok ? fit.doc.content.content.filter((n) => n.type.name === "page") : [];
  expect(pages.map((p) => p.textContent)).toEqual([""]);
  expect(pages[0]!.attrs.id).toEqual(expect.any(String));
  expect(r.metrics.schemaCompletions).toBe(1);
  expect(r.metrics.rejected.size).toBe(0);
  a.editor.destroy();
  b.editor.destroy();
});
