import { createContext, useContext, useState } from "react";
import type { AppLoadContext } from "@remix-run/node";

/** The HTML loaders rendered for this page load (entry.server.tsx provides it from the load context). */
export const ServerHtmlContext = createContext<Map<string, string> | null>(null);

/**
 * What a loader returns for a block of HTML it rendered (a report body): on a page load the HTML
 * goes to the render through the load context and the page's data carries only `null`, so the
 * bytes are sent once; a client navigation's data request gets the HTML itself.
 */
export function serverHtmlFor(context: AppLoadContext, id: string, html: string): string | null {
  if (!context.documentRequest) return html;
  (context.serverHtml ??= new Map()).set(id, html);
  return null;
}

/**
 * A block of server-rendered HTML with the element id `id`. `html` is null after a page load: the
 * server takes it from the load context, the browser keeps what the server sent (React leaves the
 * inner HTML of an element it hydrates alone).
 */
export function ServerHtml({ id, html, className }: { id: string; html: string | null; className?: string }) {
  const fromLoader = useContext(ServerHtmlContext)?.get(id);
  const [inPage] = useState(() => (typeof document === "undefined" ? "" : (document.getElementById(id)?.innerHTML ?? "")));
  return <div id={id} className={className} dangerouslySetInnerHTML={{ __html: html ?? fromLoader ?? inPage }} />;
}
