// A break-out's notes as a Yjs document and back, through the notes schema
// the collaborative editor binds to.
import { prosemirrorJSONToYDoc } from "@tiptap/y-tiptap";
import type * as Y from "yjs";
import { checkDocumentFit } from "../collab/document-fit";
import { NOTES_YJS_FIELD, notesSchema, type NotesDocJSON } from "./notes-schema";

export function notesJsonToYDoc(json: NotesDocJSON): Y.Doc {
  return prosemirrorJSONToYDoc(notesSchema, json, NOTES_YJS_FIELD);
}

/** The notes as schema-checked JSON, read without changing the Yjs document; null when what is stored does not fit the schema. */
export function yDocToNotesJson(ydoc: Y.Doc): NotesDocJSON | null {
  const fit = checkDocumentFit(ydoc.getXmlFragment(NOTES_YJS_FIELD), notesSchema);
  return fit.ok ? (JSON.parse(JSON.stringify(fit.doc.toJSON())) as NotesDocJSON) : null;
}
