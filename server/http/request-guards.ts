// Cheap refusals before any application code runs: unsupported methods,
// oversized or unsized bodies, and cross-site writes (CSRF).
import type { RequestHandler, Response } from "express";
import type { Config } from "../config";

export const MAX_BODY_BYTES = 1024 * 1024;
const ALLOWED_METHODS = new Set(["GET", "HEAD", "POST"]);

function refuse(res: Response, status: number, title: string, message: string) {
  res.status(status).type("html").send(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>` +
      `<body><main><h1>${title}</h1><p>${message}</p><p><a href="/">Back to Roundtable</a></p></main></body></html>`,
  );
}

export const allowedMethods: RequestHandler = (req, res, next) => {
  if (ALLOWED_METHODS.has(req.method)) return next();
  res.setHeader("Allow", [...ALLOWED_METHODS].join(", "));
  refuse(res, 405, "Method not allowed", "Roundtable pages only accept GET and POST requests.");
};

export const bodySizeLimit: RequestHandler = (req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD") return next();
  const length = req.headers["content-length"];
  if (length === undefined) {
    if (req.headers["transfer-encoding"]) {
      return refuse(res, 411, "Length required", "Please send the form again; the request did not say how large it was.");
    }
    return next();
  }
  const bytes = Number(length);
  if (!Number.isFinite(bytes) || bytes < 0) return refuse(res, 400, "Bad request", "The request size is not a number.");
  if (bytes > MAX_BODY_BYTES) {
    return refuse(res, 413, "Too large", "That is more than Roundtable accepts in one go (1 MB). For a CSV import, split the file.");
  }
  next();
};

/**
 * OWASP's fetch-metadata defence: a write must come from our own pages,
 * proven by Sec-Fetch-Site: same-origin or an Origin equal to PUBLIC_ORIGIN.
 */
export function isSameOriginWrite(headers: Record<string, string | string[] | undefined>, publicOrigin: string) {
  if (headers["sec-fetch-site"] === "same-origin") return true;
  return headers["origin"] === publicOrigin;
}

export function csrfOriginCheck(config: Config): RequestHandler {
  return (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    if (isSameOriginWrite(req.headers, config.publicOrigin)) {
      // Verified here. Remix repeats a cruder Origin-equals-Host check that
      // answers 500 behind proxies that rewrite Host, so it gets no Origin.
      delete req.headers.origin;
      return next();
    }
    refuse(res, 403, "Request refused", "This form was sent from another site, so Roundtable refused it. Reload the page and try again.");
  };
}
