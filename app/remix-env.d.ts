import "@remix-run/node";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
  interface AppLoadContext {
    /** The Remix build's asset version: part of public pages' ETags, so a deploy changes them. */
    buildVersion?: string;
    cspNonce: string;
    requestId: string;
  }
}
