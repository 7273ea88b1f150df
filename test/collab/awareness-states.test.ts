// The server keeps presence as JSON text (server/collab/awareness-states.ts)
// instead of y-protocols' Awareness. Whatever sequence of updates, removals
// and expiries it sees, it must hold what y-protocols would hold: the same
// live states, the same clocks, and the same update for a newcomer.
import fc from "fast-check";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { AWARENESS_TIMEOUT_MS, AwarenessStates } from "../../server/collab/awareness-states";
import { decodeRelayedAwarenessEntries, encodeAwarenessEntries, type AwarenessEntry } from "../../server/collab/protocol";

type Step =
  | { kind: "update"; entries: { clientId: number; clock: number; state: unknown }[] }
  | { kind: "remove"; ids: number[] }
  | { kind: "expire"; afterMs: number };

const clientId = fc.integer({ min: 1, max: 6 });
const state = fc.oneof(fc.constant(null), fc.record({ user: fc.record({ name: fc.string({ maxLength: 5 }) }), cursor: fc.option(fc.integer()) }));
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("update" as const), entries: fc.array(fc.record({ clientId, clock: fc.integer({ min: 0, max: 8 }), state }), { minLength: 1, maxLength: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("remove" as const), ids: fc.array(clientId, { maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("expire" as const), afterMs: fc.integer({ min: 0, max: 2 * AWARENESS_TIMEOUT_MS }) }) },
);

/** What a newcomer would be sent, as (client, clock, parsed state), in client order. */
function newcomerView(update: Uint8Array | null) {
  if (!update) return [];
  return decodeRelayedAwarenessEntries(update)
    .map((e) => ({ clientId: e.clientId, clock: e.clock, state: JSON.parse(e.state) as unknown }))
    .sort((a, b) => a.clientId - b.clientId);
}

test("presence kept as text holds what y-protocols' Awareness holds, after any sequence of updates, departures and expiries", () => {
  fc.assert(
    fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
      const doc = new Y.Doc();
      const reference = new awarenessProtocol.Awareness(doc);
      reference.setLocalState(null);
      const ours = new AwarenessStates();
      // One clock for both: y-protocols stamps its states with the real time,
      // so when each was last renewed is noted here as its meta changes.
      let now = 1_000_000;
      const renewedAt = new Map<number, number>();
      try {
        for (const s of steps) {
          if (s.kind === "update") {
            const entries: AwarenessEntry[] = s.entries.map((e) => ({ clientId: e.clientId, clock: e.clock, state: JSON.stringify(e.state) }));
            const metaBefore = new Map(reference.meta);
            awarenessProtocol.applyAwarenessUpdate(reference, encodeAwarenessEntries(entries), "client");
            for (const [id, meta] of reference.meta) if (metaBefore.get(id) !== meta) renewedAt.set(id, now);
            ours.apply(entries, now);
          } else if (s.kind === "remove") {
            awarenessProtocol.removeAwarenessStates(reference, s.ids, "leave");
            ours.remove(s.ids);
          } else {
            now += s.afterMs;
            // y-protocols' rule (its check every 3 s): a state not renewed for outdatedTimeout goes.
            const stale = [...reference.states.keys()].filter((id) => id !== doc.clientID && now - renewedAt.get(id)! >= awarenessProtocol.outdatedTimeout);
            awarenessProtocol.removeAwarenessStates(reference, stale, "timeout");
            ours.remove(ours.expired(now));
          }
          expect(ours.getStates()).toEqual(new Map([...reference.getStates()].filter(([id]) => id !== doc.clientID)));
          for (const id of [1, 2, 3, 4, 5, 6]) expect(ours.clockOf(id)).toBe(reference.meta.get(id)?.clock);
          const live = [...reference.getStates().keys()].filter((id) => id !== doc.clientID);
          const expected = live.length ? awarenessProtocol.encodeAwarenessUpdate(reference, live) : null;
          expect(newcomerView(ours.encodeLive())).toEqual(newcomerView(expected));
        }
      } finally {
        reference.destroy();
        doc.destroy();
      }
    }),
    { numRuns: 300 },
  );
  expect(AWARENESS_TIMEOUT_MS).toBe(awarenessProtocol.outdatedTimeout);
});
