// One loaded document and the sockets on it: answer sync, apply checked
// updates, fan them out, hand them to the group commit, relay awareness.
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { MODULE_YJS_FIELD } from "../../app/domain/modules/module-schema";
import type { Logger } from "../log";
import { CLOSE, Connection } from "./connection";
import type { GroupCommit } from "./group-commit";
import type { CollabMetrics } from "./metrics";
import {
  awarenessClients,
  encodeAwarenessStates,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  parseMessage,
  ProtocolError,
} from "./protocol";
import { validateUpdate } from "./validate-update";

export type RoomDeps = {
  commit: GroupCommit;
  metrics: CollabMetrics;
  log: Logger;
  maxDocumentBytes: number;
  /** Sends an awareness message to the other processes (Redis); a no-op alone. */
  publishAwareness: (room: Room, message: Uint8Array) => void;
  /** Called when the last socket leaves, or when the room must be reloaded. */
  onIdle: (room: Room) => void;
};

const MAX_AWARENESS_IDS_PER_CONNECTION = 8;

export class Room {
  readonly connections = new Set<Connection>();
  readonly awareness: awarenessProtocol.Awareness;
  /** Which socket speaks for each awareness client id. */
  private readonly awarenessOwner = new Map<number, Connection>();
  /** Snapshot plus appended bytes: what the document costs in storage. */
  storedBytes: number;
  /** Appended rows not yet compacted, and when the oldest was appended. */
  appendedRows: number;
  oldestAppendAt: number | null = null;
  /** Set when the room must not serve anyone any more (a failed apply); it reloads. */
  broken = false;

  constructor(
    readonly name: string,
    readonly doc: Y.Doc,
    loaded: { storedBytes: number; appendedRows: number },
    private readonly deps: RoomDeps,
  ) {
    this.storedBytes = loaded.storedBytes;
    this.appendedRows = loaded.appendedRows;
    if (this.appendedRows > 0) this.oldestAppendAt = Date.now();
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    this.doc.on("update", this.onDocUpdate);
    this.awareness.on("update", this.onAwarenessUpdate);
  }

  join(conn: Connection) {
    this.connections.add(conn);
    conn.send(encodeSyncStep1(this.doc), { bounded: false });
    const others = [...this.awareness.getStates().keys()];
    if (others.length) conn.send(encodeAwarenessStates(this.awareness, others), { bounded: false });
  }

  leave(conn: Connection) {
    if (!this.connections.delete(conn)) return;
    const ids = [...conn.awarenessIds].filter((id) => this.awarenessOwner.get(id) === conn);
    for (const id of ids) this.awarenessOwner.delete(id);
    if (ids.length) awarenessProtocol.removeAwarenessStates(this.awareness, ids, "leave");
    if (this.connections.size === 0) this.deps.onIdle(this);
  }

  /** Handles one message; a ProtocolError closes only this socket. */
  receive(conn: Connection, data: Uint8Array) {
    if (conn.closed || this.broken) return;
    try {
      if (!conn.admit(data.length)) throw new ProtocolError("rate_limited", "too many messages");
      const message = parseMessage(data);
      switch (message.kind) {
        case "sync-step1": {
          let reply: Uint8Array;
          try {
            reply = encodeSyncStep2(this.doc, message.stateVector);
          } catch {
            throw new ProtocolError("malformed_state_vector", "state vector does not parse");
          }
          conn.send(reply, { bounded: false });
          return;
        }
        case "sync-step2":
        case "update":
          // Viewers' providers still answer our SyncStep1; their content is never applied.
          if (!conn.canEdit) {
            if (message.kind === "update") this.deps.metrics.reject("viewer_update");
            return;
          }
          this.applyFromClient(conn, message.update);
          return;
        case "awareness":
          this.applyAwarenessFromClient(conn, message.update, data);
          return;
        case "query-awareness": {
          const ids = [...this.awareness.getStates().keys()];
          if (ids.length) conn.send(encodeAwarenessStates(this.awareness, ids));
          return;
        }
      }
    } catch (error) {
      const reason = error instanceof ProtocolError ? error.reason : "bad_message";
      this.deps.metrics.reject(reason);
      this.deps.log.warn("collaboration message refused", {
        document: this.name,
        userId: conn.identity.userId,
        reason,
        detail: (error as Error).message,
      });
      conn.close(reason === "document_too_large" ? CLOSE.tooLarge : reason === "rate_limited" ? CLOSE.rateLimited : CLOSE.badMessage, reason);
    }
  }

