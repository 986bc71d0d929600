import type { HeadersFunction } from "@remix-run/node";

/** Keeps the member layout's no-store policy and passes an action's Retry-After (429) on. */
export const memberHeaders: HeadersFunction = ({ parentHeaders, actionHeaders, loaderHeaders }) => {
  const headers = new Headers(parentHeaders);
  const retryAfter = actionHeaders.get("Retry-After") ?? loaderHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};
