import { createHash } from "node:crypto";

/** Names the signed-in member to their own browser's service worker without handing it their id: saved pages of someone else are dropped. */
export function memberCacheKey(userId: string): string {
  return createHash("sha256").update(`quitpath-offline:${userId}`).digest("hex").slice(0, 32);
}
