// Bytes the server writes by hand for speed: the acknowledgement without
// lib0's encoder, and websocket frames built once per broadcast instead of by
// ws per socket. Each must read back as lib0 and ws read them.
import fc from "fast-check";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as ws from "ws";
import { OutgoingMessage } from "../../server/collab/connection";
import { encodeAck, MESSAGE_ACK } from "../../server/collab/protocol";

test("an acknowledgement is [100, n] with n as lib0 writes a varuint, for any count", () => {
  fc.assert(
    fc.property(fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 2 ** 32 }), fc.constantFrom(127, 128, 16383, 16384, 2 ** 21, 2 ** 28)), (n) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_ACK);
      encoding.writeVarUint(encoder, n);
      const message = encodeAck(n);
      expect(message).toEqual(encoding.toUint8Array(encoder));
      const decoder = decoding.createDecoder(message);
      expect([decoding.readVarUint(decoder), decoding.readVarUint(decoder)]).toEqual([MESSAGE_ACK, n]);
    }),
    { numRuns: 500 },
  );
});

/** What ws's own receiver (a client's side) makes of these bytes: the messages, or the error. */
/** ws's frame parser, which it exports but does not type. */
type WsReceiver = NodeJS.WritableStream & { on(event: "message", listener: (data: Buffer, isBinary: boolean) => void): void; on(event: "error", listener: (error: Error) => void): void };
const { Receiver } = ws as unknown as { Receiver: new (options: { isServer: boolean; maxPayload: number }) => WsReceiver };

function receivedByWs(bytes: Buffer): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const receiver = new Receiver({ isServer: false, maxPayload: 0 });
    const messages: Buffer[] = [];
    receiver.on("message", (data: Buffer, isBinary: boolean) => {
      expect(isBinary).toBe(true);
      messages.push(Buffer.from(data));
    });
    receiver.on("error", reject);
    receiver.write(bytes, () => resolve(messages));
  });
}

test("a message framed once reads back in ws as the same binary message, at every length class (7, 16 and 64 bits)", async () => {
  const lengths = [0, 1, 125, 126, 127, 65_535, 65_536, 100_000];
  const payloads = lengths.map((n) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + n) & 0xff)));
  const frames = payloads.map((p) => new OutgoingMessage(p).frame());
  expect(await receivedByWs(Buffer.concat(frames))).toEqual(payloads);
  // Framed once: the same bytes for every socket it goes to.
  const message = new OutgoingMessage(payloads[3]!);
  expect(message.frame()).toBe(message.frame());
});
