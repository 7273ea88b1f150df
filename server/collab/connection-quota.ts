// Connection limits, checked on upgrade right after authentication: how many
// collaboration websockets one person, and one client address, may hold open
// at once. A person with several tabs and devices stays well inside the
// first; a whole office behind one NAT address inside the second. Counted
// per process: with several processes behind a load balancer, each holds
// its own counts (documented in the README).
import type { IncomingMessage } from "node:http";

export type ConnectionCaps = { perPerson: number; perAddress: number };

export type QuotaDecision = { ok: true; release: () => void } | { ok: false; limit: "person" | "address" };

export class ConnectionQuota {
  private readonly byPerson = new Map<string, number>();
  private readonly byAddress = new Map<string, number>();

  constructor(private readonly caps: ConnectionCaps) {}

  /** Whether this address already holds all it may: checked before authenticating, which costs a query. */
  addressFull(address: string): boolean {
    return (this.byAddress.get(address) ?? 0) >= this.caps.perAddress;
  }

  /** Takes a slot for this person at this address, or says which limit is reached. `release` frees it (once). */
  take(userId: string, address: string): QuotaDecision {
    if ((this.byPerson.get(userId) ?? 0) >= this.caps.perPerson) return { ok: false, limit: "person" };
    if (this.addressFull(address)) return { ok: false, limit: "address" };
    add(this.byPerson, userId, 1);
    add(this.byAddress, address, 1);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        add(this.byPerson, userId, -1);
        add(this.byAddress, address, -1);
      },
    };
  }
}

function add(counts: Map<string, number>, key: string, delta: number) {
  const n = (counts.get(key) ?? 0) + delta;
  if (n <= 0) counts.delete(key);
  else counts.set(key, n);
}

/**
 * The client's address as Express reads it for HTTP requests: with
 * TRUST_PROXY the left-most X-Forwarded-For entry (what `trust proxy: true`
 * takes), otherwise the socket's peer.
 */
export function clientAddressOf(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers["x-forwarded-for"];
  const first = trustProxy ? (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim() : undefined;
  return first || req.socket.remoteAddress || "unknown";
}
