import { randomUUID } from "node:crypto";
import type { checkoutSessions, Payment } from "#db/schema";
import { DomainError } from "~/lib/domain-error";
import { appUrl, env } from "~/lib/env.server";
import { logger } from "~/lib/logger.server";
import { MOMO_CREATE_FIELDS, MOMO_QUERY_FIELDS, MOMO_REFUND_FIELDS, momoOutcome, signMomo, verifyMomoCreateAnswer } from "./momo";
import {
  fromVnpayAmount,
  parseVnpayDate,
  signVnpayPipe,
  toVnpayAmount,
  VNPAY_QUERY_REQUEST_FIELDS,
  VNPAY_QUERY_RESPONSE_FIELDS,
  VNPAY_REFUND_REQUEST_FIELDS,
  VNPAY_REFUND_RESPONSE_FIELDS,
  VNPAY_VERSION,
  vnpayDate,
  vnpayOutcome,
  vnpayPaymentUrl,
  type PaymentOutcome,
} from "./vnpay";

/**
 * The redirect providers that take one-off payments (VNPay, MoMo) behind one interface: start a
 * payment (a URL to send the member to), ask about an attempt (reconciliation), refund a payment.
 * Fulfilment is never done here: one-off.server.ts settles what these report.
 */
export const ONE_OFF_PROVIDERS = ["vnpay", "momo"] as const;
export type OneOffProviderId = (typeof ONE_OFF_PROVIDERS)[number];
export const isOneOffProvider = (value: string): value is OneOffProviderId => (ONE_OFF_PROVIDERS as readonly string[]).includes(value);

type Attempt = typeof checkoutSessions.$inferSelect;

/** What the provider says about one attempt, in our words; amounts in our minor units. */
export type ProviderReport = {
  provider: OneOffProviderId;
  reference: string;
  outcome: PaymentOutcome | "not-found";
  amountMinor: number | null;
  currency: string;
  transactionId: string | null;
  code: string;
  paidAt: Date | null;
};

export type StartContext = { ipAddr: string; locale: "en" | "vi"; orderInfo: string };
export type RefundRequest = {
  attempt: Attempt;
  payment: Payment;
  amountMinor: number;
  full: boolean;
  by: string;
  key: string;
  ipAddr: string;
};

export interface OneOffProvider {
  id: OneOffProviderId;
  currencies: readonly string[];
  startPayment(attempt: Attempt, ctx: StartContext, now: Date): Promise<string>;
  query(attempt: Attempt, ipAddr: string, now: Date): Promise<ProviderReport>;
  refund(request: RefundRequest, now: Date): Promise<void>;
}

/** The reference the provider carries for an attempt (vnp_TxnRef, MoMo orderId): unique per attempt. */
export const attemptReference = (attemptId: string) => `QP${attemptId.replace(/-/g, "")}`;

export const returnUrlFor = (provider: OneOffProviderId) => `${appUrl()}/app/billing/return/${provider}`;
export const ipnUrlFor = (provider: OneOffProviderId) => `${appUrl()}/webhooks/${provider}`;

function unavailable(provider: string, error: unknown): never {
  if (error instanceof DomainError) throw error;
  // Never the request body or keys: only what failed.
  logger.error({ provider, err: error instanceof Error ? error.message : String(error) }, "billing: payment provider request failed");
  throw new DomainError("conflict", "billingErrors:providerUnavailable");
}

async function postJson(url: string, body: object): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json; charset=utf-8" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status} from ${new URL(url).host}`);
  return (await response.json()) as Record<string, unknown>;
}

const str = (value: unknown) => (value === undefined || value === null ? "" : String(value));

// --- VNPay -----------------------------------------------------------------------------------

const VNPAY_ENDPOINTS = {
  sandbox: {
    pay: "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html",
    api: "https://sandbox.vnpayment.vn/merchant_webapi/api/transaction",
  },
  production: { pay: "https://pay.vnpay.vn/vpcpay.html", api: "https://merchant.vnpay.vn/merchant_webapi/api/transaction" },
};

