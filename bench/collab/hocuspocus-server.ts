// Hocuspocus 3 as it comes: its own HTTP and websocket server, default
// configuration, no extensions (so no persistence). Started by bench/collab.ts.
import { Server } from "@hocuspocus/server";

const server = new Server({ port: Number(process.env.PORT), address: "127.0.0.1", quiet: true });
await server.listen();
console.log(`hocuspocus listening on ${server.address.port}`);
