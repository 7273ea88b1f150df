// The rules behind the editor's "Saved" and connection labels.
import { connectionLabel, isUpdateCarrying, reconnectDelayMs, SaveTracker, saveState, SocketSendLog, spokenConnectionLabel } from "./collab-status";

test("'Saved' waits until a message sent after the last change is acknowledged", () => {
  const tracker = new SaveTracker();
  const socket = new SocketSendLog();
  tracker.localChange();
  socket.sentUpdate(tracker.local); // message 1 covers change 1
  tracker.localChange();
  socket.sentUpdate(tracker.local); // message 2 covers change 2
  expect(tracker.saved).toBe(false);
  tracker.acknowledged(socket, 1);
  expect(tracker.saved).toBe(false);
  tracker.acknowledged(socket, 2);
  expect(tracker.saved).toBe(true);
});

test("changes made offline are saved by the first acknowledged message on the next connection", () => {
  const tracker = new SaveTracker();
  const first = new SocketSendLog();
  tracker.localChange();
  first.sentUpdate(tracker.local);
  // The connection drops before the acknowledgement; three changes are made offline.
  tracker.localChange();
  tracker.localChange();
  tracker.localChange();
  expect(tracker.saved).toBe(false);
  const second = new SocketSendLog();
  second.sentUpdate(tracker.local); // the SyncStep2 after reconnecting carries all of them
  tracker.acknowledged(second, 1);
  expect(tracker.saved).toBe(true);
});

test("an acknowledgement counts only the messages of its own connection", () => {
  const tracker = new SaveTracker();
  const first = new SocketSendLog();
  tracker.localChange();
  first.sentUpdate(tracker.local);
  tracker.localChange();
  first.sentUpdate(tracker.local);
  const second = new SocketSendLog();
  tracker.acknowledged(second, 2); // the new socket sent nothing yet
  expect(tracker.saved).toBe(false);
});

test("only SyncStep2 and Update messages carry content", () => {
  expect(isUpdateCarrying(new Uint8Array([0, 0, 1]))).toBe(false); // SyncStep1
  expect(isUpdateCarrying(new Uint8Array([0, 1, 1]))).toBe(true);
  expect(isUpdateCarrying(new Uint8Array([0, 2, 1]))).toBe(true);
  expect(isUpdateCarrying(new Uint8Array([1, 2, 1]))).toBe(false); // awareness
});

test("the countdown follows y-websocket's back-off and never shows 0 s", () => {
  expect(reconnectDelayMs(1, 10_000)).toBe(200);
  expect(reconnectDelayMs(5, 10_000)).toBe(3200);
  expect(reconnectDelayMs(12, 10_000)).toBe(10_000);
  expect(connectionLabel("waiting", 10_000 + 3200, 10_000)).toBe("Reconnecting in 4 s");
  expect(connectionLabel("waiting", 10_000, 10_050)).toBe("Reconnecting in 1 s");
  expect(connectionLabel("live", null, 0)).toBe("Live");
});

test("a screen reader hears 'Offline' once, not every tick of the countdown", () => {
  expect(spokenConnectionLabel("waiting")).toBe("Offline");
  expect(spokenConnectionLabel("offline")).toBe("Offline");
  expect(spokenConnectionLabel("live")).toBe("Live");
});

test("unsaved changes read 'Saving…' while live and 'Not saved yet — offline' otherwise", () => {
  expect(saveState(true, "offline")).toBe("saved");
  expect(saveState(false, "live")).toBe("saving");
  expect(saveState(false, "waiting")).toBe("unsaved-offline");
  expect(saveState(false, "connecting")).toBe("unsaved-offline");
});
