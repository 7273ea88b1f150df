// Bookkeeping for one measured window: when each keystroke was sent and to
// how many readers, when each reader received it, and when the server
// acknowledged it as stored. Writers and readers live in this one process, so
// their clocks are the same clock. Kept cheap, as it runs for every message
// the load generator receives: keystrokes are found by writer, then by clock
// (small integers), and timings go into growable typed arrays.

type Sent = { at: number; expected: number; received: number };

/** Numbers appended one by one into a typed array that doubles when full. */
export class Samples {
  private values = new Float64Array(1024);
  length = 0;

  push(value: number) {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }

  toArray(): Float64Array {
    return this.values.subarray(0, this.length);
  }
}

export class Tracker {
  /** By writer (Yjs client id), then by the clock of the keystroke's first character. */
  private sent = new Map<number, Map<number, Sent>>();
  /** Propagation latencies (ms) of keystrokes sent while recording. */
  latencies = new Samples();
  /** Keystroke → acknowledgement (ms), ours only. */
  acks = new Samples();
  updatesSent = 0;
  expected = 0;
  received = 0;
  /** Updates that arrived for keystrokes this window does not know (earlier windows, seeds). */
  untracked = 0;
  awarenessReceived = 0;
  recording = false;

  reset() {
    this.sent.clear();
    this.latencies = new Samples();
    this.acks = new Samples();
    this.updatesSent = 0;
    this.expected = 0;
    this.received = 0;
    this.untracked = 0;
    this.awarenessReceived = 0;
  }

  onSent(client: number, clock: number, expected: number, at: number) {
    if (!this.recording) return;
    let byClock = this.sent.get(client);
    if (!byClock) this.sent.set(client, (byClock = new Map()));
    byClock.set(clock, { at, expected, received: 0 });
    this.updatesSent++;
    this.expected += expected;
  }

  onReceived(client: number, clock: number, at: number) {
    const record = this.sent.get(client)?.get(clock);
    if (!record) {
      this.untracked++;
      return;
    }
    record.received++;
    this.received++;
    this.latencies.push(at - record.at);
  }

  /** Keystrokes sent while recording are timed to their acknowledgement, even if it comes after. */
  onAck(ms: number) {
    this.acks.push(ms);
  }

  get complete() {
    return this.received >= this.expected;
  }
}

export function percentile(values: ArrayLike<number> | Samples, p: number) {
  const list = values instanceof Samples ? values.toArray() : values;
  if (list.length === 0) return NaN;
  const sorted = Float64Array.from(list).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
