import { sql } from "drizzle-orm";
import { db } from "#db/client.server";

/** For load balancers: the process answers and Postgres answers. */
export async function loader() {
  try {
    await db().execute(sql`select 1`);
    return new Response("OK", { headers: { "Cache-Control": "no-store" } });
  } catch {
    return new Response("database unavailable", { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
