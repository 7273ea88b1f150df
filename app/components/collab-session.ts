// The browser side of co-authoring one draft: the Y.Doc, its copy in this
// browser's IndexedDB, and y-websocket's provider on a socket that counts
// what it sends, turned into a small store the editor subscribes to.
// Browser only: create it in an effect, never during the server render.
import * as decoding from "lib0/decoding";
import { IndexeddbPersistence } from "y-indexeddb";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { MODULE_YJS_FIELD } from "~/domain/modules/module-schema";
import { MESSAGE_ACK } from "../../server/collab/protocol";
import {
  isUpdateCarrying,
  reconnectDelayMs,
  SaveTracker,
  SocketSendLog,
  type CollabProblem,
  type Connection,
} from "./collab-status";

export type CollabUser = { id: string; name: string; color: string };
export type Peer = CollabUser & { clientId: number; self: boolean };
export type EditorAccess = "edit" | "view";
/** What the portal says when asked again: it decides between "offline" and "no access". */
export type AccessCheck = () => Promise<EditorAccess | "none" | "signed-out" | "unreachable">;

export type CollabSnapshot = {
  connection: Connection;
  /** When the provider tries again, while `connection` is "waiting". */
  reconnectAt: number | null;
  /** The document may be shown: it synced with the server, or this browser kept a synced copy. */
  ready: boolean;
  access: EditorAccess;
  problem: CollabProblem | null;
  /** A connection failed or dropped since the last sync, so "Try now" makes sense. */
  retrying: boolean;
  saved: boolean;
  peers: Peer[];
};

export type CollabSession = {
  doc: Y.Doc;
  provider: WebsocketProvider;
  getSnapshot: () => CollabSnapshot;
  subscribe: (listener: () => void) => () => void;
  /** Tries to connect at once instead of waiting for the next attempt. */
  reconnectNow: () => void;
  destroy: () => void;
};

// Far enough apart that a long outage does not hammer the server, close
// enough that people are back soon after it ends.
const MAX_BACKOFF_MS = 10_000;
// A failed connection asks the portal why, at most this often.
const ACCESS_CHECK_INTERVAL_MS = 30_000;
const SYNCED_BEFORE_KEY = "syncedWithServerAt";
// Our close codes (server/collab/connection.ts) that trying again cannot fix.
const CLOSE_TOO_LARGE = 4413;
const CLOSE_BAD_MESSAGE = 4400;
const CLOSE_ACCESS_CHANGED = 4403;

