import { expect, test } from "./fixtures";

test.describe("the foundation", () => {
  test("a visitor signs up, lands in /app, signs out and signs in again", async ({ page }) => {
    const email = `e2e-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.test`;
    await page.goto("/");
    await page.getByRole("link", { name: "Start for free" }).first().click();
    await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
    await page.getByLabel("Display name").fill("Linh");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("a long enough passphrase");
    await page.getByRole("checkbox", { name: "I accept the terms of use and the privacy notice." }).check();
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/app$/);
    await expect(page.getByRole("heading", { name: "Welcome back, Linh" })).toBeVisible();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/$/);
    await page.goto("/app");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fapp/);

    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("a long enough passphrase");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/app$/);
  });

  test("a wrong password shows a message and keeps the visitor on the form", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill("member@quitpath.test");
    await page.getByLabel("Password").fill("definitely not it");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toContainText("That email and password do not match an account.");
  });

  test("switching language re-renders the page in Vietnamese and remembers it", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("button", { name: "Tiếng Việt" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cai thuốc lá với kế hoạch phù hợp với bạn");
    await expect(page.locator("html")).toHaveAttribute("lang", "vi");
    await page.goto("/login");
    await expect(page.getByRole("heading", { name: "Đăng nhập" })).toBeVisible();
  });

  test("anonymous visitors are sent to sign-in with redirectTo, and come back after signing in", async ({ page }) => {
    await page.goto("/app/account");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fapp%2Faccount/);
    await page.getByLabel("Email").fill("member@quitpath.test");
    await page.getByLabel("Password").fill("QuitPath-demo-2026");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/app\/account$/);
  });

  test("members and coaches are refused at /admin with 403", async ({ page, login }) => {
    await login({ role: "member" });
    const asMember = await page.goto("/admin");
    expect(asMember?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  });

  test("a coach is refused at /admin with 403 but reaches /coach", async ({ page, login }) => {
    await login({ role: "coach" });
    expect((await page.goto("/admin"))?.status()).toBe(403);
    expect((await page.goto("/coach"))?.status()).toBe(200);
  });

  test("no inline script runs without the nonce: the CSP blocks an injected one", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto("/");
    const ran = await page.evaluate(async () => {
      const script = document.createElement("script");
      script.textContent = "window.__injected = true";
      document.body.appendChild(script);
      await new Promise((r) => setTimeout(r, 50));
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
    expect(violations.length).toBeGreaterThan(0);
  });
});
