// What the co-authoring editor tells its user about the connection and about
// saving, as plain rules without React or a network, so they can be tested.
// "Saved" is only ever shown for changes the server has acknowledged as
// stored ([100, n], see server/collab/protocol.ts).

/** How many update-carrying messages this socket sent, and how many local changes each one covered. */
export class SocketSendLog {
  private sent = 0;
  private covering: { seq: number; local: number }[] = [];

  /** Records one SyncStep2 or Update message, sent when `local` local changes had been made. */
  sentUpdate(local: number) {
    this.sent++;
    this.covering.push({ seq: this.sent, local });
  }

  /** The server stored the first `count` messages: how many local changes that makes durable. */
  acknowledged(count: number): number | null {
    let durable: number | null = null;
    while (this.covering.length && this.covering[0]!.seq <= count) {
      durable = Math.max(durable ?? 0, this.covering.shift()!.local);
    }
    return durable;
  }
}

/** y-websocket's messages are [0 = sync, step, …]; steps 1 (SyncStep2) and 2 (Update) carry content. */
export function isUpdateCarrying(message: Uint8Array) {
  return message[0] === 0 && (message[1] === 1 || message[1] === 2);
}

/**
 * Local changes are counted as they happen; a change is stored once a
 * message sent after it has been acknowledged. Every message sent on a
 * socket carries all that the server lacked at that moment, so the highest
 * count among acknowledged messages is durable.
 */
export class SaveTracker {
  local = 0;
  durable = 0;

  localChange() {
    this.local++;
  }

  acknowledged(log: SocketSendLog, count: number) {
    const durable = log.acknowledged(count);
    if (durable !== null && durable > this.durable) this.durable = durable;
  }

  get saved() {
    return this.durable >= this.local;
  }
}

/**
 * y-websocket's wait before the next attempt, in ms, after its counter of
 * unsuccessful attempts has been raised (see setupWS in y-websocket.js).
 */
export function reconnectDelayMs(unsuccessfulReconnects: number, maxBackoffMs: number) {
  return Math.min(2 ** unsuccessfulReconnects * 100, maxBackoffMs);
}

export type Connection = "connecting" | "live" | "offline" | "waiting";

/** Whole seconds until the next attempt, at least 1. */
export function reconnectSeconds(reconnectAt: number | null, now: number) {
  return reconnectAt === null ? 1 : Math.max(1, Math.ceil((reconnectAt - now) / 1000));
}

/** The connection in English words (the editor shows the same from the catalogues: modules:editor.connection). */
export function connectionLabel(connection: Connection, reconnectAt: number | null, now: number) {
  switch (connection) {
    case "connecting":
      return "Connecting…";
    case "live":
      return "Live";
    case "offline":
      return "Offline";
    case "waiting":
      return `Reconnecting in ${reconnectSeconds(reconnectAt, now)} s`;
  }
}

/**
 * What a screen reader is told about the connection: the countdown ticks
 * every second, so it is announced only as being offline.
 */
export function spokenConnectionLabel(connection: Connection) {
  switch (connection) {
    case "connecting":
      return "Connecting…";
    case "live":
      return "Live";
    case "offline":
    case "waiting":
      return "Offline";
  }
}

export type SaveState = "saved" | "saving" | "unsaved-offline";

export function saveState(saved: boolean, connection: Connection): SaveState {
  if (saved) return "saved";
  return connection === "live" ? "saving" : "unsaved-offline";
}

// Their words: modules:editor.save.<state>.

/** Why the editor cannot work normally, in words for the person at the keyboard. */
export type CollabProblem = "unreachable" | "no-access" | "signed-out" | "too-large" | "refused";
