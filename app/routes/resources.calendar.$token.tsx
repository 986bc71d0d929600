import { type LoaderFunctionArgs } from "@remix-run/node";
import { db } from "#db/client.server";
import { calendarFeedText } from "~/modules/sessions/calendar-feed.server";

/** A private calendar feed: /resources/calendar/<token>.ics; an unknown or revoked token is a plain 404. */
export async function loader({ params }: LoaderFunctionArgs) {
  const token = (params.token ?? "").replace(/\.ics$/, "");
  const text = await calendarFeedText(db(), token, new Date());
  if (text === null) throw new Response("Not found", { status: 404 });
  return new Response(text, {
    headers: { "Content-Type": "text/calendar; charset=utf-8", "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" },
  });
}
