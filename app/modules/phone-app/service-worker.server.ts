import { readFileSync } from "node:fs";
import path from "node:path";
import { type BuildAssets, precacheList } from "./precache";

let bundled: string | null = null;
/** The worker's code, bundled by scripts/build-server.mjs next to the server; read once per process. */
function workerCode(): string {
  bundled ??= readFileSync(path.resolve("build/service-worker.js"), "utf8");
  return bundled;
}

/** The service worker for this build: its asset list from the Remix manifest, then the worker itself. */
export function serviceWorkerScript(assets: BuildAssets): string {
  const head = `self.__QP_BUILD=${JSON.stringify(assets.version)};self.__QP_PRECACHE=${JSON.stringify(precacheList(assets))};\n`;
  return head + workerCode();
}
