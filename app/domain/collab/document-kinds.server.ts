// The kinds of collaborative document the collaboration server serves, told
// apart by the prefix of their name: a module's working draft
// ("module.<id>") and a break-out's notes ("notes.<sessionId>"). Each kind
// says who may edit or watch it, what a new one starts from, which Yjs field
// its editor binds to and the schema every change must keep it in.
// Authentication on upgrade, the access re-check, the store's seeding and
// the check of incoming updates go through here, so a new kind is one entry.
import type { Schema } from "@tiptap/pm/model";
import type { Database } from "../../../db/database";
import { accessToDocument as accessToDraft, accessToDocuments as accessToDrafts, initialDraftState } from "../modules/module-draft.server";
import { MODULE_YJS_FIELD, moduleSchema } from "../modules/module-schema";
import { accessToNotes, accessToNotesMany, initialNotesState } from "../open-space/breakout-notes.server";
import { NOTES_DOCUMENT_PREFIX, NOTES_YJS_FIELD, notesSchema } from "../open-space/notes-schema";
import type { Actor, DraftAccess } from "../policy";

export type AccessPair = { userId: string; documentName: string };

export type DocumentKind = {
  prefix: string;
  /** The one top-level Yjs type the editor writes; anything else is refused. */
  yjsField: string;
  /** The editor's schema (its TipTap extension list): the server refuses any update that leaves the document outside it. */
  schema: Schema;
  access: (db: Database, actor: Actor, documentName: string) => Promise<DraftAccess>;
  /** Keys are `${userId} ${documentName}`, as the access watch looks them up. */
  accessMany: (db: Database, pairs: AccessPair[]) => Promise<Map<string, DraftAccess>>;
  /** Null refuses the name: there is no such document. */
  initialState: (db: Database, documentName: string) => Promise<Uint8Array | null>;
};

export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  { prefix: "module.", yjsField: MODULE_YJS_FIELD, schema: moduleSchema, access: accessToDraft, accessMany: accessToDrafts, initialState: initialDraftState },
  { prefix: NOTES_DOCUMENT_PREFIX, yjsField: NOTES_YJS_FIELD, schema: notesSchema, access: accessToNotes, accessMany: accessToNotesMany, initialState: initialNotesState },
];

export function documentKindOf(documentName: string): DocumentKind | null {
  return DOCUMENT_KINDS.find((kind) => documentName.startsWith(kind.prefix)) ?? null;
}

/** What this person may do with any collaborative document: edit, view or nothing. */
export async function accessToCollabDocument(db: Database, actor: Actor, documentName: string): Promise<DraftAccess> {
  const kind = documentKindOf(documentName);
  return kind ? kind.access(db, actor, documentName) : "none";
}

/** Access for many (person, document) pairs, a few queries per kind however many sockets are open. */
export async function accessToCollabDocuments(db: Database, pairs: AccessPair[]): Promise<Map<string, DraftAccess>> {
  const result = new Map<string, DraftAccess>();
  const byKind = new Map<DocumentKind, AccessPair[]>();
  for (const pair of pairs) {
    const kind = documentKindOf(pair.documentName);
    if (!kind) {
      result.set(`${pair.userId} ${pair.documentName}`, "none");
      continue;
    }
    const list = byKind.get(kind) ?? [];
    list.push(pair);
    byKind.set(kind, list);
  }
  const answers = await Promise.all([...byKind].map(([kind, list]) => kind.accessMany(db, list)));
  for (const answer of answers) for (const [key, access] of answer) result.set(key, access);
  return result;
}

/** The state a document starts from when nothing is stored yet; null for a name no kind knows. */
export async function initialCollabState(db: Database, documentName: string): Promise<Uint8Array | null> {
  const kind = documentKindOf(documentName);
  return kind ? kind.initialState(db, documentName) : null;
}