export function vnpayConfig() {
  const e = env();
  if (!e.VNPAY_TMN_CODE || !e.VNPAY_HASH_SECRET || !e.VNPAY_MODE) return null;
  const endpoints = VNPAY_ENDPOINTS[e.VNPAY_MODE];
  return {
    tmnCode: e.VNPAY_TMN_CODE,
    hashSecret: e.VNPAY_HASH_SECRET,
    payUrl: e.VNPAY_PAY_URL ?? endpoints.pay,
    apiUrl: e.VNPAY_API_URL ?? endpoints.api,
  };
}

function requireVnpay() {
  const config = vnpayConfig();
  if (!config) throw new DomainError("invalid", "billingErrors:providerNotOffered");
  return config;
}

const vnpay: OneOffProvider = {
  id: "vnpay",
  currencies: ["VND"],
  async startPayment(attempt, ctx, now) {
    const config = requireVnpay();
    const params: Record<string, string> = {
      vnp_Version: VNPAY_VERSION,
      vnp_Command: "pay",
      vnp_TmnCode: config.tmnCode,
      vnp_Amount: toVnpayAmount(attempt.totalMinor),
      vnp_CurrCode: "VND",
      vnp_TxnRef: attempt.providerSessionId!,
      vnp_OrderInfo: ctx.orderInfo,
      vnp_OrderType: "other",
      vnp_Locale: ctx.locale === "vi" ? "vn" : "en",
      vnp_ReturnUrl: returnUrlFor("vnpay"),
      vnp_IpAddr: ctx.ipAddr,
      vnp_CreateDate: vnpayDate(attempt.createdAt),
      vnp_ExpireDate: vnpayDate(new Date(Math.max(now.getTime(), attempt.createdAt.getTime()) + 15 * 60_000)),
    };
    return vnpayPaymentUrl(config.payUrl, params, config.hashSecret);
  },
  async query(attempt, ipAddr, now) {
    const config = requireVnpay();
    const request: Record<string, string> = {
      vnp_RequestId: randomUUID().replace(/-/g, ""),
      vnp_Version: VNPAY_VERSION,
      vnp_Command: "querydr",
      vnp_TmnCode: config.tmnCode,
      vnp_TxnRef: attempt.providerSessionId!,
      vnp_OrderInfo: `Query ${attempt.providerSessionId}`,
      vnp_TransactionDate: vnpayDate(attempt.createdAt),
      vnp_CreateDate: vnpayDate(now),
      vnp_IpAddr: ipAddr,
    };
    request.vnp_SecureHash = signVnpayPipe(VNPAY_QUERY_REQUEST_FIELDS, request, config.hashSecret);
    let answer: Record<string, unknown>;
    try {
      answer = await postJson(config.apiUrl, request);
    } catch (error) {
      unavailable("vnpay", error);
    }
    const values = Object.fromEntries(Object.entries(answer).map(([k, v]) => [k, str(v)]));
    const expected = signVnpayPipe(VNPAY_QUERY_RESPONSE_FIELDS, values, config.hashSecret);
    if (values.vnp_SecureHash?.toLowerCase() !== expected) {
      logger.warn({ provider: "vnpay", reference: attempt.providerSessionId }, "billing: querydr answer with a bad signature, ignored");
      throw new DomainError("conflict", "billingErrors:providerUnavailable");
    }
    // 91: VNPay has no such transaction (the member never reached the payment step).
    if (values.vnp_ResponseCode === "91")
      return {
        provider: "vnpay",
        reference: attempt.providerSessionId!,
        outcome: "not-found",
        amountMinor: null,
        currency: "VND",
        transactionId: null,
        code: "91",
        paidAt: null,
      };
    if (values.vnp_ResponseCode !== "00") unavailable("vnpay", new Error(`querydr answered ${values.vnp_ResponseCode}`));
    const status = values.vnp_TransactionStatus;
    return {
      provider: "vnpay",
      reference: values.vnp_TxnRef ?? attempt.providerSessionId!,
      outcome: vnpayOutcome("00", status) === "paid" ? "paid" : status === "01" ? "pending" : "failed",
      amountMinor: fromVnpayAmount(values.vnp_Amount),
      currency: "VND",
      transactionId: values.vnp_TransactionNo || null,
      code: status ?? "",
      paidAt: parseVnpayDate(values.vnp_PayDate),
    };
  },
  async refund({ attempt, payment, amountMinor, full, by, key, ipAddr }, now) {
    const config = requireVnpay();
    const request: Record<string, string> = {
      vnp_RequestId: key.replace(/[^A-Za-z0-9]/g, "").slice(0, 32),
      vnp_Version: VNPAY_VERSION,
      vnp_Command: "refund",
      vnp_TmnCode: config.tmnCode,
      vnp_TransactionType: full ? "02" : "03",
      vnp_TxnRef: attempt.providerSessionId!,
      vnp_Amount: toVnpayAmount(amountMinor),
      vnp_TransactionNo: payment.providerPaymentIntentId ?? "",
      vnp_TransactionDate: vnpayDate(attempt.createdAt),
      vnp_CreateBy: by,
      vnp_CreateDate: vnpayDate(now),
      vnp_IpAddr: ipAddr,
      vnp_OrderInfo: `Refund ${payment.receiptNumber}`,
    };
    request.vnp_SecureHash = signVnpayPipe(VNPAY_REFUND_REQUEST_FIELDS, request, config.hashSecret);
    let answer: Record<string, unknown>;
    try {
      answer = await postJson(config.apiUrl, request);
    } catch (error) {
      unavailable("vnpay", error);
    }
    const values = Object.fromEntries(Object.entries(answer).map(([k, v]) => [k, str(v)]));
    if (values.vnp_SecureHash?.toLowerCase() !== signVnpayPipe(VNPAY_REFUND_RESPONSE_FIELDS, values, config.hashSecret))
      unavailable("vnpay", new Error("refund answer with a bad signature"));
    if (values.vnp_ResponseCode !== "00") {
      logger.warn({ provider: "vnpay", code: values.vnp_ResponseCode }, "billing: VNPay refused the refund");
      throw new DomainError("conflict", "billingErrors:refundRefusedByProvider");
    }
  },
};

