// Compiles server.ts (and what it imports outside the Remix build) to build/server.js.
import { build } from "esbuild";

await build({
  entryPoints: ["server.ts"],
  outfile: "build/server.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
  tsconfig: "tsconfig.json",
});

// The service worker: one classic script for the browser, served by /sw.js behind the build's asset list.
await build({
  entryPoints: ["app/service-worker/worker.ts"],
  outfile: "build/service-worker.js",
  bundle: true,
  platform: "browser",
  format: "iife",
  target: "es2020",
  minify: true,
  logLevel: "warning",
  tsconfig: "tsconfig.json",
});
