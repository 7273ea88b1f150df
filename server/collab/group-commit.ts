// Commit, then acknowledge: accepted updates from every room wait here for
// the next group commit (one INSERT, at most one under way at a time), and
// only after it succeeds is each client told how many of its messages are
// stored. A failed commit keeps everything and tries again.
import type { Logger } from "../log";
import type { Connection } from "./connection";
import type { DocumentStore } from "./document-store";
import type { CollabMetrics } from "./metrics";
import type { Room } from "./room";

const RETRY_MS = 500;

export class GroupCommit {
  private rows: { room: Room; update: Uint8Array }[] = [];
  private acks = new Map<Connection, number>();
  /** The acknowledgements waiting on the commit under way. */
  private committing = new Map<Connection, number>();
  private running: Promise<void> | null = null;
  private scheduled = false;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly store: DocumentStore,
    private readonly metrics: CollabMetrics,
    private readonly log: Logger,
    /** After a commit: per room, the updates now stored (for fan-out and compaction). */
    private readonly afterCommit: (room: Room, updates: Uint8Array[]) => void,
  ) {}

  append(room: Room, update: Uint8Array) {
    this.rows.push({ room, update });
    room.handedToCommit();
    this.schedule();
  }

  acknowledgeAfterCommit(conn: Connection, count: number) {
    this.acks.set(conn, count);
    this.schedule();
  }

  /** Whether an acknowledgement to this socket waits on the next commit or the one under way. */
  willAcknowledge(conn: Connection) {
    return this.acks.has(conn) || this.committing.has(conn);
  }

  /** Accepted update messages not yet acknowledged, counting those in the commit under way. */
  get pendingAcks() {
    let n = 0;
    for (const conn of new Set([...this.acks.keys(), ...this.committing.keys()])) {
      n += Math.max(this.acks.get(conn) ?? 0, this.committing.get(conn) ?? 0) - conn.acknowledged;
    }
    return n;
  }

  /** Resolves once everything handed in so far is stored and acknowledged. */
  drain(): Promise<void> {
    if (!this.running && !this.scheduled && this.rows.length === 0 && this.acks.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private schedule() {
    if (this.scheduled || this.running) return;
    this.scheduled = true;
    // setImmediate: everything that arrives in this turn of the event loop joins the same commit.
    setImmediate(() => {
      this.scheduled = false;
      this.running = this.commit().finally(() => {
        this.running = null;
        if (this.rows.length || this.acks.size) this.schedule();
        else this.waiters.splice(0).forEach((resolve) => resolve());
      });
    });
  }

  private async commit() {
    const rows = this.rows;
    const acks = this.acks;
    this.rows = [];
    this.acks = new Map();
    this.committing = acks;
    const started = performance.now();
    try {
      await this.store.append(rows.map((r) => ({ documentName: r.room.name, update: r.update })));
    } catch (error) {
      this.committing = new Map();
      this.log.error("storing collaboration updates failed; retrying", { rows: rows.length, error: String(error) });
      this.rows = rows.concat(this.rows);
      for (const [conn, count] of acks) if (!this.acks.has(conn)) this.acks.set(conn, count);
      await new Promise((r) => setTimeout(r, RETRY_MS));
      return;
    }
    if (rows.length) this.metrics.observeCommit(performance.now() - started);
    this.committing = new Map();
    for (const [conn, count] of acks) conn.acknowledge(count);
    const byRoom = new Map<Room, Uint8Array[]>();
    for (const { room, update } of rows) {
      let list = byRoom.get(room);
      if (!list) byRoom.set(room, (list = []));
      list.push(update);
    }
    for (const [room, updates] of byRoom) {
      room.stored(updates.length);
      this.afterCommit(room, updates);
    }
  }
}
