import { mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { connect } from "#db/connect.server";
import { embeddedDatabaseUrl } from "#db/embedded.server";
import { runMigrations } from "#db/migrate.server";
import { e2eServer } from "../../playwright.config";
import { startCognitoLocal, type CognitoLocal } from "../setup/cognito-local";
import { freePort, startServerProcess, type ServerProcess } from "../setup/processes";
import { pendingSchemaChanges } from "../setup/schema-drift";
import { e2eDb, expect, test } from "./fixtures";

/**
 * The app with AUTH_PROVIDER=cognito against cognito-local on loopback, in a real browser. The
 * default e2e server keeps local passwords, so this file starts its own: the production build as a
 * process on a free port, over its own database in the e2e server's PostgreSQL, dropped afterwards.
 */
// One worker runs both against one stack; a loaded machine may need more than the default 45 s a test.
test.describe.configure({ mode: "serial", timeout: 90_000 });

let cognito: CognitoLocal;
let app: ServerProcess;
let appUrl = "";
let dataDir = "";
const database = `quitpath_cognito_e2e_${process.pid}`;
const PASSWORD = "a long enough passphrase";

test.beforeAll(async () => {
  test.setTimeout(120_000);
  cognito = await startCognitoLocal();
  await e2eDb().$client.unsafe(`drop database if exists ${database}`);
  await e2eDb().$client.unsafe(`create database ${database}`);
  const databaseUrl = embeddedDatabaseUrl({ dir: e2eServer.postgresDir, port: e2eServer.postgresPort, database });
  // As the e2e server is prepared: migrations, then this branch's schema edits not yet in one.
  await runMigrations(databaseUrl);
  const drift = await pendingSchemaChanges();
  if (drift.length > 0) {
    const client = connect(databaseUrl, { max: 1, onnotice: () => {} });
    for (const statement of drift) await client.unsafe(statement);
    await client.end();
  }
  const port = await freePort();
  appUrl = `http://127.0.0.1:${port}`;
  dataDir = mkdtempSync(path.resolve(".data", "e2e-cognito-"));
  app = await startServerProcess({ ...cognito.env, PORT: String(port), APP_URL: appUrl, DATABASE_URL: databaseUrl, DATA_DIR: dataDir });
});

test.afterAll(async () => {
  test.setTimeout(60_000);
  await app?.stop();
  await cognito?.stop();
  await e2eDb()
    .$client.unsafe(`drop database if exists ${database}`)
    .catch(() => undefined);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const emailFor = (what: string) => `cognito-${what}-${Date.now()}@example.test`;

test("a member signs up through Cognito, confirms the emailed code, lands signed in and signs out", async ({ page }) => {
  const email = emailFor("signup");
  await page.goto(`${appUrl}/signup`);
  await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
  await page.getByLabel("Display name").fill("Hoa");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("checkbox", { name: "I accept the terms of use and the privacy notice." }).check();
  await page.getByRole("button", { name: "Create account" }).click();

  // Cognito emailed a code (cognito-local keeps it in its data file); no session yet.
  await expect(page).toHaveURL(/\/confirm-email\?email=/);
  await expect(page.getByRole("heading", { name: "Confirm your email" })).toBeVisible();
  await page.getByLabel("Code from the email").fill(cognito.codeFor(email));
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page).toHaveURL(/\/login\?confirmed=1$/);
  await expect(page.getByText("Your email is confirmed. Please sign in.")).toBeVisible();

  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/app$/);
  await expect(page.getByRole("heading", { name: "Welcome back, Hoa" })).toBeVisible();
  // Signed in through Cognito: it issued this sign-in a refresh token, which our session holds.
  expect(cognito.refreshTokens(email)).toHaveLength(1);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  expect(cognito.refreshTokens(email)).toHaveLength(0);
  await page.goto(`${appUrl}/app`);
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fapp/);
});

test("a wrong password is refused with the usual message, and the member changes their password in account settings", async ({ page }) => {
  const email = emailFor("password");
  // Signed up through the app's own form, as above, without the browser.
  const signUp = await page.request.post(`${appUrl}/signup`, {
    form: { intent: "sign-up", acceptTerms: "on", email, password: PASSWORD, displayName: "Tuan", locale: "en", timeZone: "UTC" },
    headers: { Origin: appUrl },
    maxRedirects: 0,
  });
  expect(signUp.status()).toBe(302);
  await page.goto(`${appUrl}/confirm-email?email=${encodeURIComponent(email)}`);
  await page.getByLabel("Code from the email").fill(cognito.codeFor(email));
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page).toHaveURL(/\/login\?confirmed=1$/);
  await expect(page.getByText("Your email is confirmed. Please sign in.")).toBeVisible();

  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill("not the password at all");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("That email and password do not match an account.");
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/app$/);

  await page.goto(`${appUrl}/app/account`);
  await page.getByRole("link", { name: "Change your password" }).click();
  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password").fill("another long passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password is changed.")).toBeVisible();

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.goto(`${appUrl}/login`);
  await page.getByLabel("Email", { exact: true }).fill(email);
  // Cognito holds the new password now: the old one no longer signs in.
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("That email and password do not match an account.");
  await page.getByLabel("Password", { exact: true }).fill("another long passphrase");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/app$/);
});
