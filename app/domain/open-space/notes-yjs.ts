// A break-out's notes as a Yjs document and back, through the notes schema
// the collaborative editor binds to.
import { prosemirrorJSONToYDoc, yDocToProsemirrorJSON } from "@tiptap/y-tiptap";
import type * as Y from "yjs";
import { NOTES_YJS_FIELD, notesSchema, type NotesDocJSON } from "./notes-schema";

export function notesJsonToYDoc(json: NotesDocJSON): Y.Doc {
  return prosemirrorJSONToYDoc(notesSchema, json, NOTES_YJS_FIELD);
}

/** The notes as schema-checked JSON; null when what is stored does not fit the schema. */
export function yDocToNotesJson(ydoc: Y.Doc): NotesDocJSON | null {
  try {
    const node = notesSchema.nodeFromJSON(yDocToProsemirrorJSON(ydoc, NOTES_YJS_FIELD));
    node.check();
    return JSON.parse(JSON.stringify(node.toJSON())) as NotesDocJSON;
  } catch {
    return null;
  }
}
