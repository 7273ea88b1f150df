// Bookkeeping for one measured window: when each keystroke was sent and to
// how many readers, when each reader received it, and when the server
// acknowledged it as stored. Writers and readers live in this one process, so
// their clocks are the same clock.
import { structKey } from "./protocol";

type Sent = { at: number; expected: number; received: number };

export class Tracker {
  private sent = new Map<number, Sent>();
  /** Propagation latencies (ms) of keystrokes sent while recording. */
  latencies: number[] = [];
  /** Keystroke → acknowledgement (ms), ours only. */
  acks: number[] = [];
  updatesSent = 0;
  expected = 0;
  received = 0;
  /** Updates that arrived for keystrokes this window does not know (earlier windows, seeds). */
  untracked = 0;
  awarenessReceived = 0;
  recording = false;

  reset() {
    this.sent.clear();
    this.latencies = [];
    this.acks = [];
    this.updatesSent = 0;
    this.expected = 0;
    this.received = 0;
    this.untracked = 0;
    this.awarenessReceived = 0;
  }

  onSent(client: number, clock: number, expected: number, at: number) {
    if (!this.recording) return;
    this.sent.set(structKey(client, clock), { at, expected, received: 0 });
    this.updatesSent++;
    this.expected += expected;
  }

  onReceived(client: number, clock: number, at: number) {
    const record = this.sent.get(structKey(client, clock));
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

export function percentile(values: number[], p: number) {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
