import "@remix-run/node";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
  interface AppLoadContext {
    /** The Remix build's asset version: part of public pages' ETags, so a deploy changes them. */
    buildVersion?: string;
    /** The Remix asset manifest: the service worker precaches the current build's files from it. */
    buildAssets?: import("~/modules/phone-app/precache").BuildAssets;
    cspNonce: string;
    requestId: string;
  }
}
