// The counters behind every per-address and per-person limit, as two
// processes see them through one Redis (a private redis-server, so it can be
// stopped): a budget spent on one is spent on the other, a slot taken on one
// counts on the other, keys expire by themselves, a dead process's slots are
// freed by their lease, and while Redis is unreachable each process counts
// alone (logged once) until Redis is back.
import type { ChildProcess } from "node:child_process";
import { Redis } from "ioredis";
import { LocalConnectionSlots, SharedConnectionSlots } from "../../server/limits/connection-slots";
import { SharedRateLimiter } from "../../server/limits/rate-limiter";
import { RedisCounters } from "../../server/limits/redis-counters";
import type { Logger } from "../../server/log";
import { freePort, startRedis, stopRedis } from "../support/private-redis";

let port: number;
let redis: ChildProcess | null = null;
let inspect: Redis;
const opened: { close: () => unknown }[] = [];

/** A logger that keeps what it is told. */
function recordingLog() {
  const lines: { level: string; msg: string }[] = [];
  const log: Logger = {
    info: (msg) => void lines.push({ level: "info", msg }),
    warn: (msg) => void lines.push({ level: "warn", msg }),
    error: (msg) => void lines.push({ level: "error", msg }),
  };
  return { log, lines };
}

/** What one process holds: its own connection to Redis. */
function processCounters(log: Logger = recordingLog().log) {
  const counters = new RedisCounters(`redis://127.0.0.1:${port}`, log);
  opened.push(counters);
  return counters;
}

function slots(counters: RedisCounters, caps = { perPerson: 3, perAddress: 5 }, leaseMs?: number) {
  const s = new SharedConnectionSlots(counters, caps, leaseMs);
  opened.push(s);
  return s;
}

beforeAll(async () => {
  port = await freePort();
  redis = await startRedis(port);
  inspect = new Redis(`redis://127.0.0.1:${port}`);
  inspect.on("error", () => {}); // down on purpose in the outage tests
});

afterEach(async () => {
  for (const o of opened.splice(0).reverse()) await o.close();
  redis ??= await startRedis(port);
  await inspect.flushall();
});

afterAll(async () => {
  inspect?.disconnect();
  await stopRedis(redis);
});

describe("a per-address budget", () => {
  test("is spent by two processes together: three requests in all, whichever process takes them", async () => {
    const one = new SharedRateLimiter(processCounters(), "auth", 3, 3 / 60);
    const two = new SharedRateLimiter(processCounters(), "auth", 3, 3 / 60);
    expect(await one.take("203.0.113.7")).toEqual({ ok: true });
    expect(await two.take("203.0.113.7")).toEqual({ ok: true });
    expect(await one.take("203.0.113.7")).toEqual({ ok: true });
    const refused = [await two.take("203.0.113.7"), await one.take("203.0.113.7")];
    // One token comes back every 20 s.
    for (const answer of refused) expect(answer).toEqual({ ok: false, retryAfterSeconds: expect.any(Number) });
    for (const answer of refused) expect(!answer.ok && answer.retryAfterSeconds).toBeGreaterThan(15);
    // Another address has its own budget.
    expect(await two.take("198.51.100.9")).toEqual({ ok: true });
  });

  test("refills over time, and its key expires once the bucket would be full again", async () => {
    const limiter = new SharedRateLimiter(processCounters(), "auth", 2, 10);
    expect((await limiter.take("a")).ok).toBe(true);
    expect((await limiter.take("a")).ok).toBe(true);
    expect((await limiter.take("a")).ok).toBe(false);
    const [key] = await inspect.keys("*auth:a");
    expect(key).toBeDefined();
    // 2 tokens at 10 a second: full again within 200 ms; the key lives at most a second beyond that.
    expect(await inspect.pttl(key!)).toBeLessThanOrEqual(1200);
    await new Promise((r) => setTimeout(r, 150));
    expect((await limiter.take("a")).ok).toBe(true);
    await vi.waitFor(async () => expect(await inspect.exists(key!)).toBe(0), { timeout: 3000, interval: 100 });
  });
});

