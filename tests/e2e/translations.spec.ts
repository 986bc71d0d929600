import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

/** Records every text the page shows that looks like an untranslated key ("dashboard.title", "journey:x.y"). */
async function watchForRawKeys(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __rawKeys: string[] }).__rawKeys = seen;
    const looksLikeKey = (text: string) => /^([a-z]+:)?[a-z][A-Za-z0-9]*(\.[A-Za-z0-9_]+)+$/.test(text.trim());
    const check = (node: Node) => {
      if (node.nodeType === Node.TEXT_NODE && looksLikeKey(node.textContent ?? "")) seen.push(node.textContent!.trim());
      node.childNodes.forEach(check);
    };
    new MutationObserver((mutations) => {
      for (const mutation of mutations) {
        if (mutation.type === "characterData") check(mutation.target);
        mutation.addedNodes.forEach(check);
      }
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { __rawKeys: string[] }).__rawKeys);
}

function embeddedNamespaces(page: Page) {
  return page.evaluate(() => {
    const payload = JSON.parse(document.getElementById("i18n-resources")?.textContent ?? "{}") as {
      lng?: string;
      resources?: Record<string, unknown>;
    };
    return { lng: payload.lng, namespaces: Object.keys(payload.resources ?? {}).sort() };
  });
}

test.describe("translations in the browser", () => {
  test("a page carries only its language's namespaces, and a navigation loads the ones the next page needs first", async ({
    page,
    login,
  }) => {
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    const rawKeys = await watchForRawKeys(page);
    await login({ role: "member", displayName: "Thảo" });

    await page.goto("/pricing");
    expect(await embeddedNamespaces(page)).toEqual({ lng: "en", namespaces: ["common", "errors", "pricing"] });
    const loaded: string[] = [];
    page.on("request", (request) => {
      if (/\/build\/_shared\/(journey|community|account|auth)-\w+\.js$/.test(request.url())) loaded.push(new URL(request.url()).pathname);
    });

    // A client-side navigation (the header's link) to a page with namespaces the browser lacks.
    await page.getByRole("link", { name: "Community" }).click();
    await expect(page).toHaveURL(/\/app\/community$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Community");
    expect(loaded.some((url) => url.includes("/community-"))).toBe(true);
    // Still the document the server sent: the navigation happened in the browser.
    expect(await embeddedNamespaces(page)).toEqual({ lng: "en", namespaces: ["common", "errors", "pricing"] });

    await page.getByRole("link", { name: "Dashboard" }).click();
    await expect(page).toHaveURL(/\/app(\/[a-z-]+)?$/);
    await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();

    expect(await rawKeys()).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  test("switching language in the browser shows the page in Vietnamese without a raw key in between", async ({ page, login }) => {
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    const rawKeys = await watchForRawKeys(page);
    await login({ role: "member" });
    await page.goto("/app/community");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Community");
    await page.getByRole("button", { name: "Tiếng Việt" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cộng đồng");
    await expect(page.locator("html")).toHaveAttribute("lang", "vi");
    await expect(page.getByRole("link", { name: "Huy hiệu" })).toBeVisible();
    // Then a navigation in the new language, to a namespace not loaded in it yet.
    await page.getByRole("banner").getByRole("link", { name: "Bảng giá" }).click();
    await expect(page).toHaveURL(/\/pricing$/);
    await expect(page.getByRole("link", { name: "Thanh toán" })).toBeVisible();
    expect(await rawKeys()).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  test("without JavaScript the server renders every page whole", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
    const page = await context.newPage();
    await page.goto("/");
    await page.getByRole("banner").getByRole("link", { name: "Pricing" }).click();
    await expect(page).toHaveURL(/\/pricing$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Packages and pricing");
    await page.getByRole("button", { name: "Tiếng Việt" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "vi");
    await expect(page.getByRole("banner").getByRole("link", { name: "Bảng giá" })).toBeVisible();
    await context.close();
  });
});
