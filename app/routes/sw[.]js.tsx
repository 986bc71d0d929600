import { type LoaderFunctionArgs } from "@remix-run/node";
import { CACHE_CONTROL } from "~/lib/cache-control";
import { invariantResponse } from "~/lib/http";
import { serviceWorkerScript } from "~/modules/phone-app/service-worker.server";

/** The service worker, at the site's root so it may control /app; registered only by the member layout. */
export function loader({ context }: LoaderFunctionArgs) {
  invariantResponse(context.buildAssets, "Not found", { status: 404 });
  return new Response(serviceWorkerScript(context.buildAssets), {
    headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": CACHE_CONTROL.serviceWorker },
  });
}
