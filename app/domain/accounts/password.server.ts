// argon2id with the OWASP parameters (m=19456 KiB, t=2, p=1).
import { hash, verify } from "@node-rs/argon2";

const ARGON2ID = 2; // Algorithm.Argon2id; a const enum we cannot import under isolatedModules.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, algorithm: ARGON2ID } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this keeps an unknown email as slow as a wrong password.
let dummyHash: Promise<string> | null = null;
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("roundtable-dummy-password");
  await verifyPassword(await dummyHash, password);
  return false;
}
