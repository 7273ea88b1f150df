// The reference y-websocket server: setupWSConnection from
// @y/websocket-server on a plain http + ws server, no persistence (as its
// own server.js without YPERSISTENCE). Started by bench/collab.ts.
import http from "node:http";
import { setupWSConnection } from "@y/websocket-server/utils";
import { WebSocketServer } from "ws";

const wss = new WebSocketServer({ noServer: true });
const server = http.createServer((_req, res) => {
  res.writeHead(200, { "Content-Type": "text/plain" });
  res.end("okay");
});
wss.on("connection", setupWSConnection);
server.on("upgrade", (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req)));
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log(`y-websocket listening on ${process.env.PORT}`));
process.on("SIGTERM", () => process.exit(0));
process.on("SIGINT", () => process.exit(0));
