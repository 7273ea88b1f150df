// Starts the HTTP server for given services and build, and stops it
// gracefully: no new connections, in-flight requests finish, then close.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { ServerBuild } from "@remix-run/node";
import { attachCollabServer, type CollabOptions, type CollabServer } from "./collab/collab-server";
import { createHttpApp } from "./http-app";
import type { Services } from "./services";

export type RunningServer = { server: http.Server; url: string; port: number; collab: CollabServer; stop: () => Promise<void> };

const DRAIN_TIMEOUT_MS = 10_000;

export async function startServer(
  services: Services,
  build: ServerBuild | (() => Promise<ServerBuild>),
  listen: { port: number; host?: string } = { port: services.config.port, host: services.config.host },
  collabOptions: Partial<CollabOptions> = {},
): Promise<RunningServer> {
  const app = createHttpApp(services, build);
  const server = http.createServer(app);
  const collab = attachCollabServer(server, services, collabOptions);
  // Bound slow clients: headers within 20 s, whole requests within 60 s.
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(listen.port, listen.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const stop = async () => {
    // Collaboration first: every acknowledged-to-be edit is stored before the sockets close.
    await collab.close();
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => server.closeAllConnections(), DRAIN_TIMEOUT_MS);
      force.unref();
      server.close(() => {
        clearTimeout(force);
        resolve();
      });
      server.closeIdleConnections();
    });
  };
  return { server, port, url: `http://localhost:${port}`, collab, stop };
}
