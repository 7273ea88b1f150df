// Real y-websocket providers in Node, as the browser uses them, pointed at a
// test server: the WebSocket carries the portal's Origin and a session cookie,
// and counts the update-carrying messages it sends so acknowledgements
// ([100, n]) can be checked. Also a raw upgrade probe for refusals.
import * as decoding from "lib0/decoding";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { MODULE_YJS_FIELD } from "../../app/domain/modules/module-schema";
import { MESSAGE_ACK } from "../../server/collab/protocol";

/** Where a client connects: a test server, or a spawned process with its own origin. */
export type CollabTarget = { url: string; services: { config: { publicOrigin: string } } };

export type CollabClient = {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Update-carrying messages sent on the current socket, and how many the server acknowledged. */
  sent: () => number;
  acked: () => number;
  /** Which socket this is: 1 for the first, 2 after the first reconnect, … */
  socketNumber: () => number;
  /** Called with (socketNumber, n) for every [100, n] received. */
  onAck: (listener: (socketNumber: number, n: number) => void) => void;
  /** The close codes of the sockets the server (or the network) closed, in order. */
  closeCodes: () => number[];
  /** The reasons that came with them, in the same order. */
  closeReasons: () => string[];
  fragment: () => Y.XmlFragment;
  text: () => string;
  destroy: () => void;
};

export function connectClient(
  server: CollabTarget,
  documentName: string,
  cookie: string,
  { origin, doc = new Y.Doc(), connect = true }: { origin?: string; doc?: Y.Doc; connect?: boolean } = {},
): CollabClient {
  const headers: Record<string, string> = { Origin: origin ?? server.services.config.publicOrigin, Cookie: cookie };
  let sent = 0;
  let acked = 0;
  let socketNumber = 0;
  const ackListeners: ((socketNumber: number, n: number) => void)[] = [];
  const closeCodes: number[] = [];
  const closeReasons: string[] = [];
  class PortalSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
      sent = 0;
      acked = 0;
      socketNumber++;
    }
    override send(data: any, ...rest: any[]) {
      const bytes = data as Uint8Array;
      if (bytes[0] === 0 && (bytes[1] === 1 || bytes[1] === 2)) sent++;
      return (super.send as any)(data, ...rest);
    }
  }
  const provider = new WebsocketProvider(server.url.replace(/^http/, "ws") + "/collab", documentName, doc, {
    WebSocketPolyfill: PortalSocket as unknown as typeof globalThis.WebSocket,
    connect,
    disableBc: true,
  });
  provider.messageHandlers[MESSAGE_ACK] = (_encoder, decoder) => {
    acked = decoding.readVarUint(decoder);
    for (const listener of ackListeners) listener(socketNumber, acked);
  };
  provider.on("connection-close", (event) => {
    if (!event) return;
    closeCodes.push(event.code);
    closeReasons.push(event.reason);
  });
  return {
    doc,
    provider,
    sent: () => sent,
    acked: () => acked,
    socketNumber: () => socketNumber,
    onAck: (listener) => void ackListeners.push(listener),
    closeCodes: () => [...closeCodes],
    closeReasons: () => [...closeReasons],
    fragment: () => doc.getXmlFragment(MODULE_YJS_FIELD),
    text: () => doc.getXmlFragment(MODULE_YJS_FIELD).toString(),
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/**
 * Tries the websocket upgrade with `ws` directly: 101 when a websocket opens
 * (it is closed again at once), otherwise the HTTP status of the refusal.
 */
export async function upgradeStatus(...args: Parameters<typeof upgradeAnswer>): Promise<number> {
  return (await upgradeAnswer(...args)).status;
}

/** As upgradeStatus, with the text of a refusal (empty when a websocket opened). */
export function upgradeAnswer(
  server: CollabTarget,
  documentName: string,
  { cookie, origin, headers: extra = {} }: { cookie?: string; origin?: string | null; headers?: Record<string, string> } = {},
): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = { ...extra };
  const sentOrigin = origin === undefined ? server.services.config.publicOrigin : origin;
  if (sentOrigin !== null) headers.Origin = sentOrigin;
  if (cookie) headers.Cookie = cookie;
  const ws = new WebSocket(`${server.url.replace(/^http/, "ws")}/collab/${encodeURIComponent(documentName)}`, { headers });
  return new Promise((resolve, reject) => {
    ws.on("open", () => {
      ws.terminate();
      resolve({ status: 101, text: "" });
    });
    ws.on("unexpected-response", (_req, res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => {
        ws.terminate();
        resolve({ status: res.statusCode ?? 0, text });
      });
    });
    ws.on("error", (error) => {
      if (ws.readyState !== WebSocket.CLOSED) reject(error);
    });
  });
}

/** A raw websocket with the portal's Origin and a cookie, for tests that speak the protocol by hand. */
export function openRawSocket(server: CollabTarget, documentName: string, cookie: string, options: WebSocket.ClientOptions = {}): Promise<WebSocket> {
  const ws = new WebSocket(`${server.url.replace(/^http/, "ws")}/collab/${encodeURIComponent(documentName)}`, {
    ...options,
    headers: { Origin: server.services.config.publicOrigin, Cookie: cookie, ...options.headers },
  });
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve(ws));
    ws.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused with ${res.statusCode}`)));
    ws.once("error", reject);
  });
}

/** Resolves with the close code and reason once the socket is closed. */
export function closedWithReason(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() })));
}

/** Resolves with the close code once the socket is closed (at once if it already is). */
export function closedWith(ws: WebSocket): Promise<number> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.resolve((ws as unknown as { _closeCode: number })._closeCode);
  return new Promise((resolve) => ws.once("close", (code) => resolve(code)));
}

/** Waits until `check` passes, polling; fails with the last error after `timeoutMs`. */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 5000) {
  const started = Date.now();
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

/** Appends a paragraph-like text to the introduction, the way the editor would type. */
export function typeInto(client: CollabClient | { fragment: () => Y.XmlFragment }, text: string) {
  const intro = client.fragment().get(0) as Y.XmlElement;
  const paragraph = intro.get(0) as Y.XmlElement;
  const textNode = paragraph.get(0) as Y.XmlText | undefined;
  if (textNode instanceof Y.XmlText) textNode.insert(textNode.length, text);
  else paragraph.insert(0, [new Y.XmlText(text)]);
}
