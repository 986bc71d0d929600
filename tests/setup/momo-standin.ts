import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  MOMO_CREATE_FIELDS,
  MOMO_CREATE_RESPONSE_FIELDS,
  MOMO_IPN_FIELDS,
  MOMO_QUERY_FIELDS,
  MOMO_REFUND_FIELDS,
  signMomo,
  verifyMomo,
} from "~/modules/billing/momo";
import { readBody } from "./vnpay-standin";

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
    body.signature = signMomo(MOMO_IPN_FIELDS, { ...body, accessKey: this.accessKey }, this.secretKey);
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
    const signedWith = { ...body, accessKey: this.accessKey };
    const command = url.pathname.slice("/v2/gateway/api/".length);
    const base = { partnerCode: this.partnerCode, requestId: body.requestId, orderId: body.orderId, responseTime: Date.now() };
    const fields = command === "create" ? MOMO_CREATE_FIELDS : command === "query" ? MOMO_QUERY_FIELDS : MOMO_REFUND_FIELDS;
    if (body.partnerCode !== this.partnerCode || !verifyMomo(fields, signedWith, this.secretKey, String(body.signature)))
      return this.json(res, { ...base, resultCode: 11, message: "Access denied (signature)" });
    if (command === "create") {
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
      answer.signature = signMomo(MOMO_CREATE_RESPONSE_FIELDS, { ...answer, accessKey: this.accessKey }, this.secretKey);
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
    if (command === "refund") {
      const o = [...this.orders.values()].find((order) => order.transId === Number(body.transId));
      if (!o || o.resultCode !== 0 || o.refunded + Number(body.amount) > o.amount)
        return this.json(res, { ...base, resultCode: 1080, message: "Refund refused" });
      o.refunded += Number(body.amount);
      return this.json(res, { ...base, amount: Number(body.amount), transId: this.nextTransId++, resultCode: 0, message: "Successful." });
    }
    res.writeHead(404).end();
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
