import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  signVnpayParams,
  signVnpayPipe,
  verifyVnpayParams,
  VNPAY_QUERY_REQUEST_FIELDS,
  VNPAY_QUERY_RESPONSE_FIELDS,
  VNPAY_REFUND_REQUEST_FIELDS,
  VNPAY_REFUND_RESPONSE_FIELDS,
  vnpayDate,
  vnpaySignData,
} from "~/modules/billing/vnpay";

/**
 * A loopback VNPay (API 2.1.0) for tests: the payment page (/paymentv2/vpcpay.html) verifies the
 * merchant's vnp_SecureHash, shows a page to pay or cancel, then calls the merchant's IPN and sends the
 * browser to vnp_ReturnUrl, both signed as VNPay signs them; the merchant API answers querydr and
 * refund with pipe-signed JSON after checking the request's own signature. Port 0 (ephemeral).
 */
export type VnpayTransaction = {
  txnRef: string;
  amount: string;
  orderInfo: string;
  returnUrl: string;
  createDate: string;
  /** "00" paid, "02" failed/cancelled, "01" not finished. */
  status: "00" | "01" | "02";
  responseCode: string;
  transactionNo: string;
  payDate: string;
  refunded: number;
};

export class VnpayStandIn {
  readonly transactions = new Map<string, VnpayTransaction>();
  readonly ipnAnswers: { txnRef: string; answer: { RspCode: string; Message: string } }[] = [];
  readonly apiCalls: Record<string, string>[] = [];
  /** Where the merchant's IPN lives (VNPay keeps it in the merchant's portal settings, not in the request). */
  ipnUrl = "";
  url = "";
  private server: Server | null = null;
  private nextTransactionNo = 14_000_000;

