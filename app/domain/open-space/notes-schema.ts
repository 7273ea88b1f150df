// A break-out's notes document, defined once: headings, paragraphs, bullet
// lists, bold and italic. The browser editor, the server renderer, the
// proceedings' text analysis and the JSON ⇄ Yjs conversion all use this
// extension list. Plain module (not .server): the editor imports it.
import { getSchema, type Extensions } from "@tiptap/core";
import Bold from "@tiptap/extension-bold";
import Document from "@tiptap/extension-document";
import Heading from "@tiptap/extension-heading";
import Italic from "@tiptap/extension-italic";
import { BulletList, ListItem } from "@tiptap/extension-list";
import Paragraph from "@tiptap/extension-paragraph";
import Text from "@tiptap/extension-text";
import { isCanonicalUuid } from "../uuid";

export const notesExtensions: Extensions = [
  Document,
  Paragraph,
  Text,
  Heading.configure({ levels: [2, 3] }),
  BulletList,
  ListItem,
  Bold,
  Italic,
];

export const notesSchema = getSchema(notesExtensions);

/** The Yjs field the collaboration extension binds to (TipTap's default, as for modules). */
export const NOTES_YJS_FIELD = "default";

export const NOTES_DOCUMENT_PREFIX = "notes.";
export const notesDocumentName = (sessionId: string) => `${NOTES_DOCUMENT_PREFIX}${sessionId}`;


/** The session id in a document name, or null for a name that is not a break-out's notes. */
export function sessionIdOfNotesDocument(documentName: string): string | null {
  if (!documentName.startsWith(NOTES_DOCUMENT_PREFIX)) return null;
  const id = documentName.slice(NOTES_DOCUMENT_PREFIX.length);
  return isCanonicalUuid(id) ? id : null;
}

/**
 * The template's sections, in order. Their headings are written in the
 * organisation's language (reunions:notes.sections); the analysis finds the
 * sections again by their heading, in either language (notes-sections.ts).
 */
export const NOTES_SECTIONS = ["convener", "participants", "insights", "actions", "relatedModules"] as const;

export type NotesSectionKey = (typeof NOTES_SECTIONS)[number];

export type NotesDocJSON = {
  type: string;
  attrs?: Record<string, unknown>;
  content?: NotesDocJSON[];
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
};

const paragraph = (text?: string): NotesDocJSON => (text ? { type: "paragraph", content: [{ type: "text", text }] } : { type: "paragraph" });
const emptyList = (): NotesDocJSON => ({ type: "bulletList", content: [{ type: "listItem", content: [paragraph()] }] });

/** What a break-out's notes start from: the five headings (`headings`, in the organisation's language), the convener's name filled in. */
export function notesTemplate(convenerName: string | null, headings: Record<NotesSectionKey, string>): NotesDocJSON {
  const body: Record<NotesSectionKey, NotesDocJSON> = {
    convener: paragraph(convenerName ?? undefined),
    participants: emptyList(),
    insights: emptyList(),
    actions: emptyList(),
    relatedModules: paragraph(),
  };
  return {
    type: "doc",
    content: NOTES_SECTIONS.flatMap((key) => [{ type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: headings[key] }] }, body[key]]),
  };
}
