import { execSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { connect } from "#db/connect.server";
import { runMigrations } from "#db/migrate.server";
import { TEMPLATE_DATABASE, databaseUrl, startTestPostgres } from "./postgres";
import { pendingSchemaChanges } from "./schema-drift";

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the app when the server build is missing or older than the sources (tests use the real build). */
function ensureBuild() {
  const built = path.resolve("build/remix/index.js");
  let builtAt = 0;
  try {
    builtAt = statSync(built).mtimeMs;
  } catch {
    builtAt = 0;
  }
  const sourcesAt = Math.max(newestMtime("app"), newestMtime("db"), statSync("server.ts").mtimeMs);
  if (builtAt < sourcesAt) execSync("npm run build", { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
}

export default async function setup(project: TestProject) {
  ensureBuild();
  const pg = await startTestPostgres();
  const admin = connect(pg.serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${TEMPLATE_DATABASE}" with (force)`);
  await admin.unsafe(`create database "${TEMPLATE_DATABASE}"`);
  await admin.end();
  const templateUrl = databaseUrl(pg.serverUrl, TEMPLATE_DATABASE);
  await runMigrations(templateUrl);
  // Schema edits not yet captured in a migration are applied so work in progress can be tested;
  // tests/integration/migrations.test.ts fails until `npm run db:generate` captures them.
  const drift = await pendingSchemaChanges();
  if (drift.length > 0) {
    const client = connect(templateUrl, { max: 1, onnotice: () => {} });
    for (const statement of drift) await client.unsafe(statement);
    await client.end();
  }
  project.provide("postgresServerUrl", pg.serverUrl);
  project.provide("schemaDrift", drift);
  return async () => {
    await pg.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    postgresServerUrl: string;
    schemaDrift: string[];
  }
}
