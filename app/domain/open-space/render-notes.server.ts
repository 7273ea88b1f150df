// Renders a break-out's notes to HTML on the server, from the notes schema,
// then through sanitize-html as a second wall. Readers of the proceedings
// only ever see HTML made here.
import { generateHTML } from "@tiptap/html/server";
import sanitizeHtml from "sanitize-html";
import { notesExtensions, type NotesDocJSON } from "./notes-schema";

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ["h2", "h3", "p", "ul", "li", "strong", "em"],
  allowedAttributes: {},
  disallowedTagsMode: "discard",
};

export function renderNotes(doc: NotesDocJSON): string {
  // Headings one level down: on the proceedings page each break-out is itself under an h2.
  return sanitizeHtml(generateHTML(doc, notesExtensions), SANITIZE)
    .replace(/<(\/?)h3>/g, "<$1h4>")
    .replace(/<(\/?)h2>/g, "<$1h3>");
}

/** The same document with every text run passed through `change` (used to hide names). */
export function mapNotesText(doc: NotesDocJSON, change: (text: string) => string): NotesDocJSON {
  if (doc.type === "text") return { ...doc, text: change(doc.text ?? "") };
  return doc.content ? { ...doc, content: doc.content.map((child) => mapNotesText(child, change)) } : doc;
}
