import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// Nothing here comes from app/: the stand-in signs and verifies as VNPay's published 2.1.0 guide and its
// own demo code do, written afresh, so a mistake in our signing code cannot be mirrored here.
//
// Payment URL, return URL and IPN (sandbox.vnpayment.vn/apis/docs/thanh-toan-pay/pay.html and VNPay's PHP
// demo, vnpay_php/vnpay_create_payment.php and vnpay_ipn.php): take the vnp_ parameters but vnp_SecureHash
// (and vnp_SecureHashType, gone in 2.1.0), sort them by name, join `urlencode(key)=urlencode(value)` with
// "&", HMAC-SHA512 with the hash secret, hex.
//
// The merchant API (sandbox.vnpayment.vn/apis/docs/truy-van-hoan-tien/querydr&refund.html): each request
// and answer signs its own fields, raw values joined with "|", in the order written out below.

/**
 * PHP's urlencode, which VNPay's PHP demo applies to keys and values: every byte of the UTF-8 text but
 * A-Z a-z 0-9 "-" "_" "." is %XX (upper-case hex), a space is "+". VNPay's Node demo (encodeURIComponent,
 * then %20 as "+") agrees except on ! ' ( ) * ~, which it leaves bare; a merchant that signs one of those
 * is on ground the two demos disagree about, and this stand-in refuses it as VNPay's PHP-encoded check would.
 */
export function phpUrlencode(text: string): string {
  let out = "";
  for (const byte of Buffer.from(text, "utf-8")) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9_.-]/.test(c)) out += c;
    else if (c === " ") out += "+";
    else out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** The hash data of a payment URL, return URL or IPN: vnp_ parameters, sorted, encoded, joined. */
export function vnpayHashData(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((key) => key.startsWith("vnp_") && key !== "vnp_SecureHash" && key !== "vnp_SecureHashType")
    .sort()
    .map((key) => `${phpUrlencode(key)}=${phpUrlencode(params[key]!)}`)
    .join("&");
}

export const hmacSha512 = (secret: string, data: string) => createHmac("sha512", secret).update(data, "utf-8").digest("hex");

/** querydr and refund, request and answer: the fields each signs, in VNPay's order. */
const PIPE_FIELDS = {
  querydrRequest:
    "vnp_RequestId|vnp_Version|vnp_Command|vnp_TmnCode|vnp_TxnRef|vnp_TransactionDate|vnp_CreateDate|vnp_IpAddr|vnp_OrderInfo",
  querydrAnswer:
    "vnp_ResponseId|vnp_Command|vnp_ResponseCode|vnp_Message|vnp_TmnCode|vnp_TxnRef|vnp_Amount|vnp_BankCode|vnp_PayDate|vnp_TransactionNo|vnp_TransactionType|vnp_TransactionStatus|vnp_OrderInfo|vnp_PromotionCode|vnp_PromotionAmount",
  refundRequest:
    "vnp_RequestId|vnp_Version|vnp_Command|vnp_TmnCode|vnp_TransactionType|vnp_TxnRef|vnp_Amount|vnp_TransactionNo|vnp_TransactionDate|vnp_CreateBy|vnp_CreateDate|vnp_IpAddr|vnp_OrderInfo",
  refundAnswer:
    "vnp_ResponseId|vnp_Command|vnp_ResponseCode|vnp_Message|vnp_TmnCode|vnp_TxnRef|vnp_Amount|vnp_BankCode|vnp_PayDate|vnp_TransactionNo|vnp_TransactionType|vnp_TransactionStatus|vnp_OrderInfo",
} as const;

export function pipeHash(fields: keyof typeof PIPE_FIELDS, values: Record<string, string | undefined>, secret: string): string {
  return hmacSha512(
    secret,
    PIPE_FIELDS[fields]
      .split("|")
      .map((field) => values[field] ?? "")
      .join("|"),
  );
}

/** yyyyMMddHHmmss on the clock in Vietnam (GMT+7, no daylight saving), as VNPay writes vnp_PayDate. */
function gmt7(at: Date): string {
  return new Date(at.getTime() + 7 * 3600_000).toISOString().replace(/\D/g, "").slice(0, 14);
}

