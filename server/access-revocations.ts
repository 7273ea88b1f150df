// Telling every process at once that some people may have lost access (a
// sign-out, a password change, a role or membership removed, an account
// erased), so that the collaboration server re-checks those people's open
// sockets now (server/collab/access-watch.ts). The route or job that made
// the change announces it after its transaction committed. This process
// hears it at once; with REDIS_URL every other process hears it through one
// Redis channel. Nothing depends on hearing it: the access_changes poll
// catches every change within its interval, announced or not, so a message
// lost while Redis is unreachable only costs that interval (decision 041).
import crypto from "node:crypto";
import { Redis } from "ioredis";
import { closeRedis } from "./close-redis";
import { errorFields, type Logger } from "./log";

const CHANNEL = "roundtable:access-revoked";

export type RevocationListener = (userIds: string[]) => void;

export class AccessRevocations {
  private readonly listeners = new Set<RevocationListener>();
  private readonly pub: Redis | null = null;
  private readonly sub: Redis | null = null;
  /** Our own messages come back from Redis; they were delivered here already. */
  private readonly id = crypto.randomBytes(8).toString("hex");
  /** Resolves once the subscription is in place (at once without Redis). */
  readonly listening: Promise<void>;

  constructor(
    redisUrl: string | null,
    private readonly log: Logger,
  ) {
    if (!redisUrl) {
      this.listening = Promise.resolve();
      return;
    }
    // Not queued while Redis is away: the poll covers what is missed, and a late announcement adds nothing.
    this.pub = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: (times: number) => Math.min(times * 200, 2000) });
    this.sub = new Redis(redisUrl, { retryStrategy: (times: number) => Math.min(times * 200, 2000) });
    for (const client of [this.pub, this.sub]) client.on("error", (error) => this.log.warn("redis (access revocations)", { error: String(error) }));
    this.sub.on("message", (_channel: string, message: string) => this.onMessage(message));
    // ioredis subscribes again by itself after a reconnection.
    this.listening = this.sub.subscribe(CHANNEL).then(
      () => {},
      (error) => this.log.warn("subscribing to access revocations failed; the access poll still applies them", errorFields(error)),
    );
  }

  /** After the change committed: these people's sockets are re-checked, on every process. */
  announce(userIds: readonly string[]) {
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return;
    this.deliver(ids);
    this.pub?.publish(CHANNEL, JSON.stringify({ from: this.id, userIds: ids })).catch((error) =>
      this.log.warn("announcing an access revocation failed; other processes apply it at their next access poll", { userIds: ids.length, ...errorFields(error) }),
    );
  }

  /** Calls `listener` with the people of every announcement, this process's own included; returns the unsubscribe. */
  onRevoked(listener: RevocationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close() {
    this.listeners.clear();
    await Promise.all([this.pub, this.sub].map((client) => client && closeRedis(client)));
  }

  private onMessage(message: string) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(message);
    } catch {
      parsed = null;
    }
    const { from, userIds } = (parsed ?? {}) as { from?: unknown; userIds?: unknown };
    if (typeof from !== "string" || !Array.isArray(userIds) || !userIds.every((id) => typeof id === "string")) {
      return this.log.warn("ignoring a malformed access revocation from redis", { message: message.slice(0, 200) });
    }
    if (from !== this.id) this.deliver(userIds);
  }

  private deliver(userIds: string[]) {
    for (const listener of this.listeners) {
      try {
        listener(userIds);
      } catch (error) {
        this.log.error("acting on an access revocation failed", errorFields(error));
      }
    }
  }
}
