// The Remix request handler, with one thing the stock Express adapter lacks:
// a read (GET or HEAD) that failed only because its database connection was
// cut under it (db/connection-lost.ts) runs again on a fresh connection before
// anyone sees an error page. A read changes nothing, so running it twice is
// safe; a form post is never re-run here (submitForm answers 503 and keeps what
// was typed instead), because a write may have landed before the connection went.
//
// The handler learns why Remix answered 500 by wrapping the build's own
// handleError (entry.server.tsx), so every error a loader, action or render
// threw is recorded here first, whatever that function then decides to log.
// The adapter's own request and response conversions, which its index does not re-export.
import { createRemixRequest, sendRemixResponse } from "@remix-run/express/dist/server.js";
import { createRequestHandler as createNodeHandler, type AppLoadContext, type HandleErrorFunction, type ServerBuild } from "@remix-run/node";
import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from "express";
import { isConnectionLost, READ_RETRY_DELAYS_MS } from "../../db/connection-lost";
import type { RequestContext } from "../../app/load-context";

type Options = {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: string;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => RequestContext;
  /** Called before each new try, with what failed (for the log). */
  onRetry?: (attempt: number, error: unknown) => void;
  /** Called when a read answers 5xx and is not run again, with why (for the log). */
  onNotRetried?: (fields: { status: number; reason: string; errors: unknown[] }) => void;
};

/** The build with a handleError that first records the error in the request's load context. */
function recordingErrors(build: ServerBuild): ServerBuild {
  const handleError: HandleErrorFunction | undefined = build.entry.module.handleError;
  const recording: HandleErrorFunction = (error, args) => {
    (args.context as Partial<AppLoadContext>).serverErrors?.push(error);
    // Only logging happens past this point: if it fails, the request still gets its answer (or its retry).
    try {
      handleError?.(error, args);
    } catch {
      // Nothing safe is left to log with.
    }
  };
  return { ...build, entry: { ...build.entry, module: { ...build.entry.module, handleError: recording } } };
}

function withRecordedErrors(build: Options["build"]): Options["build"] {
  if (typeof build !== "function") return recordingErrors(build);
  // In development the build is re-read per request; wrap each one once.
  const wrapped = new WeakMap<ServerBuild, ServerBuild>();
  return async () => {
    const current = await build();
    let w = wrapped.get(current);
    if (!w) wrapped.set(current, (w = recordingErrors(current)));
    return w;
  };
}

export function createRemixHandler({ build, mode, getLoadContext, onRetry, onNotRetried }: Options): RequestHandler {
  const handleRequest = createNodeHandler(withRecordedErrors(build), mode);
  return async (req, res, next) => {
    try {
      const readOnly = req.method === "GET" || req.method === "HEAD";
      for (let attempt = 0; ; attempt++) {
        const context: AppLoadContext = { ...getLoadContext(req, res), serverErrors: [] };
        // Remix itself can throw while answering an error (it formats the
        // error's stack in development): that counts as a failed try too.
        let response: Response | null = null;
        let thrown: { error: unknown } | null = null;
        try {
          response = await handleRequest(createRemixRequest(req, res), context);
        } catch (error) {
          thrown = { error };
        }
        const status = response?.status ?? 500;
        if (readOnly && status >= 500) {
          const lost = context.serverErrors.find(isConnectionLost);
          const reason = !lost
            ? context.serverErrors.length === 0
              ? "no error was recorded"
              : "not a lost connection"
            : attempt >= READ_RETRY_DELAYS_MS.length
              ? "every try was cut"
              : res.destroyed
                ? "the client went away"
                : null;
          if (reason === null) {
            await response?.body?.cancel();
            onRetry?.(attempt + 1, lost);
            await new Promise((resolve) => setTimeout(resolve, READ_RETRY_DELAYS_MS[attempt]));
            continue;
          }
          onNotRetried?.({ status, reason, errors: context.serverErrors });
        }
        if (thrown) throw thrown.error;
        await sendRemixResponse(res, response!);
        return;
      }
    } catch (error) {
      next(error);
    }
  };
}
