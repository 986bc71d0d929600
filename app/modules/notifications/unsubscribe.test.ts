import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createUnsubscribeToken, verifyUnsubscribeToken } from "./unsubscribe";

const secret = "test-unsubscribe-secret-0123456789";
const request = { userId: "6f1c2a0e-6a55-4c8b-9a1e-1d2b3c4d5e6f", kind: "weekly-summary", channel: "email" } as const;
const issuedAt = new Date("2026-06-10T08:00:00Z");
const expiresAt = new Date("2026-07-10T08:00:00Z");
const token = createUnsubscribeToken(request, secret, expiresAt);

/** Changes one character to a different base64url character. */
function changeCharAt(value: string, index: number): string {
  const replacement = value[index] === "A" ? "B" : "A";
  return value.slice(0, index) + replacement + value.slice(index + 1);
}

describe("unsubscribe tokens", () => {
  it("round-trip who unsubscribes from which kind on which channel", () => {
    expect(verifyUnsubscribeToken(token, secret, issuedAt)).toEqual(request);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it("refuses a token with any single character changed as forged", () => {
    const dot = token.indexOf(".");
    for (const index of [0, Math.floor(dot / 2), dot - 1, dot + 1, token.length - 1]) {
      expect(verifyUnsubscribeToken(changeCharAt(token, index), secret, issuedAt), `index ${index}`).toEqual({ error: "forged" });
    }
  });

  it("refuses a token signed with another secret as forged", () => {
    const other = createUnsubscribeToken(request, "someone-elses-secret", expiresAt);
    expect(verifyUnsubscribeToken(other, secret, issuedAt)).toEqual({ error: "forged" });
  });

  it("refuses a payload swapped onto a genuine signature", () => {
    const otherUser = createUnsubscribeToken({ ...request, userId: "someone-else" }, secret, expiresAt);
    const forged = `${otherUser.split(".")[0]}.${token.split(".")[1]}`;
    expect(verifyUnsubscribeToken(forged, secret, issuedAt)).toEqual({ error: "forged" });
  });

  it("refuses an expired token, from the moment it expires", () => {
    expect(verifyUnsubscribeToken(token, secret, new Date(expiresAt.getTime() - 1000))).toEqual(request);
    expect(verifyUnsubscribeToken(token, secret, expiresAt)).toEqual({ error: "expired" });
  });

  it("calls a forged token forged even when it has also expired", () => {
    expect(verifyUnsubscribeToken(changeCharAt(token, 3), secret, new Date("2030-01-01T00:00:00Z"))).toEqual({ error: "forged" });
  });

  it("refuses garbage as malformed", () => {
    for (const garbage of ["", "abc", "a.b.c", ".sig", `${token}.extra`]) {
      expect(verifyUnsubscribeToken(garbage, secret, issuedAt), garbage).toEqual({ error: "malformed" });
    }
  });

  it("refuses a correctly signed payload that is not an unsubscribe request", () => {
    const encoded = Buffer.from(JSON.stringify({ u: "x", k: "everything", c: "email", e: 9_999_999_999 })).toString("base64url");
    const signed = `${encoded}.${createHmac("sha256", secret).update(encoded).digest("base64url")}`;
    expect(verifyUnsubscribeToken(signed, secret, issuedAt)).toEqual({ error: "malformed" });
  });

  it("will not sign with an empty secret", () => {
    expect(() => createUnsubscribeToken(request, "", expiresAt)).toThrow();
  });
});
