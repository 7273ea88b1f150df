// Presence ("who is here", cursors) of one room: each awareness client's
// clock and state, kept as the JSON text that is relayed, by y-protocols'
// rules (a newer clock wins; states not renewed for 30 s expire). Replaces
// y-protocols' Awareness on the server, which parsed every state again and
// compared it deeply with the last one only to emit change events nobody
// here listens to: the room parses each state once, to check it.
import { encodeAwarenessEntries, type AwarenessEntry } from "./protocol";

/** A client that left: y-protocols writes JSON.stringify(null). */
export const NULL_STATE = "null";

/** y-protocols' outdatedTimeout: a state nobody renewed for this long is dropped. */
export const AWARENESS_TIMEOUT_MS = 30_000;

type Held = { clock: number; state: string | null; updatedAt: number };

export class AwarenessStates {
  private readonly held = new Map<number, Held>();

  /** The clock last seen for a client id, whether its state is live or removed. */
  clockOf(clientId: number): number | undefined {
    return this.held.get(clientId)?.clock;
  }

  /** Client ids with a live (non-null) state. */
  liveIds(): number[] {
    const ids: number[] = [];
    for (const [id, h] of this.held) if (h.state !== null) ids.push(id);
    return ids;
  }

  /**
   * Applies checked entries as y-protocols' applyAwarenessUpdate does: an
   * entry with a newer clock replaces the state, and a null state at the
   * same clock removes a live one. A null state is the text "null" here
   * (the room writes it so, whatever spacing a client sent).
   */
  apply(entries: readonly AwarenessEntry[], now = Date.now()) {
    for (const entry of entries) {
      const current = this.held.get(entry.clientId);
      const clock = current?.clock ?? 0;
      const removal = entry.state === NULL_STATE;
      if (clock < entry.clock || (clock === entry.clock && removal && current?.state != null)) {
        this.held.set(entry.clientId, { clock: entry.clock, state: removal ? null : entry.state, updatedAt: now });
      }
    }
  }

  /**
   * Removes the live states of these ids (their socket left, or they
   * expired) at the same clock, as y-protocols' removeAwarenessStates does
   * for other clients: a null state at the clock already held removes it
   * everywhere, and the client's own next clock is still newer. Returns the
   * removal entries to tell the others; none for ids without a live state.
   */
  remove(ids: readonly number[]): AwarenessEntry[] {
    const removed: AwarenessEntry[] = [];
    for (const id of ids) {
      const current = this.held.get(id);
      if (!current || current.state === null) continue;
      current.state = null;
      removed.push({ clientId: id, clock: current.clock, state: NULL_STATE });
    }
    return removed;
  }

  /** Live states not renewed within the timeout. */
  expired(now = Date.now()): number[] {
    const ids: number[] = [];
    for (const [id, h] of this.held) if (h.state !== null && now - h.updatedAt >= AWARENESS_TIMEOUT_MS) ids.push(id);
    return ids;
  }

  /** Every live state as one awareness update (what a newcomer is sent); null when there is none. */
  encodeLive(): Uint8Array | null {
    const live: AwarenessEntry[] = [];
    for (const [clientId, h] of this.held) if (h.state !== null) live.push({ clientId, clock: h.clock, state: h.state });
    return live.length ? encodeAwarenessEntries(live) : null;
  }

  /** The live states, parsed: for inspection and tests, never on the hot path. */
  getStates(): Map<number, unknown> {
    const states = new Map<number, unknown>();
    for (const [id, h] of this.held) if (h.state !== null) states.set(id, JSON.parse(h.state));
    return states;
  }
}
