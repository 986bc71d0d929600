/// <reference types="@remix-run/node" />
import "@remix-run/node";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
  interface AppLoadContext {
    cspNonce: string;
    requestId: string;
  }
}

declare module "*.css" {
  const href: string;
  export default href;
}
