// Room lifecycle: load a document once however many sockets join at once,
// refuse when loading fails, unload after the last socket leaves once its
// updates are stored, and compact appended updates by count or age.
import * as Y from "yjs";
import type { Logger } from "../log";
import type { DocumentStore } from "./document-store";
import { Room, type RoomDeps } from "./room";

export type CompactionPolicy = { maxRows: number; maxAgeMs: number };

export class Rooms {
  readonly open = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly compacting = new Set<string>();
  /** Unloads and compactions under way, so shutdown can wait for them. */
  private readonly background = new Set<Promise<unknown>>();
  /** Sockets that passed authentication and are between load and join. */
  private readonly joining = new Map<string, number>();
  loads = 0;

  constructor(
    private readonly store: DocumentStore,
    private readonly log: Logger,
    private readonly compaction: CompactionPolicy,
    private readonly roomDeps: () => Omit<RoomDeps, "onIdle">,
    private readonly hooks: { opened: (room: Room) => Promise<void>; closed: (room: Room) => void },
  ) {}

  /** The loaded room, loading it first if needed; call `joined` or `abandon` after. */
  async acquire(name: string): Promise<Room> {
    this.joining.set(name, (this.joining.get(name) ?? 0) + 1);
    try {
      for (;;) {
        const unloading = this.unloading.get(name);
        if (unloading) {
          await unloading;
          continue;
        }
        const room = this.open.get(name);
        if (room && !room.broken) return room;
        if (room?.broken) {
          await this.unload(room);
          continue;
        }
        let loading = this.loading.get(name);
        if (!loading) {
          loading = this.load(name).finally(() => this.loading.delete(name));
          this.loading.set(name, loading);
        }
        return await loading;
      }
    } catch (error) {
      this.release(name);
      throw error;
    }
  }

  /** Applies a change from the portal to a document, loaded for the purpose if nobody has it open; resolves once stored. */
  async edit(name: string, change: (doc: Y.Doc) => void): Promise<void> {
    const room = await this.acquire(name);
    try {
      room.editFromServer(change);
      await room.whenStored();
    } finally {
      this.release(name);
    }
  }

  /** The document's whole state as the room holds it (loading it if nobody has it open). */
  async read(name: string): Promise<Uint8Array> {
    const room = await this.acquire(name);
    try {
      return Y.encodeStateAsUpdate(room.doc);
    } finally {
      this.release(name);
    }
  }

  /** The socket is in the room (or gave up): it no longer holds the room open by itself. */
  release(name: string) {
    const n = (this.joining.get(name) ?? 1) - 1;
    if (n <= 0) this.joining.delete(name);
    else this.joining.set(name, n);
    const room = this.open.get(name);
    if (room && room.connections.size === 0 && n <= 0) void this.unload(room);
  }

  private async load(name: string): Promise<Room> {
    this.loads++;
    const loaded = await this.store.load(name);
    const room = new Room(name, loaded.doc, loaded, { ...this.roomDeps(), onIdle: (r) => this.onIdle(r) });
    this.open.set(name, room);
    await this.hooks.opened(room);
    return room;
  }

  /** Set at shutdown: sockets closing then leave their rooms as they are (all is stored). */
  closing = false;

  private onIdle(room: Room) {
    if (this.closing) return;
    if (room.broken || (room.connections.size === 0 && !this.joining.get(room.name))) void this.unload(room);
  }

  /** After the commit holding its last updates; compacts what it appended. */
  unload(room: Room): Promise<void> {
    const existing = this.unloading.get(room.name);
    if (existing) return existing;
    if (this.open.get(room.name) !== room) return Promise.resolve();
    const done = (async () => {
      await room.whenStored();
      if (!room.broken && (room.connections.size > 0 || this.joining.get(room.name))) return; // someone came back
      this.open.delete(room.name);
      this.hooks.closed(room);
      room.destroy();
      if (room.appendedRows > 0) await this.compact(room.name, room);
    })()
      .catch((error) => this.log.error("unloading a collaboration document failed", { document: room.name, error: String(error) }))
      .finally(() => this.unloading.delete(room.name));
    this.unloading.set(room.name, done);
    this.track(done);
    return done;
  }

  /** After each commit: compact a room whose appended updates are many or old. */
  maybeCompact(room: Room, appended: number) {
    room.appendedRows += appended;
    room.oldestAppendAt ??= Date.now();
    const old = room.oldestAppendAt !== null && Date.now() - room.oldestAppendAt > this.compaction.maxAgeMs;
    if (room.appendedRows >= this.compaction.maxRows || old) void this.compact(room.name, room);
  }

  compact(name: string, room?: Room): Promise<void> {
    if (this.compacting.has(name)) return Promise.resolve();
    return this.track(this.compactNow(name, room));
  }

  /** Resolves when every unload and compaction started so far has finished. */
  async settle() {
    while (this.background.size) await Promise.allSettled([...this.background]);
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.background.add(work);
    void work.finally(() => this.background.delete(work)).catch(() => {});
    return work;
  }

  private async compactNow(name: string, room?: Room) {
    this.compacting.add(name);
    try {
      const { folded, bytes } = await this.store.compact(name);
      if (room) {
        // Approximate with several processes: their rows are folded too.
        room.appendedRows = Math.max(0, room.appendedRows - folded);
        room.oldestAppendAt = room.appendedRows > 0 ? Date.now() : null;
        room.storedBytes = bytes;
      }
    } catch (error) {
      this.log.error("compacting a collaboration document failed", { document: name, error: String(error) });
    } finally {
      this.compacting.delete(name);
    }
  }
}
