// Starts the real HTTP server (Express + the Remix build) on port 0 against
// a test database. The build comes from `npm test`'s build-if-stale step.
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import type { Database } from "../../db/database";
import type { Config } from "../../server/config";
import { BUILD_PATH } from "../../server/http-app";
import { silentLog, type Logger } from "../../server/log";
import { createServices, stopServices, type Services } from "../../server/services";
import type { CollabOptions, CollabServer } from "../../server/collab/collab-server";
import { startServer } from "../../server/start-server";
import { testConfig } from "./factories";

export async function loadBuild(): Promise<ServerBuild> {
  return import(pathToFileURL(path.resolve(BUILD_PATH)).href);
}

export type TestServer = {
  url: string;
  services: Services;
  collab: CollabServer;
  stop: () => Promise<void>;
  request: (path: string, init?: RequestInit) => Promise<Response>;
};

export async function startTestServer(
  db: Database,
  configOverrides: Record<string, string> = {},
  collabOptions: Partial<CollabOptions> = {},
  log: Logger = silentLog,
): Promise<TestServer> {
  // The origin is only known after listening, so start on port 0 and set it then.
  const config: Config = testConfig(configOverrides);
  const services = createServices(db, config, log);
  const running = await startServer(services, await loadBuild(), { port: 0, host: "127.0.0.1" }, collabOptions);
  if (!configOverrides.PUBLIC_ORIGIN) config.publicOrigin = `http://localhost:${running.port}`;
  const url = `http://127.0.0.1:${running.port}`;
  return {
    url,
    services,
    collab: running.collab,
    stop: async () => {
      await running.stop();
      await stopServices(services);
    },
    request: (p, init = {}) => fetch(url + p, { redirect: "manual", ...init }),
  };
}

/** Headers of a form POST from our own pages. */
export function sameOriginForm(server: TestServer, cookie?: string): Record<string, string> {
  return {
    "Content-Type": "application/x-www-form-urlencoded",
    Origin: server.services.config.publicOrigin,
    ...(cookie ? { Cookie: cookie } : {}),
  };
}
