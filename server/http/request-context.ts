// Per-request values every later middleware and the Remix handler read.
import crypto from "node:crypto";
import type { RequestHandler } from "express";
import type { Authentication } from "../../app/domain/accounts/authenticate-request.server";

export type RequestLocals = { requestId: string; cspNonce: string; auth: Authentication };

export function locals(res: { locals: Record<string, unknown> }) {
  return res.locals as RequestLocals;
}

export const assignRequestId: RequestHandler = (_req, res, next) => {
  const l = locals(res);
  l.requestId = crypto.randomUUID();
  l.cspNonce = crypto.randomBytes(16).toString("base64");
  l.auth = { status: "anonymous" };
  res.setHeader("X-Request-Id", l.requestId);
  next();
};
