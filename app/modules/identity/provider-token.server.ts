import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "~/lib/env.server";

// Keys derived from the session secret(s): a leaked sessions table yields no usable provider token.
function keyFrom(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "quitpath", "identity-provider-token", 32));
}

function secrets(): string[] {
  const e = env();
  return [e.SESSION_SECRET, ...(e.SESSION_SECRET_PREVIOUS ? [e.SESSION_SECRET_PREVIOUS] : [])];
}

/** AES-256-GCM under the current session secret: "v1.<iv>.<tag>.<ciphertext>" in base64url. */
export function sealProviderToken(token: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(secrets()[0]!), iv);
  const sealed = Buffer.concat([cipher.update(token, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), sealed].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

/** The token, or null when no secret in use (current or previous) opens it. */
export function unsealProviderToken(sealed: string): string | null {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || !data) return null;
  for (const secret of secrets()) {
    try {
      const decipher = createDecipheriv("aes-256-gcm", keyFrom(secret), Buffer.from(iv, "base64url"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
    } catch {
      // Sealed under another secret: try the next.
    }
  }
  return null;
}
