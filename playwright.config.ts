import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 4010);
export const e2eDatabaseUrl = `postgres://postgres:postgres@127.0.0.1:${process.env.E2E_PG_PORT ?? 55433}/quitpath`;
const baseURL = `http://localhost:${port}`;

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
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    // The production build on a fresh embedded database, seeded with the demo data.
    command: "node build/server.js",
    url: `${baseURL}/resources/healthcheck`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      APP_URL: baseURL,
      EMBEDDED_POSTGRES_DIR: ".data/e2e-postgres",
      EMBEDDED_POSTGRES_PORT: process.env.E2E_PG_PORT ?? "55433",
      EMBEDDED_POSTGRES_RESET: "on",
      SEED_DEMO_DATA: "on",
      LOG_LEVEL: "warn",
      DATABASE_URL: "",
    },
  },
});
