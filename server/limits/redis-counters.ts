// The counts every process shares through Redis: token buckets (a budget
// per address) and connection slots (sockets open per person and per
// address). Each change is one Lua script, so two processes never both take
// the last token or slot, and it reads Redis's clock, so processes whose
// clocks differ still agree. Every key expires by itself: a bucket once it
// would be full again, a slot when its lease runs out (a process renews its
// slots' leases while their sockets are open, so those of a process that
// died are gone within one lease). When Redis cannot answer, because it is
// down or slower than COMMAND_TIMEOUT_MS, the caller is told UNREACHABLE and
// counts in its own memory; the outage and the recovery are logged once each.
import { Redis } from "ioredis";
import { closeRedis } from "../close-redis";
import { errorFields, type Logger } from "../log";

export const UNREACHABLE = Symbol("redis unreachable");
export type Unreachable = typeof UNREACHABLE;

/** Longer than a healthy Redis ever takes (well under 1 ms on a LAN), short enough not to hold a sign-in up. */
const COMMAND_TIMEOUT_MS = 500;
/** How long the first commands wait for the first connection before counting locally. */
const FIRST_CONNECT_WAIT_MS = 2000;
/** One hash slot for every key, so the slot script's two keys may also live in a Redis Cluster. */
const PREFIX = "roundtable:limits:{roundtable}:";

const NOW_MS = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/** KEYS[1] the bucket; ARGV capacity, tokens per ms. Returns 0 when a token was taken, else the ms until one is there. */
const TAKE_TOKEN = `${NOW_MS}
local capacity = tonumber(ARGV[1])
local perMs = tonumber(ARGV[2])
local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(bucket[1]) or capacity
local at = tonumber(bucket[2]) or now
if now > at then
  tokens = math.min(capacity, tokens + (now - at) * perMs)
  at = now
end
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) / perMs) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(at))
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / perMs) + 1000)
return wait`;

/** KEYS person, address; ARGV member, per person, per address, lease ms. Returns 0 (taken), 1 (person full) or 2 (address full). */
const TAKE_SLOT = `${NOW_MS}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 1 end
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[3]) then return 2 end
local lease = tonumber(ARGV[4])
redis.call('ZADD', KEYS[1], now + lease, ARGV[1])
redis.call('ZADD', KEYS[2], now + lease, ARGV[1])
redis.call('PEXPIRE', KEYS[1], lease)
redis.call('PEXPIRE', KEYS[2], lease)
return 0`;

/** KEYS person, address; ARGV member, lease ms. Renews a slot's lease, putting it back if an outage lost it. */
const RENEW_SLOT = `${NOW_MS}
local lease = tonumber(ARGV[2])
redis.call('ZADD', KEYS[1], now + lease, ARGV[1])
redis.call('ZADD', KEYS[2], now + lease, ARGV[1])
redis.call('PEXPIRE', KEYS[1], lease)
redis.call('PEXPIRE', KEYS[2], lease)
return 0`;

/** KEYS address; ARGV per address. Returns 1 when the address holds all it may. */
const ADDRESS_FULL = `${NOW_MS}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 1 end
return 0`;

type ScriptedRedis = Redis & {
  takeToken(key: string, capacity: number, perMs: number): Promise<number>;
  takeSlot(person: string, address: string, member: string, perPerson: number, perAddress: number, leaseMs: number): Promise<number>;
  renewSlot(person: string, address: string, member: string, leaseMs: number): Promise<number>;
  addressFull(address: string, perAddress: number): Promise<number>;
};

export type SlotKeys = { person: string; address: string; member: string };

export class RedisCounters {
  private readonly redis: ScriptedRedis;
  private readonly firstConnection: Promise<void>;
  private outage = false;

  constructor(
    url: string,
    private readonly log: Logger,
  ) {
    const redis = new Redis(url, {
      // A command while disconnected fails at once: the caller counts locally rather than waiting.
      enableOfflineQueue: false,
      commandTimeout: COMMAND_TIMEOUT_MS,
      maxRetriesPerRequest: 0,
      retryStrategy: (times: number) => Math.min(times * 200, 2000),
    });
    redis.defineCommand("takeToken", { numberOfKeys: 1, lua: TAKE_TOKEN });
    redis.defineCommand("takeSlot", { numberOfKeys: 2, lua: TAKE_SLOT });
    redis.defineCommand("renewSlot", { numberOfKeys: 2, lua: RENEW_SLOT });
    redis.defineCommand("addressFull", { numberOfKeys: 1, lua: ADDRESS_FULL });
    this.redis = redis as ScriptedRedis;
    redis.on("error", (error) => this.unreachable(error));
    this.firstConnection = new Promise<void>((resolve) => {
      redis.once("ready", resolve);
      setTimeout(resolve, FIRST_CONNECT_WAIT_MS).unref();
    });
  }

  /** The ms until a token is there again (0: one was taken), or UNREACHABLE. */
  takeToken(bucket: string, capacity: number, refillPerSecond: number): Promise<number | Unreachable> {
    return this.run((r) => r.takeToken(PREFIX + bucket, capacity, refillPerSecond / 1000));
  }

  takeSlot(keys: SlotKeys, caps: { perPerson: number; perAddress: number }, leaseMs: number): Promise<"taken" | "person" | "address" | Unreachable> {
    return this.run(async (r) => {
      const answer = await r.takeSlot(PREFIX + keys.person, PREFIX + keys.address, keys.member, caps.perPerson, caps.perAddress, leaseMs);
      return answer === 0 ? "taken" : answer === 1 ? "person" : "address";
    });
  }

  /** Renews these slots' leases in one round trip. */
  renewSlots(slots: SlotKeys[], leaseMs: number): Promise<void | Unreachable> {
    return this.run(async (r) => {
      const pipeline = r.pipeline() as ReturnType<Redis["pipeline"]> & { renewSlot: ScriptedRedis["renewSlot"] };
      for (const s of slots) pipeline.renewSlot(PREFIX + s.person, PREFIX + s.address, s.member, leaseMs);
      const results = (await pipeline.exec()) ?? [];
      const failed = results.find(([error]) => error);
      if (failed) throw failed[0];
    });
  }

  releaseSlot(keys: SlotKeys): Promise<void | Unreachable> {
    return this.run(async (r) => {
      await r.multi().zrem(PREFIX + keys.person, keys.member).zrem(PREFIX + keys.address, keys.member).exec();
    });
  }

  addressFull(address: string, perAddress: number): Promise<boolean | Unreachable> {
    return this.run(async (r) => (await r.addressFull(PREFIX + address, perAddress)) === 1);
  }

  async close() {
    await closeRedis(this.redis);
  }

  private async run<T>(command: (redis: ScriptedRedis) => Promise<T>): Promise<T | Unreachable> {
    await this.firstConnection;
    if (this.redis.status !== "ready") return this.unreachable(new Error(`redis connection is ${this.redis.status}`));
    let answer: T;
    try {
      answer = await command(this.redis);
    } catch (error) {
      return this.unreachable(error);
    }
    if (this.outage) {
      this.outage = false;
      this.log.info("redis answers again: limits are shared by every process again");
    }
    return answer;
  }

  private unreachable(error: unknown): Unreachable {
    if (!this.outage) {
      this.outage = true;
      this.log.warn("redis unreachable: limits are counted in each process alone until it is back", errorFields(error));
    }
    return UNREACHABLE;
  }
}
