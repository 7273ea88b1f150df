// The Remix request handler, with one thing the stock Express adapter lacks:
// a read (GET or HEAD) that failed only because its database connection was
// cut under it (db/connection-lost.ts) runs again on a fresh connection before
// anyone sees an error page. A read changes nothing, so running it twice is
// safe; a form post is never re-run here (submitForm answers 503 and keeps what
// was typed instead), because a write may have landed before the connection went.
// The adapter's own request and response conversions, which its index does not re-export.
import { createRemixRequest, sendRemixResponse } from "@remix-run/express/dist/server.js";
import { createRequestHandler as createNodeHandler, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from "express";
import { isConnectionLost, READ_RETRY_DELAYS_MS } from "../../db/connection-lost";
import type { RequestContext } from "../../app/load-context";

type Options = {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: string;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => RequestContext;
  /** Called before each new try, with what failed (for the log). */
  onRetry?: (attempt: number, error: unknown) => void;
};

export function createRemixHandler({ build, mode, getLoadContext, onRetry }: Options): RequestHandler {
  const handleRequest = createNodeHandler(build, mode);
  return async (req, res, next) => {
    try {
      const readOnly = req.method === "GET" || req.method === "HEAD";
      for (let attempt = 0; ; attempt++) {
        const context: AppLoadContext = { ...getLoadContext(req, res), serverErrors: [] };
        const response = await handleRequest(createRemixRequest(req, res), context);
        const lost = response.status >= 500 && context.serverErrors.find(isConnectionLost);
        if (lost && readOnly && attempt < READ_RETRY_DELAYS_MS.length && !res.destroyed) {
          await response.body?.cancel();
          onRetry?.(attempt + 1, lost);
          await new Promise((resolve) => setTimeout(resolve, READ_RETRY_DELAYS_MS[attempt]));
          continue;
        }
        await sendRemixResponse(res, response);
        return;
      }
    } catch (error) {
      next(error);
    }
  };
}
