import { createHash } from "node:crypto";

/**
 * A strong validator for a public page: a hash of everything the page is made of (the content's
 * revision and publish time, the language, the build). Publishing or unpublishing changes it.
 */
export function strongEtag(parts: readonly (string | number | null)[]): string {
  return `"${createHash("sha256")
    .update(parts.map((p) => String(p)).join("\u0000"))
    .digest("base64url")
    .slice(0, 27)}"`;
}

/** Whether an If-None-Match header names this (strong) ETag, or is `*`. */
export function ifNoneMatchHits(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((candidate) => candidate.trim().replace(/^W\//, "") === etag);
}
