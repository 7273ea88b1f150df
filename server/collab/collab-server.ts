// The collaboration server: takes the websocket upgrade for /collab/<name>
// on the portal's own HTTP server and wires the parts together:
// authenticate → connection limits → load (rooms) → change (room) → store
// (group commit) → fan out (Redis) → unload. Also ping/pong and the access
// re-checks: announced revocations, the access_changes poll, and each
// socket's session expiry.
import type http from "node:http";
import type { Duplex } from "node:stream";
import { WebSocket, WebSocketServer } from "ws";
import * as Y from "yjs";
import { initialCollabState } from "../../app/domain/collab/document-kinds.server";
import { requestLanguage } from "../../app/domain/i18n/request-language";
import { errorFields } from "../log";
import type { Services } from "../services";
import { AccessWatch } from "./access-watch";
import { COLLAB_PATH_PREFIX, UpgradeAuthorizer } from "./authenticate-upgrade";
import { clientAddressOf } from "./client-address";
import { CLOSE, Connection, DEFAULT_CONNECTION_LIMITS, type ConnectionLimits } from "./connection";
import { roomDocumentEditor } from "./document-editor";
import { DocumentStore } from "./document-store";
import { noFanout, RedisFanout, type Fanout } from "./fanout";
import { GroupCommit } from "./group-commit";
import { closeReason, upgradeRefusal } from "./refusal-messages";
import { Rooms, type CompactionPolicy } from "./rooms";

export type CollabOptions = {
  maxMessageBytes: number;
  maxDocumentBytes: number;
  pingIntervalMs: number;
  accessCheckMs: number;
  limits: ConnectionLimits;
  compaction: CompactionPolicy;
};

export const DEFAULT_COLLAB_OPTIONS: CollabOptions = {
  maxMessageBytes: 1024 * 1024,
  maxDocumentBytes: 4 * 1024 * 1024,
  pingIntervalMs: 30_000,
  accessCheckMs: 2_000,
  limits: DEFAULT_CONNECTION_LIMITS,
  compaction: { maxRows: 1000, maxAgeMs: 5 * 60_000 },
};

/**
 * ws closes a socket whose message is over maxPayload with 1009 and no
 * reason; this one gives the reason in the person's language, as every
 * other limit does.
 */
class SocketWithReasons extends WebSocket {
  language: Parameters<typeof closeReason>[0] = "en";
  override close(code?: number, data?: string | Buffer) {
    super.close(code, code === CLOSE.messageTooLarge && data === undefined ? closeReason(this.language, "messageTooLarge") : data);
  }
}

export type CollabServer = {
  rooms: Rooms;
  connections: () => Connection[];
  /** Stops taking sockets, stores everything accepted, then closes the sockets. */
  close: () => Promise<void>;
};

