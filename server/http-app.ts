// The Express app: health check, static assets, request guards, session,
// then the Remix handler. One of these serves the whole portal.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { sql } from "drizzle-orm";
import express, { type ErrorRequestHandler, type RequestHandler } from "express";
import { requestLanguage } from "../app/domain/i18n/request-language";
import { authenticate } from "./http/authenticate";
import { installPrecompiledRouteMatching } from "./http/precompiled-route-matching";
import { assignRequestId, locals } from "./http/request-context";
import { allowedMethods, bodySizeLimit, csrfOriginCheck } from "./http/request-guards";
import { securityHeaders } from "./http/security-headers";
import { errorFields } from "./log";
import type { Services } from "./services";

export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const BUILD_PATH = path.join(ROOT_DIR, "build", "index.js");

/**
 * The few files at the top of public/ (the icons), fixed at deploy. Only
 * their names reach the file system: a static handler for the whole folder
 * looked up every page's path there first.
 */
function publicFiles(dir: string): RequestHandler {
  const names = new Set(fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => `/${e.name}`));
  const serve = express.static(dir, { maxAge: "1h", index: false });
  return (req, res, next) => (names.has(req.path) ? serve(req, res, next) : next());
}

export function createHttpApp(services: Services, build: ServerBuild | (() => Promise<ServerBuild>)) {
  const { config, log } = services;
  installPrecompiledRouteMatching();
  const app = express();
  app.disable("x-powered-by");
  if (config.trustProxy) app.set("trust proxy", true);

  app.use(assignRequestId);
  app.use(securityHeaders(config));

  app.get("/healthz", async (_req, res) => {
    try {
      await services.db.execute(sql`select 1`);
      res.json({ ok: true });
    } catch (error) {
      log.error("health check failed", errorFields(error));
      res.status(503).json({ ok: false });
    }
  });

  app.use("/build", express.static(path.join(ROOT_DIR, "public", "build"), { immutable: true, maxAge: "1y" }));
  app.use(publicFiles(path.join(ROOT_DIR, "public")));

  app.use(allowedMethods);
  app.use(bodySizeLimit);
  app.use(csrfOriginCheck(config));
  app.use(authenticate(services));

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: config.nodeEnv === "production" ? "production" : "development",
      getLoadContext: (req, res) => {
        const l = locals(res);
        return {
          services,
          auth: l.auth,
          requestId: l.requestId,
          cspNonce: l.cspNonce,
          clientIp: req.ip ?? "unknown",
          language: requestLanguage(l.auth, req.headers["accept-language"]),
        };
      },
    }),
  );

  const onError: ErrorRequestHandler = (error, _req, res, _next) => {
    const requestId = locals(res).requestId;
    // Express marks the client's own mistakes, such as a malformed %-escape in the path, with a 4xx status.
    const status = (error as { status?: unknown } | null)?.status;
    if (typeof status === "number" && status >= 400 && status < 500 && !res.headersSent) {
      return res
        .status(status)
        .type("html")
        .send(
          `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bad request</title></head><body><main>` +
            `<h1>That request did not work</h1><p>The address or the request is not valid. Check the link and try again.</p><p><a href="/">Back to Roundtable</a></p>` +
            `</main></body></html>`,
        );
    }
    log.error("unhandled request error", { requestId, ...errorFields(error) });
    if (res.headersSent) return res.end();
    res
      .status(500)
      .type("html")
      .send(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Something went wrong</title></head><body><main>` +
          `<h1>Something went wrong on our side</h1><p>Please try again. If it keeps happening, tell your admin this reference: <code>${requestId}</code></p>` +
          `</main></body></html>`,
      );
  };
  app.use(onError);
  return app;
}
