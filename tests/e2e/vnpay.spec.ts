import { expect, test } from "./fixtures";

test.describe("paying in VND through VNPay", () => {
  // Two people in two browsers and a trip through the provider's page: longer than one page's test.
  test.describe.configure({ timeout: 90_000 });
  test("a Vietnamese member pays on the VNPay page and gets premium; an admin refunds it", async ({ page, login, browser, baseURL }) => {
    const member = await login({ locale: "vi", currency: "VND" });
    await page.goto("/pricing");
    await page.getByRole("button", { name: "Chọn gói Cao cấp — Hằng tháng" }).click();
    await expect(page.getByRole("heading", { name: "Thanh toán" })).toBeVisible();
    await page.getByRole("radio", { name: /VNPay/ }).check();
    await page.getByLabel(/Tôi đã đọc và đồng ý/).check();
    await page.getByRole("button", { name: "Đăng ký" }).click();

    await expect(page.getByRole("heading", { name: "VNPay (stand-in)" })).toBeVisible();
    await expect(page.getByTestId("vnpay-amount")).toHaveText("149.000 VND");
    await page.getByRole("button", { name: "Thanh toán / Pay" }).click();

    await expect(page).toHaveURL(/\/app\/billing\/return\/vnpay\?/);
    await expect(page.getByRole("heading", { name: "Đã nhận thanh toán" })).toBeVisible();
    await page.goto("/app/coach/choose");
    await expect(page.getByRole("heading", { name: "Chọn huấn luyện viên của bạn" })).toBeVisible();

    const { context: adminContext } = await import("./fixtures").then((f) =>
      f.signedInContext(browser, baseURL!, { role: "admin", locale: "en" }),
    );
    const admin = await adminContext.newPage();
    await admin.goto("/admin/billing");
    // The refund form is a conform form: type into it once the page has hydrated (the router is up), not when the
    // network happens to be quiet for half a second, which on a loaded machine can come before the scripts have run.
    await admin.waitForFunction(() => (window as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized);
    const row = admin.getByRole("listitem").filter({ hasText: member.email }).filter({ hasText: "VNPay" });
    await expect(row).toBeVisible();
    // One refund form at a time: the row's link opens it for that payment.
    await row.getByRole("link", { name: "Refund…" }).click();
    const reason = row.getByLabel("Reason");
    await reason.fill("Member asked for a refund");
    await expect(reason).toHaveValue("Member asked for a refund");
    // The action itself (our record, then VNPay's refund API), apart from the report the page reloads after it.
    const refunded = admin.waitForResponse(
      (r) => new URL(r.url()).pathname.startsWith("/admin/billing") && r.request().method() === "POST",
    );
    await row.getByRole("button", { name: "Refund" }).click();
    expect((await refunded).status()).toBe(200);
    // The admin billing page reloads its whole report after the action; on a busy machine that takes a while.
    await expect(admin.getByRole("status").filter({ hasText: "Refund issued." })).toBeVisible({ timeout: 20_000 });
    await expect(row).toContainText("Refunded");
    await adminContext.close();

    const denied = await page.goto("/app/coach/choose");
    expect(denied?.status()).toBe(403);
  });
});
