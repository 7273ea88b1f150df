// One loaded document and the sockets on it: answer sync, apply checked
// updates, fan them out, hand them to the group commit, relay awareness.
// An update that could change the document's structure is first tried on a
// copy, and refused unless the result still fits the document kind's schema.
import * as Y from "yjs";
import { documentKindOf, type DocumentKind } from "../../app/domain/collab/document-kinds.server";
import type { Logger } from "../log";
import { AWARENESS_TIMEOUT_MS, AwarenessStates, NULL_STATE } from "./awareness-states";
import { CLOSE, Connection, OutgoingMessage } from "./connection";
import type { GroupCommit } from "./group-commit";
import type { CollabMetrics } from "./metrics";
import {
  type AwarenessEntry,
  type CheckedAwarenessEntry,
  decodeAwarenessEntries,
  decodeRelayedAwarenessEntries,
  encodeAwareness,
  encodeAwarenessEntries,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncStep2OfState,
  encodeUpdate,
  parseMessage,
  ProtocolError,
} from "./protocol";
import { SchemaGuard } from "./schema-guard";
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

export const MAX_AWARENESS_IDS_PER_CONNECTION = 8;
/** A typist's own awareness is not echoed while an ack is coming and it heard from us within this. */
const ECHO_SKIP_MS = 10_000;
/** The transaction origin of editFromServer. */
const SERVER_EDIT = Symbol("server-edit");

export class Room {
  readonly connections = new Set<Connection>();
  readonly awareness = new AwarenessStates();
  private readonly awarenessSweep: NodeJS.Timeout;
  /** Which socket speaks for each awareness client id. */
  private readonly awarenessOwner = new Map<number, Connection>();
  /** Snapshot plus appended bytes: what the document costs in storage. */
  storedBytes: number;
  /** Appended rows not yet compacted, and when the oldest was appended. */
  appendedRows: number;
  oldestAppendAt: number | null = null;
  /** Set when the room must not serve anyone any more (a failed apply); it reloads. */
  broken = false;
  /** Updates handed to the group commit and not yet stored. */
  private unstored = 0;
  private readonly kind: DocumentKind;
  private readonly guard: SchemaGuard;
  /** Set while the live document takes an update the guard's copy already has. */
  private guardHasIt = false;
  private storedWaiters: (() => void)[] = [];

  constructor(
    readonly name: string,
    readonly doc: Y.Doc,
    loaded: { storedBytes: number; appendedRows: number; wholeState?: Uint8Array | null },
    private readonly deps: RoomDeps,
  ) {
    const kind = documentKindOf(name);
    if (!kind) throw new Error(`no document kind for ${name}`);
    this.kind = kind;
    this.guard = new SchemaGuard(doc, kind);
    this.storedBytes = loaded.storedBytes;
    this.appendedRows = loaded.appendedRows;
    // A document loaded from its snapshot alone is that snapshot until it changes: no need to encode it again.
    if (loaded.wholeState) this.fullState = new OutgoingMessage(encodeSyncStep2OfState(loaded.wholeState));
    if (this.appendedRows > 0) this.oldestAppendAt = Date.now();
    this.doc.on("update", this.onDocUpdate);
    // As often as y-protocols' Awareness looks for states nobody renewed.
    this.awarenessSweep = setInterval(() => this.announceRemoved(this.awareness.remove(this.awareness.expired()), false), AWARENESS_TIMEOUT_MS / 10);
    this.awarenessSweep.unref();
  }

  join(conn: Connection) {
    this.connections.add(conn);
    conn.send(encodeSyncStep1(this.doc), { bounded: false });
    const present = this.awareness.encodeLive();
    if (present) conn.send(encodeAwareness(present), { bounded: false });
  }

  leave(conn: Connection) {
    if (!this.connections.delete(conn)) return;
    const ids = [...conn.awarenessIds].filter((id) => this.awarenessOwner.get(id) === conn);
    for (const id of ids) this.awarenessOwner.delete(id);
    this.announceRemoved(this.awareness.remove(ids), true);
    if (this.connections.size === 0) this.deps.onIdle(this);
  }

