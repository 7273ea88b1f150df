// Real y-websocket providers in Node, as the browser uses them, pointed at a
// test server: the WebSocket carries the portal's Origin and a session cookie,
// and counts the update-carrying messages it sends so acknowledgements
// ([100, n]) can be checked.
import * as decoding from "lib0/decoding";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { MODULE_YJS_FIELD } from "../../app/domain/modules/module-schema";
import { MESSAGE_ACK } from "../../server/collab/protocol";
import type { TestServer } from "./test-server";

export type CollabClient = {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Update-carrying messages sent on the current socket, and how many the server acknowledged. */
  sent: () => number;
  acked: () => number;
  fragment: () => Y.XmlFragment;
  text: () => string;
  destroy: () => void;
};

export function connectClient(
  server: Pick<TestServer, "url" | "services">,
  documentName: string,
  cookie: string,
  { origin, doc = new Y.Doc(), connect = true }: { origin?: string; doc?: Y.Doc; connect?: boolean } = {},
): CollabClient {
  const headers: Record<string, string> = { Origin: origin ?? server.services.config.publicOrigin, Cookie: cookie };
  let sent = 0;
  let acked = 0;
  class PortalSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
      sent = 0;
      acked = 0;
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
  };
  return {
    doc,
    provider,
    sent: () => sent,
    acked: () => acked,
    fragment: () => doc.getXmlFragment(MODULE_YJS_FIELD),
    text: () => doc.getXmlFragment(MODULE_YJS_FIELD).toString(),
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
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
export function typeInto(client: CollabClient, text: string) {
  const intro = client.fragment().get(0) as Y.XmlElement;
  const paragraph = intro.get(0) as Y.XmlElement;
  const textNode = paragraph.get(0) as Y.XmlText | undefined;
  if (textNode instanceof Y.XmlText) textNode.insert(textNode.length, text);
  else paragraph.insert(0, [new Y.XmlText(text)]);
}
