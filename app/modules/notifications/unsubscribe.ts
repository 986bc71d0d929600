import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { notificationKinds, type NotificationKind } from "./preferences";

export type UnsubscribeRequest = { userId: string; kind: NotificationKind; channel: "email" | "sms" };
export type UnsubscribeTokenError = { error: "forged" | "expired" | "malformed" };

// Short field names keep unsubscribe links short.
const payloadSchema = z.object({
  u: z.string().min(1),
  k: z.enum(notificationKinds),
  c: z.enum(["email", "sms"]),
  e: z.number().int(),
});

function sign(encodedPayload: string, secret: string): string {
  if (!secret) throw new Error("An unsubscribe secret is required");
  return createHmac("sha256", secret).update(encodedPayload).digest("base64url");
}

/** A signed, expiring token for a one-click unsubscribe link that needs no login. */
export function createUnsubscribeToken(request: UnsubscribeRequest, secret: string, expiresAt: Date): string {
  const payload = { u: request.userId, k: request.kind, c: request.channel, e: Math.floor(expiresAt.getTime() / 1000) };
  const encoded = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${encoded}.${sign(encoded, secret)}`;
}

/** Who asked to stop what, or why the link is refused. The signature is checked before anything in the payload is believed. */
export function verifyUnsubscribeToken(token: string, secret: string, now: Date): UnsubscribeRequest | UnsubscribeTokenError {
  const parts = token.split(".");
  if (parts.length !== 2 || !parts[0] || !parts[1]) return { error: "malformed" };
  const [encoded, signature] = parts as [string, string];
  // Compare the text, not decoded bytes: base64url's last character carries spare bits a forger could flip.
  const expected = Buffer.from(sign(encoded, secret));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { error: "forged" };
  let payload: z.infer<typeof payloadSchema>;
  try {
    const parsed = payloadSchema.safeParse(JSON.parse(Buffer.from(encoded, "base64url").toString("utf8")));
    if (!parsed.success) return { error: "malformed" };
    payload = parsed.data;
  } catch {
    return { error: "malformed" };
  }
  if (now.getTime() >= payload.e * 1000) return { error: "expired" };
  return { userId: payload.u, kind: payload.k, channel: payload.c };
}
