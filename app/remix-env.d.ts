import "@remix-run/node";
import type { BuildAssets } from "~/modules/phone-app/precache";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
  interface AppLoadContext {
    /** The Remix build's asset version: part of public pages' ETags, so a deploy changes them. */
    buildVersion?: string;
    /** The Remix asset manifest: the service worker precaches the current build's files from it. */
    buildAssets?: BuildAssets;
    cspNonce: string;
    requestId: string;
    /** A page load rather than a client navigation's data request (server.ts). */
    documentRequest?: boolean;
    /** HTML a loader rendered for this page load, handed to the render instead of the page's data (app/lib/server-html.tsx). */
    serverHtml?: Map<string, string>;
  }
}
