// Cheap refusals before any application code runs: unsupported methods,
// oversized or unsized bodies, and cross-site writes (CSRF). They come
// before the session is looked up, so they speak the browser's language
// (Accept-Language), from app/locales/<language>/refusals.json.
import type { Request, RequestHandler, Response } from "express";
import { requestLanguage } from "../../app/domain/i18n/request-language";
import { translatorFor } from "../../app/domain/i18n/translators";
import type { Config } from "../config";

export const MAX_BODY_BYTES = 1024 * 1024;
const ALLOWED_METHODS = new Set(["GET", "HEAD", "POST"]);

type Refusal = "methodNotAllowed" | "lengthRequired" | "badLength" | "tooLarge" | "crossSite";

function refuse(req: Request, res: Response, status: number, refusal: Refusal, values: Record<string, unknown> = {}) {
  const language = requestLanguage({ status: "anonymous" }, req.headers["accept-language"]);
  const t = translatorFor(language, "refusals");
  const title = t(`http.${refusal}.title`);
  res.status(status).type("html").send(
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${title}</title></head>` +
      `<body><main><h1>${title}</h1><p>${t(`http.${refusal}.body`, values)}</p><p><a href="/">${t("http.back")}</a></p></main></body></html>`,
  );
}

export const allowedMethods: RequestHandler = (req, res, next) => {
  if (ALLOWED_METHODS.has(req.method)) return next();
  res.setHeader("Allow", [...ALLOWED_METHODS].join(", "));
  refuse(req, res, 405, "methodNotAllowed");
};

export const bodySizeLimit: RequestHandler = (req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD") return next();
  const length = req.headers["content-length"];
  if (length === undefined) {
    if (req.headers["transfer-encoding"]) {
      return refuse(req, res, 411, "lengthRequired");
    }
    return next();
  }
  const bytes = Number(length);
  if (!Number.isFinite(bytes) || bytes < 0) return refuse(req, res, 400, "badLength");
  if (bytes > MAX_BODY_BYTES) return refuse(req, res, 413, "tooLarge", { size: "1 MB" });
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
    refuse(req, res, 403, "crossSite");
  };
}
