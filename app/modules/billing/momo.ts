import { createHmac } from "node:crypto";
import { sameHexSignature, type PaymentOutcome } from "./vnpay";

/**
 * MoMo all-in-one payment gateway (API v2, developers.momo.vn "aiov2"): the raw signature strings and
 * result codes, pure. Each request and notification signs `key=value` pairs joined with "&", keys in
 * the alphabetical order MoMo documents, values raw (not URL-encoded), HMAC-SHA256 with the secret key, hex.
 */

export const MOMO_CREATE_FIELDS = [
  "accessKey",
  "amount",
  "extraData",
  "ipnUrl",
  "orderId",
  "orderInfo",
  "partnerCode",
  "redirectUrl",
  "requestId",
  "requestType",
] as const;
/**
 * The create answer's signature. MoMo's published copies disagree: the one-time payment page's
 * "Signature Response Format" signs these eight fields, another copy of the same page puts `message`
 * between amount and orderId. An answer signed either way is MoMo's (only the secret key makes either);
 * refusing one of them would refuse every real payment if MoMo signs that way. See verifyMomoCreateAnswer.
 */
export const MOMO_CREATE_RESPONSE_FIELDS = [
  "accessKey",
  "amount",
  "orderId",
  "partnerCode",
  "payUrl",
  "requestId",
  "responseTime",
  "resultCode",
] as const;
export const MOMO_CREATE_RESPONSE_FIELDS_WITH_MESSAGE = [
  "accessKey",
  "amount",
  "message",
  "orderId",
  "partnerCode",
  "payUrl",
  "requestId",
  "responseTime",
  "resultCode",
] as const;
/** The IPN and the redirect carry the same fields and sign the same string. */
export const MOMO_IPN_FIELDS = [
  "accessKey",
  "amount",
  "extraData",
  "message",
  "orderId",
  "orderInfo",
  "orderType",
  "partnerCode",
  "payType",
  "requestId",
  "responseTime",
  "resultCode",
  "transId",
] as const;
export const MOMO_QUERY_FIELDS = ["accessKey", "orderId", "partnerCode", "requestId"] as const;
export const MOMO_REFUND_FIELDS = ["accessKey", "amount", "description", "orderId", "partnerCode", "requestId", "transId"] as const;

export function momoRawSignature(fields: readonly string[], values: Record<string, string | number | undefined | null>): string {
  return fields.map((field) => `${field}=${values[field] ?? ""}`).join("&");
}

export function signMomo(fields: readonly string[], values: Record<string, string | number | undefined | null>, secretKey: string): string {
  return createHmac("sha256", secretKey).update(momoRawSignature(fields, values), "utf-8").digest("hex");
}

export function verifyMomo(
  fields: readonly string[],
  values: Record<string, string | number | undefined | null>,
  secretKey: string,
  signature: string | undefined | null,
): boolean {
  return sameHexSignature(signature, signMomo(fields, values, secretKey));
}

/** The create answer verifies under either published field list (see MOMO_CREATE_RESPONSE_FIELDS). */
export function verifyMomoCreateAnswer(
  values: Record<string, string | number | undefined | null>,
  secretKey: string,
  signature: string | undefined | null,
): boolean {
  return (
    verifyMomo(MOMO_CREATE_RESPONSE_FIELDS, values, secretKey, signature) ||
    verifyMomo(MOMO_CREATE_RESPONSE_FIELDS_WITH_MESSAGE, values, secretKey, signature)
  );
}

/** resultCode → our outcome (0 paid; 9000 authorised but not captured, never granted; 1000/7000/7002 still in progress). */
export function momoOutcome(resultCode: number): PaymentOutcome {
  if (resultCode === 0) return "paid";
  if (resultCode === 1006 || resultCode === 1003 || resultCode === 1005) return "cancelled";
  if (resultCode === 1000 || resultCode === 7000 || resultCode === 7002 || resultCode === 9000) return "pending";
  return "failed";
}
