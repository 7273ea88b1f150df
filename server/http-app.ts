// The Express app: health check, static assets, request guards, session,
// then the Remix handler. One of these serves the whole portal.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { sql } from "drizzle-orm";
import express, { type ErrorRequestHandler, type RequestHandler } from "express";
import { requestLanguage } from "../app/domain/i18n/request-language";
import { translatorFor } from "../app/domain/i18n/translators";
import { escapeHtml, plainPage } from "../app/domain/plain-page";
import { errorCodes, isConnectionLost } from "../db/connection-lost";
import { authenticate } from "./http/authenticate";
import { installPrecompiledRouteMatching } from "./http/precompiled-route-matching";
import { createRemixHandler } from "./http/remix-handler";
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
    createRemixHandler({
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
      onRetry: (attempt, error) => log.warn("read retried after its database connection was lost", { attempt, ...errorFields(error) }),
      onNotRetried: ({ status, reason, errors }) =>
        log.warn("read not retried", { status, reason, errors: errors.map((e) => errorFields(e).error), codes: errors.map(errorCodes) }),
    }),
  );

  // The last word on a request nothing else answered: in the reader's language
  // when we know who they are, else their browser's.
  const onError: ErrorRequestHandler = (error, req, res, _next) => {
    const { requestId, auth } = locals(res);
    const language = requestLanguage(auth, req.headers["accept-language"]);
    const t = translatorFor(language);
    const page = (status: number, title: string, paragraphs: string[]) =>
      res
        .status(status)
        .type("html")
        .send(plainPage({ language, pageTitle: t("pageTitle", { page: title }), heading: title, paragraphs }));
    // Express marks the client's own mistakes, such as a malformed %-escape in the path, with a 4xx status.
    const status = (error as { status?: unknown } | null)?.status;
    if (typeof status === "number" && status >= 400 && status < 500 && !res.headersSent) {
      return page(status, t("errors.badRequest.title"), [escapeHtml(t("errors.badRequest.body")), `<a href="/">${escapeHtml(t("errors.home"))}</a>`]);
    }
    if (isConnectionLost(error)) {
      log.warn("request failed: database connection lost", { requestId, ...errorFields(error) });
      if (res.headersSent) return res.end();
      res.set("Retry-After", "5");
      return page(503, t("errors.unavailable.title"), [escapeHtml(t("errors.unavailable.body"))]);
    }
    log.error("unhandled request error", { requestId, codes: errorCodes(error), ...errorFields(error) });
    if (res.headersSent) return res.end();
    page(500, t("errors.server.title"), [escapeHtml(t("errors.server.body")), `${escapeHtml(t("errors.server.reference"))} <code>${escapeHtml(requestId)}</code>`]);
  };
  app.use(onError);
  return app;
}

