import { defineConfig } from "drizzle-kit";

// Migrations are generated from db/schema and committed; drizzle-kit never touches a live database here.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./migrations",
  casing: "snake_case",
  dbCredentials: { url: process.env.DATABASE_URL ?? "postgres://localhost/quitpath" },
});
