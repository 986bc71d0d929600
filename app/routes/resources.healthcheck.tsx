import { db } from "#db/client.server";
import { databaseAnswers } from "~/lib/health.server";

/** For load balancers: the process answers and Postgres answers. */
export async function loader() {
  return (await databaseAnswers(db()))
    ? new Response("OK", { headers: { "Cache-Control": "no-store" } })
    : new Response("database unavailable", { status: 503, headers: { "Cache-Control": "no-store" } });
}
