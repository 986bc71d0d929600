import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "~": path.resolve("app"), "#db": path.resolve("db") };

export default defineConfig({
  resolve: { alias },
  test: {
    // Two cores: two files at a time keeps Postgres and argon2 from starving each other.
    maxWorkers: 2,
    minWorkers: 1,
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["app/**/*.test.{ts,tsx}"], environment: "node" },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/setup/global-setup.ts"],
          setupFiles: ["tests/setup/database.ts"],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          pool: "forks",
        },
      },
    ],
  },
});
