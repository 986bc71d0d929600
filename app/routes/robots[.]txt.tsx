import { type LoaderFunctionArgs } from "@remix-run/node";
import { CACHE_CONTROL } from "~/lib/cache-control";
import { robotsTxt } from "~/modules/content/seo";

export function loader({ request }: LoaderFunctionArgs) {
  return new Response(robotsTxt(new URL(request.url).origin), {
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": CACHE_CONTROL.publicContent },
  });
}
