// The reference app builds outside the source tree (REFERENCE_BUILD_DIR, by default a git-ignored folder under .data/).
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const out = process.env.REFERENCE_BUILD_DIR ?? path.resolve(here, "../../../.data/bench/reference");

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  serverModuleFormat: "esm",
  serverBuildPath: path.join(out, "build/index.js"),
  assetsBuildDirectory: path.join(out, "public/build"),
  cacheDirectory: path.join(out, ".cache"),
  publicPath: "/build/",
  postcss: false,
  tailwind: false,
  // The same future flags as the project's remix.config.js, so both render the same way.
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