const secureQuery = (params: Record<string, string>) => `${vnpayHashData(params)}&vnp_SecureHash=${params.vnp_SecureHash}`;

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
    params.vnp_SecureHash = hmacSha512(this.hashSecret, vnpayHashData(params));
    return params;
  }

  /** Delivers the IPN as VNPay does (GET, signed query string) and records the merchant's answer. */
  async deliverIpn(txnRef: string, params = this.resultParams(txnRef)) {
    const response = await fetch(`${this.ipnUrl}?${secureQuery(params)}`);
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
    t.payDate = gmt7(new Date());
    if (options.deliverIpn !== false) await this.deliverIpn(txnRef);
    return `${t.returnUrl}?${secureQuery(this.resultParams(txnRef))}`;
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
    const page = (status: number, html: string) => res.writeHead(status, { "Content-Type": "text/html; charset=utf-8" }).end(html);
    const expected = hmacSha512(this.hashSecret, vnpayHashData(params));
    if ((params.vnp_SecureHash ?? "").toLowerCase() !== expected || params.vnp_TmnCode !== this.tmnCode)
      return page(400, "<h1>Sai chữ ký (code 70)</h1>");
    // The 2.1.0 parameter list: required fields and their formats (amount ×100 in VND, dates yyyyMMddHHmmss).
    const valid =
      params.vnp_Version === "2.1.0" &&
      params.vnp_Command === "pay" &&
      params.vnp_CurrCode === "VND" &&
      /^\d{1,12}00$/.test(params.vnp_Amount ?? "") &&
      /^\d{14}$/.test(params.vnp_CreateDate ?? "") &&
      /^\d{14}$/.test(params.vnp_ExpireDate ?? "") &&
      (params.vnp_Locale === "vn" || params.vnp_Locale === "en") &&
      /^.{1,100}$/.test(params.vnp_TxnRef ?? "") &&
      /^.{1,255}$/.test(params.vnp_OrderInfo ?? "") &&
      /^.{1,45}$/.test(params.vnp_IpAddr ?? "") &&
      !!params.vnp_OrderType &&
      /^https?:\/\//.test(params.vnp_ReturnUrl ?? "");
    if (!valid) return page(400, "<h1>Invalid request (code 03)</h1>");
    if (!this.transactions.has(params.vnp_TxnRef!))
      this.transactions.set(params.vnp_TxnRef!, {
        txnRef: params.vnp_TxnRef!,
        amount: params.vnp_Amount!,
        orderInfo: params.vnp_OrderInfo!,
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
    page(
      200,
      `<!doctype html><html lang="vi"><head><title>VNPay stand-in</title></head><body>
<h1>VNPay (stand-in)</h1><p>Merchant ${escape(this.tmnCode)} · ${escape(params.vnp_OrderInfo ?? "")}</p>
<p>Số tiền / Amount: <strong data-testid="vnpay-amount">${amount.toLocaleString("vi-VN")} VND</strong></p>
<form method="post" action="/paymentv2/finish"><input type="hidden" name="txnRef" value="${escape(params.vnp_TxnRef!)}">
<button name="outcome" value="paid">Thanh toán / Pay</button> <button name="outcome" value="cancelled">Huỷ / Cancel</button></form></body></html>`,
    );
  }

  private merchantApi(body: Record<string, string>, res: ServerResponse) {
    this.apiCalls.push(body);
    const refund = body.vnp_Command === "refund";
    const answer = (values: Record<string, string>) => {
      values.vnp_SecureHash = pipeHash(refund ? "refundAnswer" : "querydrAnswer", values, this.hashSecret);
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(values));
    };
    const base = {
      vnp_ResponseId: `R${Date.now()}`,
      vnp_Command: body.vnp_Command ?? "",
      vnp_TmnCode: this.tmnCode,
      vnp_TxnRef: body.vnp_TxnRef ?? "",
    };
    if (body.vnp_Command !== "querydr" && !refund) return answer({ ...base, vnp_ResponseCode: "02", vnp_Message: "Invalid command" });
    const expected = pipeHash(refund ? "refundRequest" : "querydrRequest", body, this.hashSecret);
    if ((body.vnp_SecureHash ?? "").toLowerCase() !== expected)
      return answer({ ...base, vnp_ResponseCode: "97", vnp_Message: "Invalid Checksum" });
    // Formats the guide sets: a request id of 1-32 letters and digits, 2.1.0, the terminal, GMT+7 dates.
    const wellFormed =
      /^[A-Za-z0-9]{1,32}$/.test(body.vnp_RequestId ?? "") &&
      body.vnp_Version === "2.1.0" &&
      body.vnp_TmnCode === this.tmnCode &&
      /^\d{14}$/.test(body.vnp_TransactionDate ?? "") &&
      /^\d{14}$/.test(body.vnp_CreateDate ?? "") &&
      !!body.vnp_IpAddr &&
      !!body.vnp_OrderInfo &&
      (!refund || (/^0[23]$/.test(body.vnp_TransactionType ?? "") && /^\d+$/.test(body.vnp_Amount ?? "") && !!body.vnp_CreateBy));
    if (!wellFormed) return answer({ ...base, vnp_ResponseCode: "03", vnp_Message: "Invalid data format" });
    const t = this.transactions.get(body.vnp_TxnRef ?? "");
    // vnp_TransactionDate is the payment's own vnp_CreateDate: VNPay finds the transaction by both.
    if (!t || t.createDate !== body.vnp_TransactionDate)
      return answer({ ...base, vnp_ResponseCode: "91", vnp_Message: "Not found transaction" });
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
    if (!refund)
      return answer({
        ...found,
        vnp_TransactionType: "01",
        vnp_TransactionStatus: t.status,
        vnp_PromotionCode: "",
        vnp_PromotionAmount: "",
      });
    const amount = Number(body.vnp_Amount);
    const full = body.vnp_TransactionType === "02";
    if (
      t.status !== "00" ||
      body.vnp_TransactionNo !== t.transactionNo ||
      t.refunded + amount > Number(t.amount) ||
      (full && (t.refunded > 0 || amount !== Number(t.amount)))
    )
      return answer({
        ...found,
        vnp_ResponseCode: "94",
        vnp_Message: "Refund refused",
        vnp_TransactionType: body.vnp_TransactionType!,
        vnp_TransactionStatus: t.status,
      });
    t.refunded += amount;
    return answer({ ...found, vnp_Amount: body.vnp_Amount!, vnp_TransactionType: body.vnp_TransactionType!, vnp_TransactionStatus: "05" });
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
