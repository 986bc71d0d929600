import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * VNPay payment gateway, API version 2.1.0: the signing rules and codes, pure (no network, no DB).
 * Followed from VNPay's public integration guide (sandbox.vnpayment.vn/apis/docs) and its official
 * demo code: parameters sorted by name, keys and values URL-encoded (spaces as "+"), joined as a
 * query string, HMAC-SHA512 with the merchant's hash secret, hex.
 */

export const VNPAY_VERSION = "2.1.0";

/** encodeURIComponent with spaces as "+", exactly as VNPay's Node.js demo (sortObject) encodes. */
export function vnpayEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, "+");
}

/** The string VNPay signs: every vnp_ parameter but the hash itself, sorted, encoded, joined with "&". */
export function vnpaySignData(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((key) => key !== "vnp_SecureHash" && key !== "vnp_SecureHashType" && params[key] !== undefined && params[key] !== "")
    .sort()
    .map((key) => `${vnpayEncode(key)}=${vnpayEncode(params[key]!)}`)
    .join("&");
}

export function hmacSha512Hex(secret: string, data: string): string {
  return createHmac("sha512", secret).update(Buffer.from(data, "utf-8")).digest("hex");
}

export function signVnpayParams(params: Record<string, string>, secret: string): string {
  return hmacSha512Hex(secret, vnpaySignData(params));
}

/** Constant-time comparison of a received hex signature with the expected one (case-insensitive hex). */
export function sameHexSignature(received: string | undefined | null, expected: string): boolean {
  if (!received || !/^[0-9a-fA-F]+$/.test(received) || received.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(received.toLowerCase(), "utf-8"), Buffer.from(expected.toLowerCase(), "utf-8"));
}

export function verifyVnpayParams(params: Record<string, string>, secret: string): boolean {
  return sameHexSignature(params.vnp_SecureHash, signVnpayParams(params, secret));
}

/** The payment URL: the signed query string appended to the gateway's pay URL. */
export function vnpayPaymentUrl(payUrl: string, params: Record<string, string>, secret: string): string {
  const query = vnpaySignData(params);
  return `${payUrl}?${query}&vnp_SecureHash=${signVnpayParams(params, secret)}`;
}

/** yyyyMMddHHmmss in Vietnam's time (GMT+7), the format of vnp_CreateDate, vnp_ExpireDate and vnp_PayDate. */
export function vnpayDate(at: Date): string {
  const local = new Date(at.getTime() + 7 * 60 * 60 * 1000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${local.getUTCFullYear()}${pad(local.getUTCMonth() + 1)}${pad(local.getUTCDate())}${pad(local.getUTCHours())}${pad(local.getUTCMinutes())}${pad(local.getUTCSeconds())}`;
}

export function parseVnpayDate(text: string | undefined): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text ?? "");
  if (!m) return null;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]! - 7, +m[5]!, +m[6]!));
}

/** VNPay amounts are VND × 100 (no decimals travel); VND has no minor unit, so our amountMinor is whole đồng. */
export const toVnpayAmount = (amountMinor: number) => String(amountMinor * 100);
export const fromVnpayAmount = (text: string | undefined) => (/^\d+$/.test(text ?? "") ? Number(text) / 100 : Number.NaN);

/**
 * The pipe-joined fields signed by the merchant API (querydr and refund, 2.1.0): requests and their
 * answers each sign their own field list, in this order.
 */
export const VNPAY_QUERY_REQUEST_FIELDS = [
  "vnp_RequestId",
  "vnp_Version",
  "vnp_Command",
  "vnp_TmnCode",
  "vnp_TxnRef",
  "vnp_TransactionDate",
  "vnp_CreateDate",
  "vnp_IpAddr",
  "vnp_OrderInfo",
] as const;
export const VNPAY_QUERY_RESPONSE_FIELDS = [
  "vnp_ResponseId",
  "vnp_Command",
  "vnp_ResponseCode",
  "vnp_Message",
  "vnp_TmnCode",
  "vnp_TxnRef",
  "vnp_Amount",
  "vnp_BankCode",
  "vnp_PayDate",
  "vnp_TransactionNo",
  "vnp_TransactionType",
  "vnp_TransactionStatus",
  "vnp_OrderInfo",
  "vnp_PromotionCode",
  "vnp_PromotionAmount",
] as const;
export const VNPAY_REFUND_REQUEST_FIELDS = [
  "vnp_RequestId",
  "vnp_Version",
  "vnp_Command",
  "vnp_TmnCode",
  "vnp_TransactionType",
  "vnp_TxnRef",
  "vnp_Amount",
  "vnp_TransactionNo",
  "vnp_TransactionDate",
  "vnp_CreateBy",
  "vnp_CreateDate",
  "vnp_IpAddr",
  "vnp_OrderInfo",
] as const;
export const VNPAY_REFUND_RESPONSE_FIELDS = [
  "vnp_ResponseId",
  "vnp_Command",
  "vnp_ResponseCode",
  "vnp_Message",
  "vnp_TmnCode",
  "vnp_TxnRef",
  "vnp_Amount",
  "vnp_BankCode",
  "vnp_PayDate",
  "vnp_TransactionNo",
  "vnp_TransactionType",
  "vnp_TransactionStatus",
  "vnp_OrderInfo",
] as const;

export function signVnpayPipe(fields: readonly string[], values: Record<string, string | undefined>, secret: string): string {
  return hmacSha512Hex(secret, fields.map((field) => values[field] ?? "").join("|"));
}

/** The JSON answers VNPay expects from the IPN endpoint (its retry logic reads RspCode). */
export const VNPAY_IPN_ANSWERS = {
  confirmed: { RspCode: "00", Message: "Confirm Success" },
  orderNotFound: { RspCode: "01", Message: "Order not found" },
  alreadyConfirmed: { RspCode: "02", Message: "Order already confirmed" },
  invalidAmount: { RspCode: "04", Message: "invalid amount" },
  invalidSignature: { RspCode: "97", Message: "Invalid signature" },
  unknownError: { RspCode: "99", Message: "Unknow error" },
} as const;
export type VnpayIpnAnswer = (typeof VNPAY_IPN_ANSWERS)[keyof typeof VNPAY_IPN_ANSWERS];

export type PaymentOutcome = "paid" | "cancelled" | "failed" | "pending";

/** vnp_ResponseCode (with vnp_TransactionStatus) → our outcome; the code itself is kept as the failure code. */
export function vnpayOutcome(responseCode: string | undefined, transactionStatus: string | undefined): PaymentOutcome {
  if (responseCode === "00" && transactionStatus === "00") return "paid";
  if (responseCode === "24") return "cancelled";
  if (transactionStatus === "01") return "pending";
  return "failed";
}
