// What the database holds for a collaborative document, read without the
// collaboration server: its snapshot, its appended updates, and the text
// they make together.
import { asc, eq } from "drizzle-orm";
import * as Y from "yjs";
import { MODULE_YJS_FIELD } from "../../app/domain/modules/module-schema";
import type { Database } from "../../db/database";
import { collabSnapshots, collabUpdates } from "../../db/schema";

export async function storedDocument(db: Database, documentName: string) {
  // One moment's view: a compaction committing between two reads would otherwise hide the rows it folded.
  const { snapshot, rows } = await db.transaction(
    async (tx) => {
      const [snapshot] = await tx.select().from(collabSnapshots).where(eq(collabSnapshots.documentName, documentName));
      const rows = await tx.select().from(collabUpdates).where(eq(collabUpdates.documentName, documentName)).orderBy(asc(collabUpdates.id));
      return { snapshot, rows };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  const doc = new Y.Doc();
  if (snapshot) Y.applyUpdate(doc, new Uint8Array(snapshot.state));
  for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.update));
  const text = doc.getXmlFragment(MODULE_YJS_FIELD).toString();
  doc.destroy();
  return {
    snapshot: snapshot ? { state: new Uint8Array(snapshot.state), updatedAt: snapshot.updatedAt } : null,
    updateRows: rows.length,
    updateIds: rows.map((r) => r.id),
    text,
  };
}

/**
 * Puts a document's whole state straight into storage, bypassing the
 * collaboration server and its checks: how a document stored before those
 * checks existed looks to everything that reads it.
 */
export async function storeDocumentDirectly(db: Database, documentName: string, state: Uint8Array) {
  await db.delete(collabUpdates).where(eq(collabUpdates.documentName, documentName));
  await db.insert(collabSnapshots).values({ documentName, state }).onConflictDoUpdate({ target: collabSnapshots.documentName, set: { state } });
}