export function openCollabSession({
  documentName,
  user,
  access: initialAccess,
  checkAccess,
}: {
  documentName: string;
  user: CollabUser;
  access: EditorAccess;
  checkAccess: AccessCheck;
}): CollabSession {
  const doc = new Y.Doc();
  const tracker = new SaveTracker();
  // Set once the provider exists; nothing changes the document before that.
  let providerRef: WebsocketProvider | null = null;
  // Registered before the provider's own listener, so a change is counted before it is sent.
  doc.on("update", (_update: Uint8Array, origin: unknown) => {
    if (origin !== providerRef) {
      tracker.localChange();
      changed();
    }
  });

  let state: Omit<CollabSnapshot, "saved" | "peers"> = {
    connection: "connecting",
    reconnectAt: null,
    ready: false,
    access: initialAccess,
    problem: null,
    retrying: false,
  };
  let snapshot: CollabSnapshot = { ...state, saved: true, peers: [] };
  const listeners = new Set<() => void>();
  let destroyed = false;
  let everSynced = false;
  let lastAccessCheck = 0;
  let checking = false;

  function changed(patch: Partial<typeof state> = {}) {
    if (destroyed) return;
    state = { ...state, ...patch };
    snapshot = { ...state, saved: tracker.saved, peers: peersOf(providerRef?.awareness, doc.clientID) };
    for (const listener of listeners) listener();
  }

  class CountingSocket extends WebSocket {
    readonly sendLog = new SocketSendLog();
    opened = false;
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener("open", () => (this.opened = true));
    }
    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView) {
      super.send(data);
      if (data instanceof Uint8Array && isUpdateCarrying(data)) this.sendLog.sentUpdate(tracker.local);
    }
  }

  // Viewers keep no copy: they cannot change anything, and what they see comes from the server.
  const persistence = initialAccess === "edit" ? new IndexeddbPersistence(`roundtable:${documentName}:${user.id}`, doc) : null;

  const origin = `${window.location.protocol === "https:" ? "wss:" : "ws:"}//${window.location.host}/collab`;
  const provider = new WebsocketProvider(origin, documentName, doc, {
    WebSocketPolyfill: CountingSocket,
    disableBc: true,
    maxBackoffTime: MAX_BACKOFF_MS,
    // Everything else is worth another try, including "access changed" (4403),
    // which y-websocket would otherwise treat as final: the new attempt re-authenticates.
    shouldReconnect: (event) => event.code !== CLOSE_TOO_LARGE && event.code !== CLOSE_BAD_MESSAGE,
  });
  providerRef = provider;
  provider.messageHandlers[MESSAGE_ACK] = (_encoder, decoder, p) => {
    const count = decoding.readVarUint(decoder);
    if (p.ws instanceof CountingSocket) tracker.acknowledged(p.ws.sendLog, count);
    changed();
  };
  provider.awareness.setLocalStateField("user", user);
  provider.awareness.on("change", () => changed());

  provider.on("status", ({ status }) => {
    if (status === "connecting") changed({ connection: navigator.onLine ? "connecting" : "offline", reconnectAt: null });
  });
  provider.on("sync", (synced: boolean) => {
    if (!synced) return;
    everSynced = true;
    changed({ connection: "live", reconnectAt: null, ready: true, problem: null, retrying: false });
    persistence?.set(SYNCED_BEFORE_KEY, Date.now()).catch(() => {});
  });
  provider.on("connection-close", (event) => {
    if (destroyed) return;
    const socket = event?.target;
    const neverOpened = socket instanceof CountingSocket && !socket.opened;
    // y-websocket raises its failure counter and schedules the next attempt right after this event.
    queueMicrotask(() => {
      if (destroyed || provider.wsconnected) return;
      if (!provider.shouldConnect) return changed({ connection: "offline", reconnectAt: null, retrying: true });
      const delay = reconnectDelayMs(provider.wsUnsuccessfulReconnects, provider.maxBackoffTime);
      changed({ connection: navigator.onLine ? "waiting" : "offline", reconnectAt: Date.now() + delay, retrying: true });
    });
    if (event?.code === CLOSE_ACCESS_CHANGED) return void askWhy();
    // Before the draft has ever opened, say why after a second failure (one may be a blip);
    // afterwards, a refused connection may mean lost access, so ask now and then.
    const failures = provider.wsUnsuccessfulReconnects + 1;
    if (!everSynced ? failures >= 2 && !state.problem && !checking : neverOpened && Date.now() - lastAccessCheck > ACCESS_CHECK_INTERVAL_MS) {
      void askWhy();
    }
  });
  provider.on("closed", ({ code }) => {
    changed({ connection: "offline", reconnectAt: null, problem: code === CLOSE_TOO_LARGE ? "too-large" : "refused" });
  });

  /** The socket failed: is the server unreachable, or has this person lost access? */
  async function askWhy() {
    lastAccessCheck = Date.now();
    checking = true;
    const answer = await checkAccess().finally(() => (checking = false));
    if (destroyed) return;
    if (answer === "none" || answer === "signed-out") {
      provider.disconnect();
      return changed({ connection: "offline", reconnectAt: null, problem: answer === "none" ? "no-access" : "signed-out" });
    }
    const access = answer === "unreachable" ? state.access : answer;
    // Before the first sync there is nothing to show, so say why.
    const problem = !provider.synced && !state.ready ? "unreachable" : state.problem;
    changed({ access, problem });
  }

  persistence?.whenSynced
    .then(async () => {
      if (destroyed) return;
      const syncedBefore = await persistence.get(SYNCED_BEFORE_KEY);
      // A copy that once synced holds the real draft, so work can go on offline.
      if (syncedBefore && doc.getXmlFragment(MODULE_YJS_FIELD).length > 0) changed({ ready: true });
    })
    .catch(() => {
      // Without IndexedDB (some private windows) the editor still works online.
    });

  // The browser knows first. Its open socket may not even be closed (Chromium
  // holds it), so what is sent meanwhile is not called saved until it is.
  const onOnline = () => {
    if (provider.wsconnected && provider.synced) changed({ connection: "live", reconnectAt: null });
    else reconnectNow();
  };
  const onOffline = () => changed({ connection: "offline", reconnectAt: null });
  window.addEventListener("online", onOnline);
  window.addEventListener("offline", onOffline);

  function reconnectNow() {
    if (destroyed) return;
    if (state.problem === "too-large" || state.problem === "refused") changed({ problem: null });
    if (provider.ws === null) provider.connect();
  }

  changed();
  return {
    doc,
    provider,
    getSnapshot: () => snapshot,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reconnectNow,
    destroy: () => {
      destroyed = true;
      window.removeEventListener("online", onOnline);
      window.removeEventListener("offline", onOffline);
      provider.destroy();
      void persistence?.destroy();
      doc.destroy();
    },
  };
}

/** Who is here now: one entry per person (two tabs are one person), this browser first. */
function peersOf(awareness: WebsocketProvider["awareness"] | undefined, selfClientId: number): Peer[] {
  if (!awareness) return [];
  const byPerson = new Map<string, Peer>();
  for (const [clientId, value] of awareness.getStates()) {
    const user = (value as { user?: Partial<CollabUser> }).user;
    if (!user || typeof user.id !== "string" || typeof user.name !== "string") continue;
    const self = clientId === selfClientId;
    const known = byPerson.get(user.id);
    if (known && !self) continue;
    byPerson.set(user.id, { id: user.id, name: user.name, color: typeof user.color === "string" ? user.color : "#5a6473", clientId, self: self || Boolean(known?.self) });
  }
  return [...byPerson.values()].sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
}
