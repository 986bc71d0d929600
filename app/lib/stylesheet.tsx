import { createContext, useContext } from "react";
import { useNonce } from "./nonce";

/**
 * The site's stylesheet, inlined into every document so the first paint waits for no second
 * request (Lighthouse: render-blocking requests). The server provides the CSS text
 * (entry.server.tsx); in the browser the context is empty and the element is left as served.
 */
const StylesheetContext = createContext<string>("");
export const StylesheetProvider = StylesheetContext.Provider;

export function InlineStylesheet() {
  const css = useContext(StylesheetContext);
  const nonce = useNonce();
  // Hydration keeps the server's text: React does not patch dangerouslySetInnerHTML, and the browser hides the nonce.
  return <style nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: css }} />;
}
