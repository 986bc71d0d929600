import { createContext, useContext, type ReactElement } from "react";
import { I18nContext, I18nextProvider } from "react-i18next";

/**
 * How the server turns a piece of a page into HTML once and reuses it (app/lib/rendered-fragments.server.ts).
 * Only the server render provides it: in the browser there is none and everything renders as usual.
 */
export type RenderedFragments = { html(key: string, element: ReactElement): string };

export const RenderedFragmentsContext = createContext<RenderedFragments | null>(null);

/**
 * An element whose contents the server renders once per `rememberAs` key and language, then
 * reuses as HTML: the same post shown to every reader of the feed is rendered once, not once per
 * request; a member's charts once per change to their figures, not on every visit.
 *
 * The key must name everything the children show. The children may translate (`useTranslation`:
 * the page's language is part of the key and its translations are provided to them) but must read
 * nothing else from context or the router (no `Link`, no `Form`, no `useId`) and have no event
 * handlers: the server renders them on their own. The HTML is exactly what React renders for them,
 * so the browser hydrates the children against it as if they had been rendered in place.
 * `className="contents"` lets the children take part in the parent's grid or list layout.
 */
export function Remembered({
  as: Tag = "div",
  rememberAs,
  className,
  children,
}: {
  as?: "div" | "li";
  rememberAs: string;
  className?: string;
  children: ReactElement;
}) {
  const fragments = useContext(RenderedFragmentsContext);
  const i18n = useContext(I18nContext)?.i18n;
  if (!fragments) return <Tag className={className}>{children}</Tag>;
  const element = i18n ? <I18nextProvider i18n={i18n}>{children}</I18nextProvider> : children;
  return (
    <Tag className={className} dangerouslySetInnerHTML={{ __html: fragments.html(`${i18n?.language ?? ""}|${rememberAs}`, element) }} />
  );
}
