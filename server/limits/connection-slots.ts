// How many collaboration websockets one person, and one client address, may
// hold open at once (decision 019). Each open socket holds a slot, freed
// when it closes. Alone, the slots are counted in this process's memory;
// with Redis, in Redis for every process together (decision 041): each slot
// is a member of the person's and the address's sorted sets, scored by when
// its lease ends, and renewed every LEASE_MS / 3 while the socket is open.
// While Redis is unreachable each process decides by its own sockets, as
// when it is alone; renewing puts them into Redis once it is back.
import crypto from "node:crypto";
import { UNREACHABLE, type RedisCounters, type SlotKeys } from "./redis-counters";

export type ConnectionCaps = { perPerson: number; perAddress: number };

export type SlotDecision = { ok: true; release: () => void } | { ok: false; limit: "person" | "address" };

export interface ConnectionSlots {
  /** Whether this address already holds all it may: checked before authenticating, which costs a query. */
  addressFull(address: string): Promise<boolean>;
  /** Takes a slot for this person at this address, or says which limit is reached. `release` frees it (once). */
  take(userId: string, address: string): Promise<SlotDecision>;
  close(): void;
}

/** The slots this process holds, by person and by address. */
class SlotCounts {
  private readonly byPerson = new Map<string, number>();
  private readonly byAddress = new Map<string, number>();

  person(userId: string) {
    return this.byPerson.get(userId) ?? 0;
  }

  address(address: string) {
    return this.byAddress.get(address) ?? 0;
  }

  refusal(caps: ConnectionCaps, userId: string, address: string): "person" | "address" | null {
    if (this.person(userId) >= caps.perPerson) return "person";
    if (this.address(address) >= caps.perAddress) return "address";
    return null;
  }

  add(userId: string, address: string, delta: 1 | -1) {
    addTo(this.byPerson, userId, delta);
    addTo(this.byAddress, address, delta);
  }
}

function addTo(counts: Map<string, number>, key: string, delta: number) {
  const n = (counts.get(key) ?? 0) + delta;
  if (n <= 0) counts.delete(key);
  else counts.set(key, n);
}

function once(release: () => void) {
  let released = false;
  return () => {
    if (released) return;
    released = true;
    release();
  };
}

export class LocalConnectionSlots implements ConnectionSlots {
  private readonly counts = new SlotCounts();

  constructor(private readonly caps: ConnectionCaps) {}

  async addressFull(address: string) {
    return this.counts.address(address) >= this.caps.perAddress;
  }

  async take(userId: string, address: string): Promise<SlotDecision> {
    const limit = this.counts.refusal(this.caps, userId, address);
    if (limit) return { ok: false, limit };
    this.counts.add(userId, address, 1);
    return { ok: true, release: once(() => this.counts.add(userId, address, -1)) };
  }

  close() {}
}

/** A slot of a process that died is freed when its lease runs out: at most this long after. */
export const SLOT_LEASE_MS = 60_000;

export class SharedConnectionSlots implements ConnectionSlots {
  /** This process's own slots: renewed in Redis, and what it decides by while Redis is unreachable. */
  private readonly counts = new SlotCounts();
  private readonly held = new Map<string, SlotKeys>();
  private readonly process = crypto.randomBytes(6).toString("hex");
  private nextSlot = 0;
  private readonly renewal: NodeJS.Timeout;

  constructor(
    private readonly counters: RedisCounters,
    private readonly caps: ConnectionCaps,
    private readonly leaseMs = SLOT_LEASE_MS,
  ) {
    this.renewal = setInterval(() => void this.renew(), leaseMs / 3);
    this.renewal.unref();
  }

  async addressFull(address: string) {
    const full = await this.counters.addressFull(addressKey(address), this.caps.perAddress);
    return full === UNREACHABLE ? this.counts.address(address) >= this.caps.perAddress : full;
  }

  async take(userId: string, address: string): Promise<SlotDecision> {
    const keys: SlotKeys = { person: personKey(userId), address: addressKey(address), member: `${this.process}:${this.nextSlot++}` };
    const answer = await this.counters.takeSlot(keys, this.caps, this.leaseMs);
    const limit = answer === UNREACHABLE ? this.counts.refusal(this.caps, userId, address) : answer === "taken" ? null : answer;
    if (limit) return { ok: false, limit };
    this.counts.add(userId, address, 1);
    this.held.set(keys.member, keys);
    return {
      ok: true,
      release: once(() => {
        this.counts.add(userId, address, -1);
        this.held.delete(keys.member);
        // Unanswered, the lease frees it.
        void this.counters.releaseSlot(keys);
      }),
    };
  }

  private async renew() {
    if (this.held.size) await this.counters.renewSlots([...this.held.values()], this.leaseMs);
  }

  close() {
    clearInterval(this.renewal);
  }
}

const personKey = (userId: string) => `collab:person:${userId}`;
const addressKey = (address: string) => `collab:address:${address}`;