export function attachCollabServer(server: http.Server, services: Services, overrides: Partial<CollabOptions> = {}): CollabServer {
  const options = { ...DEFAULT_COLLAB_OPTIONS, ...overrides };
  const { log, metrics } = services;
  const store = new DocumentStore(services.db, (name) => initialCollabState(services.db, name));
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes, perMessageDeflate: false, WebSocket: SocketWithReasons });
  const connections = new Set<Connection>();
  /** Each person's open sockets here, for re-checking one person at once. */
  const byPerson = new Map<string, Set<Connection>>();
  const slots = services.limits.collabConnections;
  const authorizer = new UpgradeAuthorizer(services);
  let closing = false;

  let fanout: Fanout = noFanout;
  const commit = new GroupCommit(store, metrics, log, (room, updates) => {
    fanout.publishUpdates(room, updates);
    rooms.maybeCompact(room, updates.length);
  });
  const resync = async (room: import("./room").Room) => {
    try {
      const stored = await store.load(room.name);
      room.applyRemoteUpdate(Y.encodeStateAsUpdate(stored.doc), "resync");
      stored.doc.destroy();
      // What other processes stored meanwhile counts toward the size limit here too.
      room.storedBytes = Math.max(room.storedBytes, stored.storedBytes);
    } catch (error) {
      log.warn("re-reading a collaboration document failed", { document: room.name, ...errorFields(error) });
    }
  };
  const rooms: Rooms = new Rooms(
    store,
    log,
    options.compaction,
    () => ({
      commit,
      metrics,
      log,
      maxDocumentBytes: options.maxDocumentBytes,
      publishAwareness: (room, message) => fanout.publishAwareness(room, message),
    }),
    {
      opened: async (room) => {
        await fanout.subscribe(room);
        // Anything another process stored between our load and our subscription.
        if (fanout !== noFanout) await resync(room);
      },
      closed: (room) => fanout.unsubscribe(room),
    },
  );
  if (services.config.redisUrl) fanout = new RedisFanout(services.config.redisUrl, rooms.open, resync, log);
  const storeEditor = services.documentEditor;
  services.documentEditor = roomDocumentEditor(rooms);

  metrics.gauges = () => ({ documents: rooms.open.size, connections: connections.size, pendingAcks: commit.pendingAcks });

  const refuse = (socket: Duplex, status: number, message: string) => {
    const reason = httpStatusText(status);
    const retry = status === 429 ? "Retry-After: 30\r\n" : "";
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\n${retry}Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`);
  };

  const refuseOverLimit = (socket: Duplex, limit: "person" | "address", language: Parameters<typeof upgradeRefusal>[0], fields: Record<string, unknown>) => {
    metrics.reject(`connection_limit_${limit}`);
    log.warn("collaboration connection refused: too many open", { ...fields, limit });
    refuse(
      socket,
      429,
      limit === "person"
        ? upgradeRefusal(language, "tooManyForPerson", { max: services.config.collabMaxConnectionsPerPerson })
        : upgradeRefusal(language, "tooManyForAddress"),
    );
  };

  const onUpgrade = async (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    // Before the session is known, the browser's language.
    const anonymous = requestLanguage({ status: "anonymous" }, req.headers["accept-language"]);
    if (!req.url?.startsWith(COLLAB_PATH_PREFIX)) return refuse(socket, 404, upgradeRefusal(anonymous, "notFound"));
    socket.on("error", () => socket.destroy());
    if (closing) return refuse(socket, 503, upgradeRefusal(anonymous, "restarting"));
    const address = clientAddressOf(req, services.config.trustProxy);
    // A full address is turned away before its session is even looked up.
    if (await slots.addressFull(address)) return refuseOverLimit(socket, "address", anonymous, { address });
    let decision;
    try {
      decision = await authorizer.authorize(req);
    } catch (error) {
      log.error("collaboration upgrade failed", errorFields(error));
      return refuse(socket, 503, upgradeRefusal(anonymous, "cannotCheck"));
    }
    if (!decision.ok) {
      metrics.reject(`upgrade_${decision.status}`);
      return refuse(socket, decision.status, decision.message);
    }
    const { identity } = decision;
    if (closing) return refuse(socket, 503, upgradeRefusal(identity.language, "restarting"));
    // Before any document is loaded for it; the slot is freed when the socket closes, however that happens.
    const slot = await slots.take(identity.userId, address);
    if (!slot.ok) return refuseOverLimit(socket, slot.limit, identity.language, { document: identity.documentName, userId: identity.userId, address });
    socket.once("close", slot.release);
    if (socket.destroyed) slot.release();
    let room;
    try {
      room = await rooms.acquire(identity.documentName);
    } catch (error) {
      // Never serve (and later store) an empty document over content we could not read.
      log.error("loading a collaboration document failed", { document: identity.documentName, ...errorFields(error) });
      metrics.reject("load_failed");
      return refuse(socket, 503, upgradeRefusal(identity.language, "cannotLoad"));
    }
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      rooms.release(identity.documentName);
    };
    if (socket.destroyed) return release();
    if (closing) {
      // Left open, this socket would keep the HTTP server from closing.
      release();
      return refuse(socket, 503, upgradeRefusal(identity.language, "restarting"));
    }
    // ws drops a socket that died during the handshake without calling back.
    socket.once("close", release);
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      (ws as SocketWithReasons).language = identity.language;
      const conn = new Connection(ws, identity, options.limits, (reason) => metrics.reject(reason));
      connections.add(conn);
      let own = byPerson.get(identity.userId);
      if (!own) byPerson.set(identity.userId, (own = new Set()));
      own.add(conn);
      accessWatch.watch(conn);
      ws.on("message", (data: Buffer, isBinary: boolean) => {
        if (!isBinary) {
          metrics.reject("text_frame");
          return conn.close(CLOSE.badMessage, "badMessage");
        }
        room.receive(conn, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      });
      ws.on("pong", () => (conn.alive = true));
      ws.on("error", (error) => {
        // ws reports oversized or broken frames here, then closes.
        metrics.reject(/max payload/i.test(error.message) ? "message_too_large" : "socket_error");
        log.warn("collaboration socket error", { document: identity.documentName, error: error.message });
      });
      ws.on("close", () => {
        conn.closed = true;
        connections.delete(conn);
        own.delete(conn);
        if (own.size === 0 && byPerson.get(identity.userId) === own) byPerson.delete(identity.userId);
        accessWatch.forget(conn);
        room.leave(conn);
      });
      room.join(conn);
      socket.off("close", release);
      release();
    });
  };
  const upgradeListener = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => void onUpgrade(req, socket, head);
  server.on("upgrade", upgradeListener);

  // Dead sockets are dropped, and their awareness with them. A tick that comes
  // late means this process stalled (a long task, a GC pause) and may not yet
  // have read the pongs waiting for it: no one is dropped on that tick.
  let lastTick = performance.now();
  const ping = setInterval(() => {
    const now = performance.now();
    const stalled = now - lastTick > options.pingIntervalMs * 1.5;
    lastTick = now;
    for (const conn of connections) {
      if (!conn.alive && !stalled) {
        metrics.reject("ping_timeout");
        conn.ws.terminate();
        continue;
      }
      conn.alive = false;
      conn.ws.ping();
    }
  }, options.pingIntervalMs);
  ping.unref();

  const accessWatch = new AccessWatch(services.db, () => [...connections], log);
  // Announced by whichever process made the change: that person's sockets here, at once.
  const stopHearing = services.accessRevocations.onRevoked((userIds) => {
    const theirs = userIds.flatMap((id) => [...(byPerson.get(id) ?? [])]);
    if (theirs.length === 0) return;
    accessWatch.recheck(theirs).catch((error) => log.warn("re-checking revoked access failed; the access poll retries", errorFields(error)));
  });
  let checking = false;
  const accessCheck = setInterval(async () => {
    if (checking) return;
    checking = true;
    try {
      await accessWatch.tick();
    } catch (error) {
      log.warn("re-checking collaboration access failed", errorFields(error));
    } finally {
      checking = false;
    }
  }, options.accessCheckMs);
  accessCheck.unref();

  return {
    rooms,
    connections: () => [...connections],
    close: async () => {
      closing = true;
      rooms.closing = true;
      // Edits from here on go to the store: the rooms are on their way out.
      services.documentEditor = storeEditor;
      server.off("upgrade", upgradeListener);
      clearInterval(ping);
      clearInterval(accessCheck);
      stopHearing();
      accessWatch.stop();
      // Closed sockets' messages are ignored from here on, so this drain stores the last of them.
      for (const conn of connections) conn.close(CLOSE.goingAway, "goingAway");
      await commit.drain();
      // Compactions and unloads under way finish before the database closes.
      await rooms.settle();
      await fanout.close();
      wss.close();
    },
  };
}

function httpStatusText(status: number) {
  return ({ 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 429: "Too Many Requests", 503: "Service Unavailable" } as Record<number, string>)[status] ?? "Error";
}
