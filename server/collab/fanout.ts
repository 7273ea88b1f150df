// Fan-out between server processes. Alone, there is nothing to do; with
// REDIS_URL, each stored batch of a document's updates is one PUBLISH, and
// so is each awareness message; a turn's PUBLISHes go out as one pipeline. Updates are published after they are stored,
// so whatever another process receives is already durable; after a Redis
// outage every process re-reads its open documents from the database.
import crypto from "node:crypto";
import { Redis } from "ioredis";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { Logger } from "../log";
import { parseMessage } from "./protocol";
import type { Room } from "./room";

export interface Fanout {
  subscribe(room: Room): Promise<void>;
  unsubscribe(room: Room): void;
  publishUpdates(room: Room, updates: Uint8Array[]): void;
  publishAwareness(room: Room, message: Uint8Array): void;
  close(): Promise<void>;
}

export const noFanout: Fanout = {
  subscribe: async () => {},
  unsubscribe: () => {},
  publishUpdates: () => {},
  publishAwareness: () => {},
  close: async () => {},
};

const KIND_UPDATES = 0;
const KIND_AWARENESS = 1;
const PREFIX = "roundtable:collab:";

export class RedisFanout implements Fanout {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly id = crypto.randomBytes(8);
  private readyOnce = false;

  constructor(
    url: string,
    private readonly rooms: Map<string, Room>,
    private readonly resync: (room: Room) => Promise<void>,
    private readonly log: Logger,
  ) {
    const options = { maxRetriesPerRequest: 2, retryStrategy: (times: number) => Math.min(times * 200, 2000) };
    this.pub = new Redis(url, options);
    this.sub = new Redis(url, options);
    for (const client of [this.pub, this.sub]) client.on("error", (error) => this.log.warn("redis", { error: String(error) }));
    this.sub.on("messageBuffer", (channel: Buffer, message: Buffer) => this.onMessage(channel.toString(), message));
    this.sub.on("ready", () => {
      if (!this.readyOnce) {
        this.readyOnce = true;
        if (this.rooms.size === 0) return;
      }
      // Back after an outage: what was published meanwhile is lost, but it is
      // stored. Rooms opened during the outage are subscribed only now.
      this.log.info("redis reconnected; re-reading open documents", { documents: this.rooms.size });
      const channels = [...this.rooms.keys()].map((name) => PREFIX + name);
      if (channels.length) this.sub.subscribe(...channels).catch((error) => this.log.warn("redis subscribe failed", { error: String(error) }));
      const again = () => {
        for (const room of this.rooms.values()) void this.resync(room);
      };
      again();
      setTimeout(again, 1000).unref();
    });
  }

  async subscribe(room: Room) {
    const subscribing = this.sub.subscribe(PREFIX + room.name);
    // While Redis is away the document opens without it, alone; the "ready"
    // handler above subscribes it and re-reads it once Redis is back.
    if (this.sub.status !== "ready") {
      subscribing.catch(() => {});
      return;
    }
    await subscribing.catch((error) => this.log.warn("redis subscribe failed", { document: room.name, error: String(error) }));
  }

  unsubscribe(room: Room) {
    this.sub.unsubscribe(PREFIX + room.name).catch(() => {});
  }

  publishUpdates(room: Room, updates: Uint8Array[]) {
    const encoder = encoding.createEncoder();
    encoding.writeUint8(encoder, KIND_UPDATES);
    encoding.writeUint8Array(encoder, this.id);
    encoding.writeVarUint(encoder, updates.length);
    for (const update of updates) encoding.writeVarUint8Array(encoder, update);
    this.publish(room, encoding.toUint8Array(encoder));
  }

  publishAwareness(room: Room, message: Uint8Array) {
    const encoder = encoding.createEncoder();
    encoding.writeUint8(encoder, KIND_AWARENESS);
    encoding.writeUint8Array(encoder, this.id);
    encoding.writeUint8Array(encoder, message);
    this.publish(room, encoding.toUint8Array(encoder));
  }

  /** PUBLISHes waiting for the end of this turn of the event loop. */
  private outbox: { channel: string; payload: Buffer }[] = [];

  /**
   * Queued, and sent with everything else published in this turn as one
   * pipeline (one write to Redis): a PUBLISH per keystroke, each its own
   * write waking Redis, was a third of a process's time with two of them.
   */
  private publish(room: Room, payload: Uint8Array) {
    this.outbox.push({ channel: PREFIX + room.name, payload: Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength) });
    if (this.outbox.length === 1) setImmediate(() => this.flush());
  }

  private flush() {
    const batch = this.outbox.splice(0);
    if (batch.length === 0) return;
    const pipeline = this.pub.pipeline();
    for (const { channel, payload } of batch) pipeline.publish(channel, payload);
    pipeline
      .exec()
      .then((results) => {
        const failed = results?.filter(([error]) => error) ?? [];
        if (failed.length) this.log.warn("redis publish failed; other processes catch up when it is back", { messages: failed.length, error: String(failed[0]![0]) });
      })
      .catch((error) => this.log.warn("redis publish failed; other processes catch up when it is back", { messages: batch.length, error: String(error) }));
  }

  private onMessage(channel: string, message: Buffer) {
    const room = this.rooms.get(channel.slice(PREFIX.length));
    if (!room || room.broken) return;
    try {
      const decoder = decoding.createDecoder(new Uint8Array(message.buffer, message.byteOffset, message.byteLength));
      const kind = decoding.readUint8(decoder);
      // Redis sends our own messages back to us too.
      if (this.id.equals(decoding.readUint8Array(decoder, 8))) return;
      if (kind === KIND_UPDATES) {
        const n = decoding.readVarUint(decoder);
        for (let i = 0; i < n; i++) room.applyRemoteUpdate(decoding.readVarUint8Array(decoder), "remote");
      } else if (kind === KIND_AWARENESS) {
        const awareness = decoding.readTailAsUint8Array(decoder);
        const parsed = parseMessage(awareness);
        if (parsed.kind === "awareness") room.applyRemoteAwareness(awareness, parsed.update);
      }
    } catch (error) {
      this.log.warn("ignoring a malformed message from redis", { channel, error: String(error) });
    }
  }

  async close() {
    this.flush();
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
  }
}
