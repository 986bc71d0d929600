import { db } from "#db/client.server";

/** This test file's own database (cloned from the migrated template by tests/setup/database.ts). */
export function testDb() {
  return db();
}