  constructor(
    readonly tmnCode: string,
    readonly hashSecret: string,
  ) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res).catch((error) => this.fail(res, error)));
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

  get payUrl() {
    return `${this.url}/paymentv2/vpcpay.html`;
  }
  get apiUrl() {
    return `${this.url}/merchant_webapi/api/transaction`;
  }

  private fail(res: ServerResponse, error: unknown) {
    res.writeHead(500, { "Content-Type": "text/plain" }).end(String(error));
  }

  /** The signed parameters VNPay sends to the IPN and the return URL for a finished transaction. */
  resultParams(txnRef: string, overrides: Record<string, string> = {}): Record<string, string> {
    const t = this.transactions.get(txnRef);
    if (!t) throw new Error(`no transaction ${txnRef}`);
    const params: Record<string, string> = {
      vnp_Amount: t.amount,
      vnp_BankCode: "NCB",
      vnp_BankTranNo: `VNP${t.transactionNo}`,
      vnp_CardType: "ATM",
      vnp_OrderInfo: t.orderInfo,
      vnp_PayDate: t.payDate,
      vnp_ResponseCode: t.responseCode,
      vnp_TmnCode: this.tmnCode,
      vnp_TransactionNo: t.transactionNo,
      vnp_TransactionStatus: t.status,
      vnp_TxnRef: t.txnRef,
      ...overrides,
    };
    params.vnp_SecureHash = signVnpayParams(params, this.hashSecret);
    return params;
  }

  /** Delivers the IPN as VNPay does (GET, signed query string) and records the merchant's answer. */
  async deliverIpn(txnRef: string, params = this.resultParams(txnRef)) {
    const query = `${vnpaySignData(params)}&vnp_SecureHash=${params.vnp_SecureHash}`;
    const response = await fetch(`${this.ipnUrl}?${query}`);
    const answer = (await response.json()) as { RspCode: string; Message: string };
    this.ipnAnswers.push({ txnRef, answer });
    return answer;
  }

  /** The member finishes on VNPay's page: paid ("00") or cancelled ("24"). Returns where the browser goes. */
  async finish(txnRef: string, outcome: "paid" | "cancelled", options: { deliverIpn?: boolean } = {}): Promise<string> {
    const t = this.transactions.get(txnRef);
    if (!t) throw new Error(`no transaction ${txnRef}`);
    t.status = outcome === "paid" ? "00" : "02";
    t.responseCode = outcome === "paid" ? "00" : "24";
    t.transactionNo = outcome === "paid" ? String(this.nextTransactionNo++) : "0";
    t.payDate = vnpayDate(new Date());
    if (options.deliverIpn !== false) await this.deliverIpn(txnRef);
    const params = this.resultParams(txnRef);
    return `${t.returnUrl}?${vnpaySignData(params)}&vnp_SecureHash=${params.vnp_SecureHash}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", this.url);
    if (req.method === "GET" && url.pathname === "/paymentv2/vpcpay.html") return this.paymentPage(url, res);
    if (req.method === "POST" && url.pathname === "/paymentv2/finish") {
      const form = new URLSearchParams(await readBody(req));
      const location = await this.finish(form.get("txnRef") ?? "", form.get("outcome") === "paid" ? "paid" : "cancelled");
      return res.writeHead(302, { Location: location }).end();
    }
    if (req.method === "POST" && url.pathname === "/merchant_webapi/api/transaction")
      return this.merchantApi(JSON.parse(await readBody(req)), res);
    res.writeHead(404).end();
  }

  private paymentPage(url: URL, res: ServerResponse) {
    const params = Object.fromEntries(url.searchParams);
    if (!verifyVnpayParams(params, this.hashSecret) || params.vnp_TmnCode !== this.tmnCode) {
      return res.writeHead(400, { "Content-Type": "text/html; charset=utf-8" }).end("<h1>Sai chữ ký (code 70)</h1>");
    }
    if (
      params.vnp_Version !== "2.1.0" ||
      params.vnp_Command !== "pay" ||
      params.vnp_CurrCode !== "VND" ||
      !/^\d+00$/.test(params.vnp_Amount ?? "")
    )
      return res.writeHead(400, { "Content-Type": "text/html; charset=utf-8" }).end("<h1>Invalid request (code 03)</h1>");
    if (!this.transactions.has(params.vnp_TxnRef!))
      this.transactions.set(params.vnp_TxnRef!, {
        txnRef: params.vnp_TxnRef!,
        amount: params.vnp_Amount!,
        orderInfo: params.vnp_OrderInfo ?? "",
        returnUrl: params.vnp_ReturnUrl!,
        createDate: params.vnp_CreateDate!,
        status: "01",
        responseCode: "",
        transactionNo: "0",
        payDate: "",
        refunded: 0,
      });
    const amount = Number(params.vnp_Amount) / 100;
    const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" })
      .end(`<!doctype html><html lang="vi"><head><title>VNPay stand-in</title></head><body>
<h1>VNPay (stand-in)</h1><p>Merchant ${escape(this.tmnCode)} · ${escape(params.vnp_OrderInfo ?? "")}</p>
<p>Số tiền / Amount: <strong data-testid="vnpay-amount">${amount.toLocaleString("vi-VN")} VND</strong></p>
<form method="post" action="/paymentv2/finish"><input type="hidden" name="txnRef" value="${escape(params.vnp_TxnRef!)}">
<button name="outcome" value="paid">Thanh toán / Pay</button> <button name="outcome" value="cancelled">Huỷ / Cancel</button></form></body></html>`);
  }

  private merchantApi(body: Record<string, string>, res: ServerResponse) {
    this.apiCalls.push(body);
    const answer = (values: Record<string, string>, fields: readonly string[]) => {
      values.vnp_SecureHash = signVnpayPipe(fields, values, this.hashSecret);
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(values));
    };
    const base = {
      vnp_ResponseId: `R${Date.now()}`,
      vnp_Command: body.vnp_Command ?? "",
      vnp_TmnCode: this.tmnCode,
      vnp_TxnRef: body.vnp_TxnRef ?? "",
    };
    const requestFields = body.vnp_Command === "refund" ? VNPAY_REFUND_REQUEST_FIELDS : VNPAY_QUERY_REQUEST_FIELDS;
    const responseFields = body.vnp_Command === "refund" ? VNPAY_REFUND_RESPONSE_FIELDS : VNPAY_QUERY_RESPONSE_FIELDS;
    if (body.vnp_SecureHash !== signVnpayPipe(requestFields, body, this.hashSecret))
      return answer({ ...base, vnp_ResponseCode: "97", vnp_Message: "Invalid Checksum" }, responseFields);
    const t = this.transactions.get(body.vnp_TxnRef ?? "");
    if (!t) return answer({ ...base, vnp_ResponseCode: "91", vnp_Message: "Not found transaction" }, responseFields);
    const found = {
      ...base,
      vnp_ResponseCode: "00",
      vnp_Message: "Success",
      vnp_Amount: t.amount,
      vnp_BankCode: "NCB",
      vnp_PayDate: t.payDate,
      vnp_TransactionNo: t.transactionNo,
      vnp_OrderInfo: t.orderInfo,
    };
    if (body.vnp_Command === "querydr")
      return answer(
        { ...found, vnp_TransactionType: "01", vnp_TransactionStatus: t.status, vnp_PromotionCode: "", vnp_PromotionAmount: "" },
        VNPAY_QUERY_RESPONSE_FIELDS,
      );
    if (body.vnp_Command === "refund") {
      const amount = Number(body.vnp_Amount);
      if (t.status !== "00" || body.vnp_TransactionNo !== t.transactionNo || t.refunded + amount > Number(t.amount))
        return answer(
          {
            ...found,
            vnp_ResponseCode: "94",
            vnp_Message: "Refund refused",
            vnp_TransactionType: body.vnp_TransactionType!,
            vnp_TransactionStatus: t.status,
          },
          VNPAY_REFUND_RESPONSE_FIELDS,
        );
      t.refunded += amount;
      return answer(
        { ...found, vnp_Amount: body.vnp_Amount!, vnp_TransactionType: body.vnp_TransactionType!, vnp_TransactionStatus: "05" },
        VNPAY_REFUND_RESPONSE_FIELDS,
      );
    }
    return answer({ ...base, vnp_ResponseCode: "02", vnp_Message: "Invalid command" }, responseFields);
  }
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf-8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}
