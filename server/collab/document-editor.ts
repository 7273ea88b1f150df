// Edits to collaborative documents that come from the portal rather than a
// socket (restoring an old revision into a module's draft). With the
// collaboration server attached they go through its room, so everyone
// editing sees them at once and other processes hear of them; without it
// (scripts, tests of the domain alone) they are appended to the store.
import * as Y from "yjs";
import type { DocumentStore } from "./document-store";
import type { Rooms } from "./rooms";

export type DocumentEditor = {
  /** Applies `change` to the document in one transaction; resolves when it is stored. */
  edit(documentName: string, change: (doc: Y.Doc) => void): Promise<void>;
  /** The document as it is now (Y.encodeStateAsUpdate), as live editors see it. */
  read(documentName: string): Promise<Uint8Array>;
};

export function roomDocumentEditor(rooms: Rooms): DocumentEditor {
  return { edit: (name, change) => rooms.edit(name, change), read: (name) => rooms.read(name) };
}

export function storeDocumentEditor(store: DocumentStore): DocumentEditor {
  return {
    read: (name) => store.storedState(name),
    async edit(name, change) {
      const { doc } = await store.load(name);
      let update: Uint8Array | null = null;
      doc.on("update", (u: Uint8Array) => {
        update = update ? Y.mergeUpdates([update, u]) : u;
      });
      try {
        doc.transact(() => change(doc));
        if (update) await store.append([{ documentName: name, update }]);
      } finally {
        doc.destroy();
      }
    },
  };
}
