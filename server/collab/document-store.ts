// Persistence: load a document (snapshot plus appended updates; documents
// asked for together are read in one transaction), seed a new one once,
// append accepted updates in one statement per group commit, and compact
// appended updates into the snapshot.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import * as Y from "yjs";
import type { Database } from "../../db/database";
import { collabSnapshots, collabUpdates } from "../../db/schema";
import { BatchPerTurn } from "./batch-per-turn";

export type LoadedDocument = {
  doc: Y.Doc;
  storedBytes: number;
  appendedRows: number;
  /** The snapshot, when the document is that and nothing more: already the whole document as one update. */
  wholeState: Uint8Array | null;
};

/** Rows folded per compaction, so one statement's parameter list stays small. */
const COMPACTION_BATCH = 5000;

const bytes = (value: Uint8Array) => (value instanceof Uint8Array ? value : new Uint8Array(value as ArrayBufferLike));

/** Documents read from the database in one batch at most. */
const MAX_LOAD_BATCH = 200;

type Stored = { state: Uint8Array; updates: Uint8Array[] };

export class DocumentStore {
  /** Documents asked for together are read together: one transaction for the batch. */
  private readonly reads: BatchPerTurn<string, Stored | null>;
  /** The group commit's INSERT, prepared (see append). */
  private readonly appendStatement;

  constructor(
    private readonly db: Database,
    /** The state a document starts from when nothing is stored yet; null refuses the name. */
    private readonly initialState: (documentName: string) => Promise<Uint8Array | null>,
  ) {
    this.reads = new BatchPerTurn((names) => this.readStored(names), MAX_LOAD_BATCH);
    const inserted = db.$with("inserted", { one: sql<number>`1` }).as(
      sql`insert into ${collabUpdates} (${sql.identifier(collabUpdates.documentName.name)}, ${sql.identifier(collabUpdates.update.name)})
        select name, decode(update_hex, 'hex') from unnest(${sql.placeholder("names")}::text[], ${sql.placeholder("updates")}::text[]) with ordinality as batch(name, update_hex, position)
        order by position
        returning 1 as one`,
    );
    this.appendStatement = db.with(inserted).select({ rows: sql<number>`count(*)` }).from(inserted).prepare("collab_append_updates");
  }

  async load(documentName: string): Promise<LoadedDocument> {
    let stored = await this.reads.run(documentName);
    if (!stored) {
      // Seed once: the insert that loses a race does nothing, and everyone reads the winner's row.
      const initial = await this.initialState(documentName);
      if (!initial) throw new Error(`no document named ${documentName}`);
      await this.db.insert(collabSnapshots).values({ documentName, state: initial }).onConflictDoNothing();
      stored = await this.reads.run(documentName);
      if (!stored) throw new Error(`seeding ${documentName} failed`);
    }
    // A guid of our own: Yjs would otherwise draw a random one, 36 random numbers per document.
    const doc = new Y.Doc({ guid: documentName });
    let storedBytes = stored.state.length;
    Y.applyUpdate(doc, stored.state, "load");
    for (const update of stored.updates) {
      storedBytes += update.length;
      Y.applyUpdate(doc, update, "load");
    }
    return { doc, storedBytes, appendedRows: stored.updates.length, wholeState: stored.updates.length === 0 ? stored.state : null };
  }

  /**
   * Each document's snapshot and the rows appended after it, as of one
   * moment: read in one repeatable-read transaction, as a compaction
   * committing between two separate reads would fold rows into a snapshot
   * already read and delete them before they are read, and the document would
   * load without them. Null for a document with no snapshot yet.
   */
  private async readStored(names: string[]): Promise<(Stored | null)[]> {
    const unique = [...new Set(names)];
    const { snapshots, rows } = await this.db.transaction(
      async (tx) => {
        const snapshots = await tx
          .select({ documentName: collabSnapshots.documentName, state: collabSnapshots.state })
          .from(collabSnapshots)
          .where(inArray(collabSnapshots.documentName, unique));
        if (snapshots.length === 0) return { snapshots, rows: [] };
        const rows = await tx
          .select({ documentName: collabUpdates.documentName, update: collabUpdates.update })
          .from(collabUpdates)
          .where(inArray(collabUpdates.documentName, snapshots.map((s) => s.documentName)))
          .orderBy(asc(collabUpdates.documentName), asc(collabUpdates.id));
        return { snapshots, rows };
      },
      { isolationLevel: "repeatable read", accessMode: "read only" },
    );
    const byName = new Map<string, Stored>(snapshots.map((s) => [s.documentName, { state: bytes(s.state), updates: [] }]));
    for (const row of rows) byName.get(row.documentName)?.updates.push(bytes(row.update));
    return names.map((name) => byName.get(name) ?? null);
  }

  /**
   * One INSERT for a whole group commit; it is durable when this resolves.
   * Its text is the same however many rows there are (two array parameters,
   * unnested in order), so it is prepared once per database connection and
   * each commit is one round trip: drizzle's values list grew with the batch,
   * building it held the event loop milliseconds at a time, and an unprepared
   * statement with parameters costs postgres.js two round trips (it asks for
   * the parameter types first), each waking the database on the server's core.
   * The updates travel as hex text, which both drivers pass as text[]
   * (postgres.js does not send an array of buffers as bytea[]). Drizzle
   * prepares only selects, so the INSERT is a data-modifying WITH of one.
   */
  async append(rows: { documentName: string; update: Uint8Array }[]) {
    if (rows.length === 0) return;
    const names = rows.map((r) => r.documentName);
    const updates = rows.map((r) => Buffer.from(r.update.buffer, r.update.byteOffset, r.update.byteLength).toString("hex"));
    await this.appendStatement.execute({ names, updates });
  }

  /**
   * Folds a document's appended updates into its snapshot by applying them to
   * a Y.Doc and encoding it (Y.mergeUpdates is far slower and larger on
   * keystroke updates), and deletes exactly the rows folded, in one
   * transaction. Rows appended meanwhile by any process stay for next time.
   */
  async compact(documentName: string): Promise<{ folded: number; bytes: number }> {
    return this.db.transaction(async (tx) => {
      const [snapshot] = await tx
        .select()
        .from(collabSnapshots)
        .where(eq(collabSnapshots.documentName, documentName))
        .for("update");
      if (!snapshot) return { folded: 0, bytes: 0 };
      const rows = await tx
        .select({ id: collabUpdates.id, update: collabUpdates.update })
        .from(collabUpdates)
        .where(eq(collabUpdates.documentName, documentName))
        .orderBy(asc(collabUpdates.id))
        .limit(COMPACTION_BATCH);
      if (rows.length === 0) return { folded: 0, bytes: bytes(snapshot.state).length };
      const doc = new Y.Doc({ guid: documentName });
      Y.applyUpdate(doc, bytes(snapshot.state));
      for (const row of rows) Y.applyUpdate(doc, bytes(row.update));
      const state = Y.encodeStateAsUpdate(doc);
      doc.destroy();
      await tx
        .update(collabSnapshots)
        .set({ state, updatedAt: sql`now()` })
        .where(eq(collabSnapshots.documentName, documentName));
      await tx.delete(collabUpdates).where(
        and(
          eq(collabUpdates.documentName, documentName),
          inArray(
            collabUpdates.id,
            rows.map((r) => r.id),
          ),
        ),
      );
      return { folded: rows.length, bytes: state.length };
    });
  }

  /** Everything stored for a document as one update, for re-syncing after a Redis outage. */
  async storedState(documentName: string): Promise<Uint8Array> {
    const { doc } = await this.load(documentName);
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return state;
  }
}