describe("connection slots", () => {
  test("a person's sockets on two processes count together, and closing one frees a slot for either", async () => {
    const one = slots(processCounters());
    const two = slots(processCounters());
    const a = await one.take("person-1", "203.0.113.7");
    const b = await two.take("person-1", "203.0.113.8");
    const c = await one.take("person-1", "203.0.113.9");
    expect([a.ok, b.ok, c.ok]).toEqual([true, true, true]);
    expect(await two.take("person-1", "203.0.113.10")).toEqual({ ok: false, limit: "person" });
    expect(await one.take("person-1", "203.0.113.10")).toEqual({ ok: false, limit: "person" });
    // Someone else is not held back by it.
    expect((await two.take("person-2", "203.0.113.10")).ok).toBe(true);
    if (a.ok) a.release();
    await vi.waitFor(async () => expect((await two.take("person-1", "203.0.113.10")).ok).toBe(true), { timeout: 2000, interval: 20 });
  });

  test("an address's sockets on two processes count together, whoever opens them", async () => {
    const one = slots(processCounters(), { perPerson: 10, perAddress: 3 });
    const two = slots(processCounters(), { perPerson: 10, perAddress: 3 });
    expect((await one.take("p1", "office")).ok).toBe(true);
    expect((await two.take("p2", "office")).ok).toBe(true);
    expect(await one.addressFull("office")).toBe(false);
    expect((await two.take("p3", "office")).ok).toBe(true);
    expect(await one.addressFull("office")).toBe(true);
    expect(await one.take("p4", "office")).toEqual({ ok: false, limit: "address" });
  });

  test("the slots of a process that died without releasing them are freed when their lease runs out", async () => {
    const dying = slots(processCounters(), { perPerson: 1, perAddress: 5 }, 600);
    const alive = slots(processCounters(), { perPerson: 1, perAddress: 5 }, 600);
    expect((await dying.take("person-1", "home")).ok).toBe(true);
    dying.close(); // no more renewals, as when the process is killed
    expect(await alive.take("person-1", "home")).toEqual({ ok: false, limit: "person" });
    const started = Date.now();
    await vi.waitFor(async () => expect((await alive.take("person-1", "home")).ok).toBe(true), { timeout: 3000, interval: 50 });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  test("a live process renews its slots, so they outlast the lease; the keys go once the last slot is released", async () => {
    const one = slots(processCounters(), { perPerson: 1, perAddress: 5 }, 450);
    const two = slots(processCounters(), { perPerson: 1, perAddress: 5 }, 450);
    const held = await one.take("person-1", "home");
    await new Promise((r) => setTimeout(r, 1000)); // two leases
    expect(await two.take("person-1", "home")).toEqual({ ok: false, limit: "person" });
    if (held.ok) held.release();
    await vi.waitFor(async () => expect(await inspect.keys("*collab*")).toEqual([]), { timeout: 3000, interval: 50 });
  });

  test("alone (no Redis), a process counts its own sockets", async () => {
    const alone = new LocalConnectionSlots({ perPerson: 2, perAddress: 10 });
    const first = await alone.take("person-1", "home");
    expect((await alone.take("person-1", "home")).ok).toBe(true);
    expect(await alone.take("person-1", "home")).toEqual({ ok: false, limit: "person" });
    if (first.ok) {
      first.release();
      first.release(); // twice frees it once
    }
    expect((await alone.take("person-1", "home")).ok).toBe(true);
    expect(await alone.take("person-1", "home")).toEqual({ ok: false, limit: "person" });
  });
});

describe("while Redis is unreachable", () => {
  test("each process falls back to its own budget, says so once in its log, and shares again once Redis is back", async () => {
    const { log, lines } = recordingLog();
    const one = new SharedRateLimiter(processCounters(log), "auth", 2, 2 / 60);
    const two = new SharedRateLimiter(processCounters(), "auth", 2, 2 / 60);
    expect((await one.take("x")).ok).toBe(true);
    expect((await two.take("x")).ok).toBe(true);
    expect((await one.take("x")).ok).toBe(false);

    await stopRedis(redis);
    redis = null;
    // Its own bucket, as alone: fresh, so two more, then refused; promptly, not after a timeout each.
    const started = Date.now();
    expect((await one.take("x")).ok).toBe(true);
    expect((await one.take("x")).ok).toBe(true);
    expect((await one.take("x")).ok).toBe(false);
    expect(Date.now() - started).toBeLessThan(3000);
    const warnings = lines.filter((l) => l.level === "warn");
    expect(warnings.map((l) => l.msg)).toEqual(["redis unreachable: limits are counted in each process alone until it is back"]);

    redis = await startRedis(port);
    // Each process reconnects on its own schedule and counts alone until it has: wait until each one's takes reach Redis.
    const reaches = async (limiter: SharedRateLimiter, key: string) => {
      await limiter.take(key);
      expect(await inspect.keys(`*auth:${key}`)).toHaveLength(1);
    };
    await vi.waitFor(() => reaches(one, "probe-one"), { timeout: 10_000, interval: 100 });
    await vi.waitFor(() => reaches(two, "probe-two"), { timeout: 10_000, interval: 100 });
    expect(lines.filter((l) => l.level === "info").map((l) => l.msg)).toEqual(["redis answers again: limits are shared by every process again"]);
    // The shared bucket starts afresh (the restarted Redis kept nothing) and both processes spend it together again.
    expect((await two.take("y")).ok).toBe(true);
    expect((await one.take("y")).ok).toBe(true);
    expect((await two.take("y")).ok).toBe(false);
    expect((await one.take("y")).ok).toBe(false);
  }, 30_000);

  test("connection slots are counted per process meanwhile, and the open ones are put back into Redis once it returns", async () => {
    const one = slots(processCounters(), { perPerson: 2, perAddress: 10 }, 600);
    const two = slots(processCounters(), { perPerson: 2, perAddress: 10 }, 600);
    await stopRedis(redis);
    redis = null;
    expect((await one.take("person-1", "home")).ok).toBe(true);
    expect((await one.take("person-1", "home")).ok).toBe(true);
    expect(await one.take("person-1", "home")).toEqual({ ok: false, limit: "person" });
    // The other process cannot see them: it counts its own.
    expect((await two.take("person-1", "home")).ok).toBe(true);

    redis = await startRedis(port);
    // Renewals bring all three back into the shared count: the person is over the limit everywhere.
    await vi.waitFor(async () => expect(await inspect.zcard((await inspect.keys("*collab:person:person-1"))[0] ?? "none")).toBe(3), { timeout: 10_000, interval: 100 });
    expect(await two.take("person-1", "home")).toEqual({ ok: false, limit: "person" });
  }, 30_000);
});
