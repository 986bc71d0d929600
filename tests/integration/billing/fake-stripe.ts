import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback stand-in for api.stripe.com: the real Stripe SDK talks to it through its host/port/protocol
 * options. It keeps objects in memory, honours Idempotency-Key, and records every request so tests can
 * assert what we sent.
 */
export type RecordedRequest = { method: string; path: string; query: URLSearchParams; form: URLSearchParams };

type Json = Record<string, unknown>;

export class FakeStripe {
  readonly requests: RecordedRequest[] = [];
  readonly subscriptions = new Map<string, Json>();
  readonly invoices = new Map<string, Json>();
  readonly charges = new Map<string, Json>();
  readonly prices = new Map<string, Json>();
  private readonly idempotent = new Map<string, Json>();
  private counter = 0;
  private server!: Server;
  url = "";

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(
        ({ status, body }) => {
          res.writeHead(status, { "Content-Type": "application/json", "Request-Id": `req_${++this.counter}` });
          res.end(JSON.stringify(body));
        },
        (error) => {
          res.writeHead(500, { "Content-Type": "application/json" });
          res.end(JSON.stringify({ error: { message: String(error) } }));
        },
      );
    });
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  id(prefix: string): string {
    return `${prefix}_${(++this.counter).toString(36).padStart(6, "0")}`;
  }

  calls(method: string, path: string | RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && (typeof path === "string" ? r.path === path : path.test(r.path)));
  }

  /** A subscription as Stripe's API (2025 "basil") returns it. */
  putSubscription(input: {
    id?: string;
    status: string;
    checkoutId: string;
    customer?: string;
    periodEnd?: number;
    cancelAtPeriodEnd?: boolean;
    latestInvoice?: { status: string; created: number } | null;
    priceId?: string;
  }): Json {
    const id = input.id ?? this.id("sub");
    const now = Math.floor(Date.now() / 1000);
    const sub: Json = {
      id,
      object: "subscription",
      status: input.status,
      customer: input.customer ?? "cus_test",
      cancel_at_period_end: input.cancelAtPeriodEnd ?? false,
      canceled_at: input.status === "canceled" ? now : null,
      ended_at: input.status === "canceled" ? now : null,
      billing_cycle_anchor: now,
      metadata: { checkoutId: input.checkoutId },
      items: {
        object: "list",
        data: [
          { id: `si_${id}`, current_period_end: input.periodEnd ?? now + 30 * 86400, price: { id: input.priceId ?? "price_unknown" } },
        ],
      },
      latest_invoice: input.latestInvoice ? { id: this.id("in"), object: "invoice", ...input.latestInvoice } : null,
    };
    this.subscriptions.set(id, sub);
    return sub;
  }

  putInvoice(input: {
    id?: string;
    subscription: string;
    status: string;
    amount: number;
    currency: string;
    paymentIntent: string;
    attemptCount?: number;
  }): Json {
    const id = input.id ?? this.id("in");
    const now = Math.floor(Date.now() / 1000);
    const invoice: Json = {
      id,
      object: "invoice",
      status: input.status,
      currency: input.currency.toLowerCase(),
      amount_paid: input.status === "paid" ? input.amount : 0,
      amount_due: input.amount,
      created: now,
      attempt_count: input.attemptCount ?? 1,
      next_payment_attempt: input.status === "paid" ? null : now + 3 * 86400,
      total_discount_amounts: [],
      lines: { object: "list", data: [{ period: { start: now, end: now + 30 * 86400 } }] },
      parent: { type: "subscription_details", subscription_details: { subscription: input.subscription } },
      payments: {
        object: "list",
        data: [
          { status: input.status === "paid" ? "paid" : "open", payment: { type: "payment_intent", payment_intent: input.paymentIntent } },
        ],
      },
    };
    this.invoices.set(id, invoice);
    return invoice;
  }

  putCharge(input: { id?: string; paymentIntent: string; amount: number; amountRefunded: number }): Json {
    const id = input.id ?? this.id("ch");
    const charge: Json = {
      id,
      object: "charge",
      payment_intent: input.paymentIntent,
      amount: input.amount,
      amount_refunded: input.amountRefunded,
      refunded: input.amountRefunded >= input.amount,
    };
    this.charges.set(id, charge);
    return charge;
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: Json }> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", "http://stripe.local");
    const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
    const method = req.method ?? "GET";
    this.requests.push({ method, path: url.pathname, query: url.searchParams, form });
    const key = req.headers["idempotency-key"];
    const idemKey = typeof key === "string" ? `${method} ${url.pathname} ${key}` : null;
    if (idemKey && this.idempotent.has(idemKey)) return { status: 200, body: this.idempotent.get(idemKey)! };
    const answer = this.route(method, url.pathname, url.searchParams, form);
    if (idemKey && answer.status === 200) this.idempotent.set(idemKey, answer.body);
    return answer;
  }

  private route(method: string, path: string, query: URLSearchParams, form: URLSearchParams): { status: number; body: Json } {
    const notFound = { status: 404, body: { error: { type: "invalid_request_error", message: `No such object: ${path}` } } };
    const ok = (body: Json) => ({ status: 200, body });
    let match: RegExpMatchArray | null;
    if (method === "GET" && path === "/v1/prices") {
      const lookups = [...query.entries()].filter(([k]) => k.startsWith("lookup_keys")).map(([, v]) => v);
      return ok({
        object: "list",
        has_more: false,
        url: "/v1/prices",
        data: [...this.prices.values()].filter((p) => lookups.includes(String(p.lookup_key))),
      });
    }
    if (method === "POST" && path === "/v1/prices") {
      const price = {
        id: this.id("price"),
        object: "price",
        lookup_key: form.get("lookup_key"),
        unit_amount: Number(form.get("unit_amount")),
        currency: form.get("currency"),
      };
      this.prices.set(price.id, price);
      return ok(price);
    }
    if (method === "POST" && path === "/v1/customers") return ok({ id: this.id("cus"), object: "customer", email: form.get("email") });
    if (method === "POST" && path === "/v1/coupons") return ok({ id: form.get("id") ?? this.id("coupon"), object: "coupon" });
    if (method === "POST" && path === "/v1/checkout/sessions") {
      const id = this.id("cs");
      return ok({ id, object: "checkout.session", url: `https://checkout.stripe.test/pay/${id}`, metadata: {} });
    }
    if (method === "POST" && path === "/v1/billing_portal/sessions")
      return ok({ id: this.id("bps"), object: "billing_portal.session", url: "https://billing.stripe.test/session" });
    if (method === "POST" && path === "/v1/refunds")
      return ok({ id: this.id("re"), object: "refund", amount: Number(form.get("amount")), status: "succeeded" });
    if ((match = path.match(/^\/v1\/subscriptions\/([\w-]+)$/))) {
      const sub = this.subscriptions.get(match[1]!);
      if (!sub) return notFound;
      if (method === "POST" && form.has("cancel_at_period_end")) sub.cancel_at_period_end = form.get("cancel_at_period_end") === "true";
      if (method === "DELETE")
        Object.assign(sub, { status: "canceled", canceled_at: Math.floor(Date.now() / 1000), ended_at: Math.floor(Date.now() / 1000) });
      return ok(sub);
    }
    if (method === "GET" && (match = path.match(/^\/v1\/invoices\/([\w-]+)$/)))
      return this.invoices.has(match[1]!) ? ok(this.invoices.get(match[1]!)!) : notFound;
    if (method === "GET" && (match = path.match(/^\/v1\/charges\/([\w-]+)$/)))
      return this.charges.has(match[1]!) ? ok(this.charges.get(match[1]!)!) : notFound;
    return notFound;
  }
}