  private applyFromClient(conn: Connection, update: Uint8Array) {
    if (this.storedBytes + update.length > this.deps.maxDocumentBytes) {
      throw new ProtocolError("document_too_large", "the document has reached its size limit");
    }
    validateUpdate(this.doc, update, MODULE_YJS_FIELD);
    this.captured = null;
    try {
      Y.applyUpdate(this.doc, update, conn);
    } catch (error) {
      this.captured = null;
      // Checked updates should never get here; if one does, the live document
      // may be half-changed, so nobody is served from it again: it reloads
      // from the database, which holds only what was accepted before.
      this.fail("apply_failed", error);
      throw new ProtocolError("apply_failed", (error as Error).message);
    }
    const store = this.doc.store;
    if (store.pendingStructs || store.pendingDs) {
      store.pendingStructs = null;
      store.pendingDs = null;
      this.captured = null;
      throw new ProtocolError("pending_structs", "update left changes waiting for missing ones");
    }
    // What actually changed (none of it if the client sent what we had):
    // fanned out and stored only now that the whole update applied cleanly.
    const effective = this.captured as Uint8Array | null;
    this.captured = null;
    if (effective) {
      this.broadcastUpdate(effective, conn);
      this.storedBytes += effective.length;
      this.deps.commit.append(this, effective);
    }
    conn.received++;
    this.deps.metrics.updatesIn++;
    // Acknowledged after the next commit, even when nothing new arrived: its
    // content may still be in a commit that is under way.
    this.deps.commit.acknowledgeAfterCommit(conn, conn.received);
  }

  private captured: Uint8Array | null = null;

  private onDocUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === "load") return;
    // A client's update is held until it has applied without error (above).
    if (origin instanceof Connection) {
      this.captured = update;
      return;
    }
    // Updates another process stored before publishing, or a re-read of the database.
    this.broadcastUpdate(update, null);
  };

  private broadcastUpdate(update: Uint8Array, from: Connection | null) {
    const message = encodeUpdate(update);
    for (const other of this.connections) {
      if (other === from) continue;
      other.send(message);
      this.deps.metrics.updatesOut++;
    }
  }

  private applyAwarenessFromClient(conn: Connection, update: Uint8Array, message: Uint8Array) {
    let clients: number[];
    try {
      clients = awarenessClients(update);
    } catch (error) {
      if (error instanceof ProtocolError) throw error;
      throw new ProtocolError("malformed_awareness", "awareness update does not parse");
    }
    for (const id of clients) {
      const owner = this.awarenessOwner.get(id);
      if (owner && owner !== conn) {
        // The same person reconnecting before the old socket timed out takes the id over.
        if (owner.identity.userId !== conn.identity.userId) throw new ProtocolError("awareness_not_owned", "awareness for someone else's client");
        owner.awarenessIds.delete(id);
      }
      if (!conn.awarenessIds.has(id) && conn.awarenessIds.size >= MAX_AWARENESS_IDS_PER_CONNECTION) {
        throw new ProtocolError("awareness_too_many", "awareness for too many clients");
      }
      conn.awarenessIds.add(id);
      this.awarenessOwner.set(id, conn);
    }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, conn);
    for (const other of this.connections) if (other !== conn) other.send(message);
    this.deps.publishAwareness(this, message);
  }

  /** Awareness from another process: relay to our sockets as it came. */
  applyRemoteAwareness(message: Uint8Array, update: Uint8Array) {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, "remote");
    for (const conn of this.connections) conn.send(message);
  }

  /** Document updates another process has stored, or a re-read of the database. */
  applyRemoteUpdate(update: Uint8Array, origin: "remote" | "resync") {
    try {
      Y.applyUpdate(this.doc, update, origin);
    } catch (error) {
      this.fail("remote_apply_failed", error);
    }
  }

  private onAwarenessUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    // Client messages are relayed as they came (above); here only the
    // removals the server makes itself: a socket left, or a state timed out.
    if (origin === "leave" || origin === "timeout") {
      const changed = [...added, ...updated, ...removed];
      if (!changed.length) return;
      const message = encodeAwarenessStates(this.awareness, changed);
      for (const conn of this.connections) conn.send(message);
      if (origin === "leave") this.deps.publishAwareness(this, message);
    }
  };

  /** Stops serving this copy: everyone reconnects and gets a fresh load. */
  fail(reason: string, error: unknown) {
    if (this.broken) return;
    this.broken = true;
    this.deps.metrics.reject(reason);
    this.deps.log.error("collaboration document reloads after an error", { document: this.name, reason, error: String(error) });
    for (const conn of this.connections) conn.close(CLOSE.reloading, "document reloading");
    this.deps.onIdle(this);
  }

  destroy() {
    this.doc.off("update", this.onDocUpdate);
    this.awareness.off("update", this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
