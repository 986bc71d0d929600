import { readFile } from "node:fs/promises";
import { expect, test } from "./fixtures";

test("an admin opens the dashboard, changes the period and downloads the success report as CSV", async ({ page, login }) => {
  await login({ role: "admin", locale: "en", timeZone: "Asia/Ho_Chi_Minh" });
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByText("Activation (profile within 7 days)")).toBeVisible();
  await expect(page.locator("svg[role=img] title").first()).toHaveText("Sign-ups per day");

  await page.getByLabel("From").fill("2026-01-01");
  await page.getByLabel("To").fill("2026-03-31");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/from=2026-01-01&to=2026-03-31/);
  await expect(page.getByLabel("From")).toHaveValue("2026-01-01");

  await page.getByLabel("To").fill("2025-12-01");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByRole("alert")).toContainText("The period ends before it starts");

  await page.goto("/admin/reports/success");
  await expect(page.getByRole("heading", { name: "Quit success", exact: true }).first()).toBeVisible();
  const download = page.waitForEvent("download");
  await page.locator("section[aria-labelledby=table-success]").getByRole("link", { name: "Download CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^quitpath-success-success-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv$/);
  const csv = await readFile((await file.path())!, "utf8");
  const [header, ...rows] = csv.replace(/^\uFEFF/, "").split("\r\n");
  expect(header).toBe("Group,Measure,Eligible,Responders,Abstinent,Intention to treat,Responders only,CO-verified");
  expect(rows.filter((r) => r.startsWith("All attempts,"))).toHaveLength(4);
});
