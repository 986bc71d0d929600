import { createContext, useContext, type ReactElement } from "react";

/**
 * How the server turns a piece of a page into HTML once and reuses it (app/lib/rendered-fragments.server.ts).
 * Only the server render provides it: in the browser there is none and everything renders as usual.
 */
export type RenderedFragments = { html(key: string, element: ReactElement): string };

export const RenderedFragmentsContext = createContext<RenderedFragments | null>(null);

/**
 * An element (a `<div>` or a list item) whose contents the server renders once per `rememberAs` key and then reuses as HTML:
 * the same post shown to every reader of the feed is rendered once, not once per request.
 *
 * The key must name everything the children show, and the children must read nothing but their
 * props (no hooks, no context, no event handlers): the server renders them on their own. The
 * HTML is exactly what React renders for them, so the browser hydrates the children against it
 * as if they had been rendered in place.
 */
export function Remembered({ as: Tag = "div", rememberAs, className, children }: { as?: "div" | "li"; rememberAs: string; className?: string; children: ReactElement }) {
  const fragments = useContext(RenderedFragmentsContext);
  if (!fragments) return <Tag className={className}>{children}</Tag>;
  return <Tag className={className} dangerouslySetInnerHTML={{ __html: fragments.html(rememberAs, children) }} />;
}
