import { sql, type SQL } from "drizzle-orm";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A uuid[] as ONE bind parameter (a Postgres array literal), so a query can take thousands of
 * members without thousands of parameters. Anything that is not a UUID is dropped: it could match no row.
 */
export function uuidArray(ids: readonly string[]): SQL {
  return sql`${`{${ids.filter((id) => UUID.test(id)).join(",")}}`}::uuid[]`;
}
