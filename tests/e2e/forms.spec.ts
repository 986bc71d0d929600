import { type Page } from "@playwright/test";
import enAuth from "../../app/locales/en/auth";
import viCommon from "../../app/locales/vi/common";
import viJourney from "../../app/locales/vi/journey";
import { expect, test } from "./fixtures";

/** Every POST the page sends, so a test can show the browser answered on its own. */
function postsOf(page: Page): string[] {
  const posts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST") posts.push(new URL(request.url()).pathname);
  });
  return posts;
}

test("the sign-up form shows the server's own messages as the visitor goes, and focuses the first wrong field", async ({ page }) => {
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  const posts = postsOf(page);
  await page.goto("/signup");
  await page.waitForLoadState("networkidle");

  const email = page.getByLabel(enAuth.fields.email);
  await email.fill("not-an-email");
  await email.blur();
  const message = page.getByText(enAuth.errors.emailInvalid);
  await expect(message).toBeVisible();
  await expect(email).toHaveAttribute("aria-invalid", "true");
  const describedBy = (await email.getAttribute("aria-describedby")) ?? "";
  await expect(page.locator(`[id="${describedBy.split(" ")[0]}"]`)).toContainText(enAuth.errors.emailInvalid);

  await page.getByRole("button", { name: enAuth.signUp.submit }).click();
  await expect(page.getByLabel(enAuth.fields.displayName)).toBeFocused();
  await expect(page.getByText(enAuth.errors.displayNameRequired)).toBeVisible();
  expect(posts.filter((path) => path.startsWith("/signup"))).toEqual([]);
  expect(pageErrors).toEqual([]);
});

test("onboarding checks answers in the member's language in the browser, with the rules built for their locale", async ({
  page,
  login,
}) => {
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  const posts = postsOf(page);
  await login({ locale: "vi" });
  await page.goto("/app/onboarding");
  // The header's live count connects once the page has hydrated.
  await expect(page.locator('a[data-live="true"][href="/app/notifications"]')).toBeVisible();

  await page.getByRole("button", { name: viJourney.consent.submit }).click();
  await expect(page.getByText(viJourney.errors.consentRequired)).toBeVisible();
  expect(posts.filter((path) => path.startsWith("/app/onboarding"))).toEqual([]);

  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: viJourney.consent.submit }).click();
  await expect(page.getByRole("heading", { name: new RegExp(viJourney.onboarding.profileSteps.habits) })).toBeVisible();
  const sentAfterConsent = posts.length;

  const perDay = page.getByLabel(viJourney.questions.cigarettesPerDay);
  await perDay.fill("0");
  await perDay.blur();
  await expect(page.getByText(viJourney.errors.cigarettesPerDayInvalid)).toBeVisible();
  await perDay.fill("20");
  await expect(page.getByText(viJourney.errors.cigarettesPerDayInvalid)).toBeHidden();
  await page.getByLabel(viJourney.profile.yearsSmoked).fill("10");
  // The pack price is read by the rules of the member's language: "35.000" is thirty-five thousand dong.
  const packPrice = page.getByLabel(viJourney.profile.packPrice);
  await packPrice.fill("không biết");
  await packPrice.blur();
  await expect(page.getByText(viJourney.errors.packPriceInvalid)).toBeVisible();
  await page.getByRole("button", { name: viCommon.actions.continue }).click();
  await expect(packPrice).toBeFocused();
  expect(posts.length).toBe(sentAfterConsent);
  await packPrice.fill("35.000");
  await expect(page.getByText(viJourney.errors.packPriceInvalid)).toBeHidden();
  await page.getByRole("button", { name: viCommon.actions.continue }).click();
  await expect(page.getByRole("heading", { name: new RegExp(viJourney.onboarding.profileSteps.triggers) })).toBeVisible();
  expect(pageErrors).toEqual([]);
});
