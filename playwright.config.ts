import { defineConfig } from "@playwright/test";
import { testBrowser } from "./tests/setup/chromium";

const port = Number(process.env.E2E_PORT ?? 4010);
const baseURL = `http://localhost:${port}`;

/** What the e2e server runs with; the fixtures read its database password and session secret from the same folders. */
export const e2eServer = {
  baseURL,
  dataDir: ".data/e2e",
  postgresDir: ".data/e2e-postgres",
  postgresPort: Number(process.env.E2E_PG_PORT ?? 55433),
};

const browser = await testBrowser();
if (!process.env.TEST_WORKER_INDEX) console.log(`e2e browser: ${browser.source}`);

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  timeout: 45_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: browser.executablePath,
      args: browser.args,
      ...(Object.keys(browser.env).length > 0 ? { env: { ...process.env, ...browser.env } } : {}),
    },
  },
  webServer: {
    // The production build on a fresh embedded database, seeded with the demo data; VNPay and MoMo through loopback stand-ins.
    command: "npx tsx tests/e2e/server-with-standins.ts",
    url: `${baseURL}/resources/healthcheck`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: process.env.E2E_SERVER_LOG ? "pipe" : "ignore",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      APP_URL: baseURL,
      DATA_DIR: e2eServer.dataDir,
      EMBEDDED_POSTGRES_DIR: e2eServer.postgresDir,
      EMBEDDED_POSTGRES_PORT: String(e2eServer.postgresPort),
      EMBEDDED_POSTGRES_RESET: "on",
      SEED_DEMO_DATA: "on",
      LOG_LEVEL: "warn",
      DATABASE_URL: "",
      SESSION_SECRET: "",
    },
  },
});
