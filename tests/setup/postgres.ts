import path from "node:path";
import { connect } from "#db/connect.server";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "#db/embedded.server";

export const TEMPLATE_DATABASE = "quitpath_template";

/** The server the tests use: DATABASE_URL when set, otherwise an embedded Postgres of their own. */
export async function startTestPostgres(): Promise<{ serverUrl: string; stop: () => Promise<void> }> {
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = "/postgres";
    return { serverUrl: url.toString(), stop: async () => {} };
  }
  const embedded: EmbeddedDatabase = await startEmbeddedPostgres({
    dir: path.resolve(process.env.TEST_POSTGRES_DIR ?? ".data/test-postgres"),
    reset: true,
  });
  return { serverUrl: embedded.adminUrl, stop: embedded.stop };
}

export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh database cloned from the migrated template (milliseconds, not a migration run). */
export async function cloneTemplate(serverUrl: string, name: string): Promise<string> {
  const admin = connect(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`create database "${name}" template "${TEMPLATE_DATABASE}"`);
  } finally {
    await admin.end();
  }
  return databaseUrl(serverUrl, name);
}
