import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

async function reachTestCheckout(page: Page) {
  const response = await page.goto("/app/coaching");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "This is part of premium" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Chat with a coach" })).toBeVisible();
  await page.getByRole("link", { name: "Upgrade to Premium" }).click();
  await expect(page).toHaveURL(/\/pricing$/);
  await page.getByRole("button", { name: "Choose Premium — Monthly" }).click();
  await expect(page.getByRole("heading", { name: "Checkout" })).toBeVisible();
  await page.getByLabel(/I have read and accept the terms/).check();
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page).toHaveURL(/\/app\/billing\/test-checkout\?checkout=/);
  await expect(page.getByText("Test mode — no real payment is taken")).toBeVisible();
}

async function pay(page: Page, cardNumber: string) {
  await page.getByLabel("Card number").fill(cardNumber);
  await page.getByLabel("Expiry date").fill("12/39");
  await page.getByLabel("Security code (CVC)").fill("123");
  await page.getByRole("button", { name: /^Pay / }).click();
}

test.describe("premium on the built-in test provider", () => {
  test("a Basic member opens a premium feature, sees the upgrade page, pays with 4242 and gets in", async ({ page, login }) => {
    await login({ locale: "en" });
    await reachTestCheckout(page);
    await pay(page, "4242 4242 4242 4242");
    await expect(page.getByText("Your payment is confirmed. Premium is now active.")).toBeVisible();
    await page.getByRole("link", { name: "Start using premium" }).click();
    await expect(page.getByRole("heading", { name: "Choose your coach" })).toBeVisible();
    await page.goto("/app/billing");
    await expect(page.getByRole("cell", { name: "Paid" })).toBeVisible();
  });

  test("a failing card leaves the member on Basic with a clear message", async ({ page, login }) => {
    await login({ locale: "en" });
    await reachTestCheckout(page);
    await pay(page, "4000 0000 0000 0002");
    await expect(page.getByRole("alert").filter({ hasText: "The payment did not go through" })).toBeVisible();
    await expect(page.getByText("Your card was declined. You have not been charged; try another card.")).toBeVisible();
    expect((await page.goto("/app/coaching"))?.status()).toBe(403);
    await page.goto("/app/billing");
    await expect(page.getByText("Basic (free)")).toBeVisible();
  });
});