// --- MoMo ------------------------------------------------------------------------------------

const MOMO_ENDPOINTS = { sandbox: "https://test-payment.momo.vn", production: "https://payment.momo.vn" };

export function momoConfig() {
  const e = env();
  if (!e.MOMO_PARTNER_CODE || !e.MOMO_ACCESS_KEY || !e.MOMO_SECRET_KEY || !e.MOMO_MODE) return null;
  return {
    partnerCode: e.MOMO_PARTNER_CODE,
    accessKey: e.MOMO_ACCESS_KEY,
    secretKey: e.MOMO_SECRET_KEY,
    apiUrl: (e.MOMO_API_URL ?? MOMO_ENDPOINTS[e.MOMO_MODE]).replace(/\/$/, ""),
  };
}

function requireMomo() {
  const config = momoConfig();
  if (!config) throw new DomainError("invalid", "billingErrors:providerNotOffered");
  return config;
}

const momo: OneOffProvider = {
  id: "momo",
  currencies: ["VND"],
  async startPayment(attempt, ctx) {
    const config = requireMomo();
    const body: Record<string, string | number> = {
      partnerCode: config.partnerCode,
      accessKey: config.accessKey,
      requestId: attempt.providerSessionId!,
      amount: attempt.totalMinor,
      orderId: attempt.providerSessionId!,
      orderInfo: ctx.orderInfo,
      redirectUrl: returnUrlFor("momo"),
      ipnUrl: ipnUrlFor("momo"),
      requestType: "captureWallet",
      extraData: "",
      lang: ctx.locale,
    };
    body.signature = signMomo(MOMO_CREATE_FIELDS, body, config.secretKey);
    delete body.accessKey;
    let answer: Record<string, unknown>;
    try {
      answer = await postJson(`${config.apiUrl}/v2/gateway/api/create`, body);
    } catch (error) {
      unavailable("momo", error);
    }
    if (Number(answer.resultCode) !== 0 || typeof answer.payUrl !== "string") {
      logger.warn({ provider: "momo", resultCode: answer.resultCode }, "billing: MoMo refused to create the payment");
      throw new DomainError("conflict", "billingErrors:providerUnavailable");
    }
    if (
      answer.signature &&
      !verifyMomoCreateAnswer({ ...answer, accessKey: config.accessKey } as never, config.secretKey, str(answer.signature))
    )
      unavailable("momo", new Error("create answer with a bad signature"));
    return answer.payUrl;
  },
  async query(attempt) {
    const config = requireMomo();
    const body: Record<string, string> = {
      partnerCode: config.partnerCode,
      accessKey: config.accessKey,
      requestId: randomUUID(),
      orderId: attempt.providerSessionId!,
      lang: "en",
    };
    body.signature = signMomo(MOMO_QUERY_FIELDS, body, config.secretKey);
    delete body.accessKey;
    let answer: Record<string, unknown>;
    try {
      answer = await postJson(`${config.apiUrl}/v2/gateway/api/query`, body);
    } catch (error) {
      unavailable("momo", error);
    }
    const resultCode = Number(answer.resultCode);
    // 42: MoMo knows no such order (the member never opened the payment page).
    const outcome = resultCode === 42 ? "not-found" : momoOutcome(resultCode);
    return {
      provider: "momo",
      reference: str(answer.orderId) || attempt.providerSessionId!,
      outcome,
      amountMinor: answer.amount === undefined ? null : Number(answer.amount),
      currency: "VND",
      transactionId: answer.transId ? str(answer.transId) : null,
      code: String(resultCode),
      paidAt: typeof answer.responseTime === "number" ? new Date(answer.responseTime) : null,
    };
  },
  async refund({ payment, amountMinor, key }) {
    const config = requireMomo();
    const body: Record<string, string | number> = {
      partnerCode: config.partnerCode,
      accessKey: config.accessKey,
      orderId: key.replace(/[^A-Za-z0-9]/g, "").slice(0, 50),
      requestId: randomUUID(),
      amount: amountMinor,
      transId: Number(payment.providerPaymentIntentId),
      lang: "en",
      description: `Refund ${payment.receiptNumber}`,
    };
    body.signature = signMomo(MOMO_REFUND_FIELDS, body, config.secretKey);
    delete body.accessKey;
    let answer: Record<string, unknown>;
    try {
      answer = await postJson(`${config.apiUrl}/v2/gateway/api/refund`, body);
    } catch (error) {
      unavailable("momo", error);
    }
    if (Number(answer.resultCode) !== 0) {
      logger.warn({ provider: "momo", resultCode: answer.resultCode }, "billing: MoMo refused the refund");
      throw new DomainError("conflict", "billingErrors:refundRefusedByProvider");
    }
  },
};

const PROVIDERS: Record<OneOffProviderId, OneOffProvider> = { vnpay, momo };

export function oneOffProvider(id: OneOffProviderId): OneOffProvider {
  return PROVIDERS[id];
}

/** The one-off providers this process is configured for (env), in the order the checkout shows them. */
export function configuredOneOffProviders(): OneOffProviderId[] {
  return ONE_OFF_PROVIDERS.filter((id) => (id === "vnpay" ? vnpayConfig() : momoConfig()) !== null);
}