  /** Tells the sockets here (and, for a socket that left, the other processes) that these states are gone. */
  private announceRemoved(removed: AwarenessEntry[], publish: boolean) {
    if (removed.length === 0) return;
    const message = encodeAwareness(encodeAwarenessEntries(removed));
    const out = new OutgoingMessage(message);
    for (const conn of this.connections) conn.sendMessage(out);
    if (publish) this.deps.publishAwareness(this, message);
  }

  /** Handles one message; a ProtocolError closes only this socket. */
  receive(conn: Connection, data: Uint8Array) {
    if (conn.closed || this.broken) return;
    try {
      if (!conn.admit(data.length)) throw new ProtocolError("rate_limited", "too many messages");
      const message = parseMessage(data);
      switch (message.kind) {
        case "sync-step1": {
          if (!conn.admitSyncRequest()) throw new ProtocolError("rate_limited", "too many sync requests");
          let reply: OutgoingMessage;
          try {
            reply = isEmptyStateVector(message.stateVector)
              ? (this.fullState ??= new OutgoingMessage(encodeSyncStep2(this.doc)))
              : new OutgoingMessage(encodeSyncStep2(this.doc, message.stateVector));
          } catch {
            throw new ProtocolError("malformed_state_vector", "state vector does not parse");
          }
          // Bounded like any other send: asking for the whole document again
          // and again without reading would otherwise pile it up here.
          conn.sendMessage(reply);
          return;
        }
        case "sync-step2":
        case "update":
          // Viewers' providers still answer our SyncStep1; their content is never applied.
          if (!conn.canEdit) {
            if (message.kind === "update") this.deps.metrics.reject("viewer_update");
            return;
          }
          this.applyFromClient(conn, message.update, message.kind);
          if (message.kind === "sync-step2") conn.sentSyncStep2 = true;
          return;
        case "awareness":
          this.applyAwarenessFromClient(conn, message.update, data);
          return;
        case "query-awareness": {
          const present = this.awareness.encodeLive();
          if (present) conn.send(encodeAwareness(present));
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
      if (reason === "document_too_large") conn.close(CLOSE.tooLarge, "documentTooLarge");
      else if (reason === "rate_limited") conn.close(CLOSE.rateLimited, "tooFast");
      else conn.close(CLOSE.badMessage, "badMessage");
    }
  }

  private applyFromClient(conn: Connection, update: Uint8Array, kind: "sync-step2" | "update") {
    if (this.storedBytes + update.length > this.deps.maxDocumentBytes) {
      throw new ProtocolError("document_too_large", "the document has reached its size limit");
    }
    let changesStructure: boolean;
    try {
      ({ changesStructure } = validateUpdate(this.doc, update, this.kind));
    } catch (error) {
      // A provider coming back with offline edits may send a keystroke before
      // it has answered our SyncStep1; that keystroke builds on the offline
      // edits we do not have yet. Its SyncStep2, computed after it, carries
      // both, so the keystroke alone is dropped, not a reason to disconnect.
      // Once the SyncStep2 is in, missing dependencies are refused as hostile.
      if (!(error instanceof ProtocolError && error.reason === "pending_structs" && kind === "update" && !conn.sentSyncStep2)) throw error;
      // Counted, but acknowledged only with the SyncStep2 that brings its content.
      this.deps.metrics.reject("pending_before_sync");
      conn.received++;
      return;
    }
    // Refuses (throws) when the resulting document would not fit the schema.
    const completion = changesStructure ? this.guard.check(update) : null;
    this.captured = null;
    this.guardHasIt = changesStructure;
    try {
      Y.applyUpdate(this.doc, update, conn);
    } catch (error) {
      this.captured = null;
      this.guard.drop();
      // Checked updates should never get here; if one does, the live document
      // may be half-changed, so nobody is served from it again: it reloads
      // from the database, which holds only what was accepted before.
      this.fail("apply_failed", error);
      throw new ProtocolError("apply_failed", (error as Error).message);
    } finally {
      this.guardHasIt = false;
    }
    const store = this.doc.store;
    if (store.pendingStructs || store.pendingDs) {
      store.pendingStructs = null;
      store.pendingDs = null;
      this.captured = null;
      this.guard.drop();
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
    if (completion) {
      // The empty entry that keeps a merged list non-empty: everyone's, the sender's too, stored in the same commit.
      this.deps.metrics.schemaCompletions++;
      this.deps.log.info("collaboration document completed after a merge", { document: this.name, userId: conn.identity.userId });
      this.guardHasIt = true;
      try {
        Y.applyUpdate(this.doc, completion, SERVER_EDIT);
      } finally {
        this.guardHasIt = false;
      }
    }
    conn.received++;
    this.deps.metrics.updatesIn++;
    // Acknowledged after the next commit, even when nothing new arrived: its
    // content may still be in a commit that is under way.
    this.deps.commit.acknowledgeAfterCommit(conn, conn.received);
  }

  private captured: Uint8Array | null = null;

  /** The whole document as a SyncStep2 (framed), shared by everyone who joins with nothing until it changes. */
  private fullState: OutgoingMessage | null = null;

  /**
   * A change the portal itself makes (restoring a revision into the draft):
   * sent to everyone here and stored through the same group commit as a
   * client's; `whenStored` resolves once it is durable.
   */
  editFromServer(change: (doc: Y.Doc) => void) {
    if (this.broken) throw new Error(`document ${this.name} is reloading`);
    this.doc.transact(() => change(this.doc), SERVER_EDIT);
  }

  private onDocUpdate = (update: Uint8Array, origin: unknown) => {
    this.fullState = null;
    if (!this.guardHasIt) this.guard.liveChanged(update);
    if (origin === "load") return;
    if (origin === SERVER_EDIT) {
      this.broadcastUpdate(update, null);
      this.storedBytes += update.length;
      this.deps.commit.append(this, update);
      return;
    }
    // A client's update is held until it has applied without error (above).
    if (origin instanceof Connection) {
      this.captured = update;
      return;
    }
    // Updates another process stored before publishing, or a re-read of the database.
    this.broadcastUpdate(update, null);
  };

  private broadcastUpdate(update: Uint8Array, from: Connection | null) {
    const out = new OutgoingMessage(encodeUpdate(update));
    for (const other of this.connections) {
      if (other === from) continue;
      other.sendMessage(out);
      this.deps.metrics.updatesOut++;
    }
  }

  private applyAwarenessFromClient(conn: Connection, update: Uint8Array, message: Uint8Array) {
    let entries: CheckedAwarenessEntry[];
    try {
      entries = decodeAwarenessEntries(update);
    } catch (error) {
      if (error instanceof ProtocolError) throw error;
      throw new ProtocolError("malformed_awareness", "awareness update does not parse");
    }
    const accepted: AwarenessEntry[] = [];
    let unchanged = true;
    for (const entry of entries) {
      if (!this.acceptAwarenessEntry(conn, entry)) {
        unchanged = false;
        continue;
      }
      const relayed = stampIdentity(conn, entry);
      if (relayed !== entry) unchanged = false;
      accepted.push(relayed);
    }
    if (accepted.length === 0) return;
    const relayedMessage = unchanged ? message : encodeAwareness(encodeAwarenessEntries(accepted));
    this.awareness.apply(accepted);
    // The sender gets its own back too: y-websocket drops a socket that hears
    // nothing for 30 s, and a lone editor's awareness renewal is all there is.
    // Not while an acknowledgement is on its way and the socket heard from us
    // lately: a typist's keystroke and cursor come together, and the ack is
    // enough to keep the socket alive (one write fewer per keystroke).
    const hearsAnyway = this.deps.commit.willAcknowledge(conn) && conn.heardFromUsWithin(ECHO_SKIP_MS);
    const out = new OutgoingMessage(relayedMessage);
    for (const other of this.connections) if (other !== conn || !hearsAnyway) other.sendMessage(out);
    this.deps.publishAwareness(this, relayedMessage);
  }

  /**
   * Whether one entry of a client's awareness update is applied. A socket
   * speaks for its own client ids. y-websocket providers also send back every
   * state they hear about, so an entry for another id that is no newer than
   * what we hold is a copy, dropped quietly; a newer one claims the id, which
   * only a new client or the same person (a new socket before the old one
   * timed out) may do: from anyone else it is a forgery.
   */
  private acceptAwarenessEntry(conn: Connection, { clientId, clock, value }: CheckedAwarenessEntry): boolean {
    const owner = this.awarenessOwner.get(clientId);
    if (owner === conn) return true;
    const held = this.awareness.clockOf(clientId);
    if (value === null || (held !== undefined && clock <= held)) return false;
    if (owner && owner.identity.userId !== conn.identity.userId) throw new ProtocolError("awareness_not_owned", "awareness for someone else's client");
    if (conn.awarenessIds.size >= MAX_AWARENESS_IDS_PER_CONNECTION) throw new ProtocolError("awareness_too_many", "awareness for too many clients");
    owner?.awarenessIds.delete(clientId);
    conn.awarenessIds.add(clientId);
    this.awarenessOwner.set(clientId, conn);
    return true;
  }

  /** Awareness from another process (checked there): relay to our sockets as it came. */
  applyRemoteAwareness(message: Uint8Array, update: Uint8Array) {
    this.awareness.apply(decodeRelayedAwarenessEntries(update));
    const out = new OutgoingMessage(message);
    for (const conn of this.connections) conn.sendMessage(out);
  }

  /** Document updates another process has stored, or a re-read of the database. */
  applyRemoteUpdate(update: Uint8Array, origin: "remote" | "resync") {
    try {
      Y.applyUpdate(this.doc, update, origin);
    } catch (error) {
      this.fail("remote_apply_failed", error);
      return;
    }
    // Stored by another process: the document's size limit counts it here too, so co-authors on
    // two processes cannot each fill it (a re-read sets the size from the database instead).
    if (origin === "remote") this.storedBytes += update.length;
  }

  /** Stops serving this copy: everyone reconnects and gets a fresh load. */
  fail(reason: string, error: unknown) {
    if (this.broken) return;
    this.broken = true;
    this.deps.metrics.reject(reason);
    this.deps.log.error("collaboration document reloads after an error", { document: this.name, reason, error: String(error) });
    for (const conn of this.connections) conn.close(CLOSE.reloading, "reloading");
    this.deps.onIdle(this);
  }

  /** Bookkeeping for the group commit, so unloading waits for this room only. */
  handedToCommit() {
    this.unstored++;
  }

  stored(count: number) {
    this.unstored -= count;
    if (this.unstored === 0) this.storedWaiters.splice(0).forEach((resolve) => resolve());
  }

  whenStored(): Promise<void> {
    return this.unstored === 0 ? Promise.resolve() : new Promise((resolve) => this.storedWaiters.push(resolve));
  }

  destroy() {
    this.guard.drop();
    this.doc.off("update", this.onDocUpdate);
    clearInterval(this.awarenessSweep);
    this.doc.destroy();
  }
}

/** A new client's state vector: no clients, encoded as the single byte 0. */
function isEmptyStateVector(stateVector: Uint8Array) {
  return stateVector.length === 1 && stateVector[0] === 0;
}

/**
 * Who a presence says it is comes from the session, not the client: the
 * server writes the person's own id and name into the state's "user", so
 * nobody shows up in "who is here" under someone else's name. A state that
 * claims another person's id is a forgery. States relayed back as copies of
 * others' (not this socket's own ids) are passed on as they are. A state
 * that already carries the person's own id and name is relayed as it came:
 * everyone reads it with JSON.parse, which gives the same value as the
 * stamped one (the editor's states are all like this).
 */
function stampIdentity(conn: Connection, entry: CheckedAwarenessEntry): AwarenessEntry {
  const state = entry.value;
  if (state === null) return entry.state === NULL_STATE ? entry : { clientId: entry.clientId, clock: entry.clock, state: NULL_STATE };
  if (!conn.awarenessIds.has(entry.clientId)) return entry;
  if (typeof state !== "object" || Array.isArray(state)) throw new ProtocolError("malformed_awareness", "awareness state is not an object");
  const user = (state as { user?: unknown }).user;
  if (user === undefined) return entry;
  if (!user || typeof user !== "object" || Array.isArray(user)) throw new ProtocolError("malformed_awareness", "awareness user is not an object");
  const { id: claimed, name } = user as { id?: unknown; name?: unknown };
  if (claimed !== undefined && claimed !== conn.identity.userId) throw new ProtocolError("awareness_identity", "awareness claims to be someone else");
  if (claimed === conn.identity.userId && name === conn.identity.name) return entry;
  const text = JSON.stringify({ ...state, user: { ...user, id: conn.identity.userId, name: conn.identity.name } });
  return { clientId: entry.clientId, clock: entry.clock, state: text };
}
