import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readBody } from "./vnpay-standin";

// Nothing here comes from app/: the stand-in signs and verifies as MoMo's published all-in-one (v2)
// documentation does (developers.momo.vn/v3/docs/payment/api/wallet/onetime, .../result-handling/notification,
// .../payment-api/query, .../payment-api/refund), written afresh from the templates it gives. Every
// signature is HMAC-SHA256 with the secret key, hex, over a "raw signature" of key=value pairs joined with
// "&", keys in the order written out in each template, values as sent (not URL-encoded), accessKey being
// the partner's access key (which MoMo knows and the request does not carry).

const RAW = {
  create:
    "accessKey=$accessKey&amount=$amount&extraData=$extraData&ipnUrl=$ipnUrl&orderId=$orderId&orderInfo=$orderInfo&partnerCode=$partnerCode&redirectUrl=$redirectUrl&requestId=$requestId&requestType=$requestType",
  // The create answer as the one-time payment page's "Signature Response Format" gives it (another
  // published copy adds message=$message after amount; our code must take an answer signed either way).
  createAnswer:
    "accessKey=$accessKey&amount=$amount&orderId=$orderId&partnerCode=$partnerCode&payUrl=$payUrl&requestId=$requestId&responseTime=$responseTime&resultCode=$resultCode",
  // The IPN and the redirect to redirectUrl sign the same string.
  notification:
    "accessKey=$accessKey&amount=$amount&extraData=$extraData&message=$message&orderId=$orderId&orderInfo=$orderInfo&orderType=$orderType&partnerCode=$partnerCode&payType=$payType&requestId=$requestId&responseTime=$responseTime&resultCode=$resultCode&transId=$transId",
  query: "accessKey=$accessKey&orderId=$orderId&partnerCode=$partnerCode&requestId=$requestId",
  refund:
    "accessKey=$accessKey&amount=$amount&description=$description&orderId=$orderId&partnerCode=$partnerCode&requestId=$requestId&transId=$transId",
} as const;

/** Fills a template's $name placeholders with the values (absent ones empty). */
export function momoRaw(template: keyof typeof RAW, values: Record<string, unknown>): string {
  return RAW[template].replace(/\$([A-Za-z]+)/g, (_, name: string) =>
    values[name] === undefined || values[name] === null ? "" : String(values[name]),
  );
}

export const hmacSha256 = (secretKey: string, raw: string) => createHmac("sha256", secretKey).update(raw, "utf-8").digest("hex");

/** MoMo's orderId rule, and the amounts a wallet payment or refund may carry (VND). */
const ORDER_ID = /^[0-9a-zA-Z]([-_.]*[0-9a-zA-Z]+)*$/;
const validAmount = (amount: unknown) => Number.isInteger(amount) && (amount as number) >= 1_000 && (amount as number) <= 50_000_000;

/**
 * A loopback MoMo (all-in-one API v2) for tests: /v2/gateway/api/create checks the HMAC-SHA256
 * signature over MoMo's documented raw string and answers a signed payUrl; the pay page finishes the
 * order, POSTs the signed IPN (expecting 204) and redirects to redirectUrl; query and refund answer
 * as MoMo does. Port 0 (ephemeral).
 */
export type MomoOrder = {
  orderId: string;
  requestId: string;
  amount: number;
  orderInfo: string;
  redirectUrl: string;
  ipnUrl: string;
  extraData: string;
  resultCode: number;
  transId: number;
  refunded: number;
};

export class MomoStandIn {
  readonly orders = new Map<string, MomoOrder>();
  readonly ipnStatuses: { orderId: string; status: number }[] = [];
  url = "";
  /** Sends IPNs to this origin instead of the ipnUrl's own (a test server whose APP_URL is not its loopback port). */
  ipnOrigin = "";
  private server: Server | null = null;
  private nextTransId = 3_100_000_000;

  constructor(
    readonly partnerCode: string,
    readonly accessKey: string,
    readonly secretKey: string,
  ) {}

