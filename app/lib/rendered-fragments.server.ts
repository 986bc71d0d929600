import { type ReactElement } from "react";
import { renderToString } from "react-dom/server";
import type { RenderedFragments } from "~/components/remembered";
import { boundedCache } from "./cache";

/** Fragments kept per process; the least recently used go first (about 1.5 KB each for a feed card). */
const fragments = boundedCache<string, string>("rendered-fragments", 4_000);

/** The server's side of `<Remembered>`: render once per key, then hand back the same HTML. */
export const renderedFragments: RenderedFragments = {
  html: (key: string, element: ReactElement) => fragments.getOrCreate(key, () => renderToString(element)),
};
