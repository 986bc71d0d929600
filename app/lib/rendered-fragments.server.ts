import { type ReactElement } from "react";
import { renderToString } from "react-dom/server";
import type { RenderedFragments } from "~/components/remembered";
import { remember } from "./remember.server";

/** Fragments kept per process; the least recently used go first (about 1.5 KB each for a feed card). */
const MAX_FRAGMENTS = 4_000;

const fragments = remember("renderedFragments", () => new Map<string, string>());

/** The server's side of `<Remembered>`: render once per key, then hand back the same HTML. */
export const renderedFragments: RenderedFragments = {
  html(key: string, element: ReactElement): string {
    let html = fragments.get(key);
    if (html === undefined) {
      html = renderToString(element);
      if (fragments.size >= MAX_FRAGMENTS) fragments.delete(fragments.keys().next().value!);
    } else {
      fragments.delete(key);
    }
    fragments.set(key, html);
    return html;
  },
};
