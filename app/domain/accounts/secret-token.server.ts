// Random tokens for sessions, password resets and invitations. Only their
// SHA-256 is ever stored, so a database leak yields no usable token.
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import crypto from "node:crypto";

/** 160 random bits, base32: 32 characters of [a-z2-7]. */
export function generateSecretToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashSecretToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

const TOKEN_SHAPE = /^[a-z2-7]{32}$/;

/** Rejects anything that could not have come from generateSecretToken. */
export function isWellFormedSecretToken(value: unknown): value is string {
  return typeof value === "string" && TOKEN_SHAPE.test(value);
}
