// Security headers on every response: a CSP with a per-request nonce that
// entry.server passes to <Scripts>, no framing, no MIME sniffing.
import type { RequestHandler } from "express";
import type { Config } from "../config";
import { locals } from "./request-context";

export function securityHeaders(config: Config): RequestHandler {
  return (_req, res, next) => {
    const nonce = locals(res).cspNonce;
    // The websocket origin is listed explicitly: 'self' does not cover ws: in every browser.
    const ws = config.publicOrigin.replace(/^http/, "ws");
    const directives = [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self'",
      `connect-src 'self' ${ws}${config.nodeEnv === "development" ? " ws://localhost:*" : ""}`,
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ];
    if (config.isProduction) directives.push("upgrade-insecure-requests");
    res.setHeader("Content-Security-Policy", directives.join("; "));
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (config.isProduction) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  };
}
