import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSignedInUser } from "#db/seed/factories";
import { Browser, queryCountsByRequest, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

describe("query budget", () => {
  it("counts every statement of a request, and the bare page issues none", async () => {
    const { cookie } = await createSignedInUser(testDb());
    const bare = await new Browser(server.url).get("/bare");
    await bare.text();
    expect(queryCountsByRequest.get(bare.headers.get("x-request-id")!)).toBe(0);
    const account = await new Browser(server.url, cookie).get("/app/account");
    expect(account.status).toBe(200);
    await account.text();
    // session lookup (with the header's unread count, shared by every loader of the request) + the sessions list
    // + the terms/privacy versions the member has not accepted (the member layout) + the member's current coach
    // + one page of the health-data access log
    expect(queryCountsByRequest.get(account.headers.get("x-request-id")!)).toBe(5);
  });

  it("the billing admin page reads the grace period once for both the revenue report and the failed payments", async () => {
    const { cookie } = await createSignedInUser(testDb(), { role: "admin" });
    const billing = await new Browser(server.url, cookie).get("/admin/billing");
    expect(billing.status).toBe(200);
    await billing.text();
    // session lookup + grace period and VAT rate + revenue + subscriptions + failed payments + recent payments + audit log
    // + the VND prices with their VNPay/MoMo switches
    expect(queryCountsByRequest.get(billing.headers.get("x-request-id")!)).toBe(8);
  });
});