  async start(): Promise<this> {
    this.server = createServer(
      (req, res) => void this.handle(req, res).catch((error) => res.writeHead(500, { "Content-Type": "text/plain" }).end(String(error))),
    );
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** The IPN body MoMo POSTs for a finished order, signed. */
  ipnBody(orderId: string, overrides: Record<string, string | number> = {}) {
    const o = this.orders.get(orderId);
    if (!o) throw new Error(`no order ${orderId}`);
    const body: Record<string, string | number> = {
      partnerCode: this.partnerCode,
      orderId: o.orderId,
      requestId: o.requestId,
      amount: o.amount,
      orderInfo: o.orderInfo,
      orderType: "momo_wallet",
      transId: o.transId,
      resultCode: o.resultCode,
      message: o.resultCode === 0 ? "Successful." : "Transaction denied by user.",
      payType: "qr",
      responseTime: Date.now(),
      extraData: o.extraData,
      ...overrides,
    };
    body.signature = hmacSha256(this.secretKey, momoRaw("notification", { ...body, accessKey: this.accessKey }));
    return body;
  }

  async deliverIpn(orderId: string, body: Record<string, string | number> = this.ipnBody(orderId)) {
    const target = new URL(this.orders.get(orderId)!.ipnUrl);
    const response = await fetch(this.ipnOrigin ? `${this.ipnOrigin}${target.pathname}${target.search}` : target, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    this.ipnStatuses.push({ orderId, status: response.status });
    return response.status;
  }

  async finish(orderId: string, outcome: "paid" | "cancelled", options: { deliverIpn?: boolean } = {}): Promise<string> {
    const o = this.orders.get(orderId);
    if (!o) throw new Error(`no order ${orderId}`);
    o.resultCode = outcome === "paid" ? 0 : 1006;
    o.transId = this.nextTransId++;
    if (options.deliverIpn !== false) await this.deliverIpn(orderId);
    const body = this.ipnBody(orderId);
    return `${o.redirectUrl}?${new URLSearchParams(Object.entries(body).map(([k, v]) => [k, String(v)]))}`;
  }

  private json(res: ServerResponse, body: object) {
    res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(body));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", this.url);
    if (req.method === "GET" && url.pathname.startsWith("/pay/")) return this.payPage(decodeURIComponent(url.pathname.slice(5)), res);
    if (req.method === "POST" && url.pathname === "/finish") {
      const form = new URLSearchParams(await readBody(req));
      const location = await this.finish(form.get("orderId") ?? "", form.get("outcome") === "paid" ? "paid" : "cancelled");
      return res.writeHead(302, { Location: location }).end();
    }
    if (req.method !== "POST" || !url.pathname.startsWith("/v2/gateway/api/")) return res.writeHead(404).end();
    const body = JSON.parse(await readBody(req)) as Record<string, string | number>;
    const command = url.pathname.slice("/v2/gateway/api/".length);
    if (command !== "create" && command !== "query" && command !== "refund") return res.writeHead(404).end();
    const base = { partnerCode: this.partnerCode, requestId: body.requestId, orderId: body.orderId, responseTime: Date.now() };
    const expected = hmacSha256(this.secretKey, momoRaw(command, { ...body, accessKey: this.accessKey }));
    if (body.partnerCode !== this.partnerCode || String(body.signature ?? "").toLowerCase() !== expected)
      return this.json(res, { ...base, resultCode: 13, message: "Merchant authentication failed." });
    // The formats the documentation sets; a request outside them is refused as MoMo refuses it (20, 22).
    if (!ORDER_ID.test(String(body.orderId ?? "")) || !/^.{1,50}$/.test(String(body.requestId ?? "")))
      return this.json(res, { ...base, resultCode: 20, message: "Bad format request." });
    if (command === "create") {
      if (body.requestType !== "captureWallet" || !body.redirectUrl || !body.ipnUrl || !body.orderInfo)
        return this.json(res, { ...base, resultCode: 20, message: "Bad format request." });
      if (!validAmount(Number(body.amount))) return this.json(res, { ...base, resultCode: 22, message: "Invalid amount." });
      const orderId = String(body.orderId);
      if (this.orders.has(orderId)) return this.json(res, { ...base, resultCode: 41, message: "Duplicate orderId" });
      this.orders.set(orderId, {
        orderId,
        requestId: String(body.requestId),
        amount: Number(body.amount),
        orderInfo: String(body.orderInfo),
        redirectUrl: String(body.redirectUrl),
        ipnUrl: String(body.ipnUrl),
        extraData: String(body.extraData ?? ""),
        resultCode: 1000,
        transId: 0,
        refunded: 0,
      });
      const answer: Record<string, string | number> = {
        ...base,
        requestId: String(body.requestId),
        orderId,
        amount: Number(body.amount),
        resultCode: 0,
        message: "Successful.",
        payUrl: `${this.url}/pay/${encodeURIComponent(orderId)}`,
      };
      answer.signature = hmacSha256(this.secretKey, momoRaw("createAnswer", { ...answer, accessKey: this.accessKey }));
      return this.json(res, answer);
    }
    if (command === "query") {
      const o = this.orders.get(String(body.orderId));
      if (!o) return this.json(res, { ...base, resultCode: 42, message: "Invalid orderId or orderId is not found." });
      return this.json(res, {
        ...base,
        amount: o.amount,
        transId: o.transId,
        resultCode: o.resultCode,
        message: "",
        payType: "qr",
        extraData: o.extraData,
      });
    }
    // Refund: a new orderId of its own, the paid order's transId, at least 1,000 VND and no more than is left.
    const o = [...this.orders.values()].find((order) => order.transId === Number(body.transId));
    if (this.orders.has(String(body.orderId))) return this.json(res, { ...base, resultCode: 41, message: "Duplicate orderId" });
    if (!validAmount(Number(body.amount))) return this.json(res, { ...base, resultCode: 22, message: "Invalid amount." });
    if (!o || o.resultCode !== 0 || o.refunded + Number(body.amount) > o.amount)
      return this.json(res, { ...base, resultCode: 1080, message: "Refund refused" });
    o.refunded += Number(body.amount);
    return this.json(res, { ...base, amount: Number(body.amount), transId: this.nextTransId++, resultCode: 0, message: "Successful." });
  }

  private payPage(orderId: string, res: ServerResponse) {
    const o = this.orders.get(orderId);
    if (!o) return res.writeHead(404).end();
    const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" })
      .end(`<!doctype html><html lang="vi"><head><title>MoMo stand-in</title></head><body>
<h1>MoMo (stand-in)</h1><p>${escape(o.orderInfo)}</p><p>Số tiền / Amount: <strong>${o.amount.toLocaleString("vi-VN")} VND</strong></p>
<form method="post" action="/finish"><input type="hidden" name="orderId" value="${escape(orderId)}">
<button name="outcome" value="paid">Xác nhận / Pay</button> <button name="outcome" value="cancelled">Huỷ / Cancel</button></form></body></html>`);
  }
}
