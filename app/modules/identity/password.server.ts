import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";
import { DomainError } from "~/lib/domain-error";

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const ARGON2ID = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

let common: Set<string> | undefined;
/** True for passwords in the bundled list of ~50,000 most common ones (zxcvbn's list). */
export function isCommonPassword(password: string): boolean {
  common ??= new Set((dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase()));
  return common.has(password.toLowerCase());
}

export async function hashPassword(password: string): Promise<string> {
  if (isCommonPassword(password)) throw new DomainError("invalid", "auth:errors.passwordTooCommon", { field: "password" });
  return hash(password, ARGON2ID);
}

// Verifying against this when the account does not exist keeps timing alike for unknown emails.
let decoy: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | null | undefined, password: string): Promise<boolean> {
  if (!passwordHash) {
    decoy ??= hash("decoy-password-for-unknown-accounts", ARGON2ID);
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
