import { renderToString } from "react-dom/server";
import { I18nextProvider, useTranslation } from "react-i18next";
import { describe, expect, it } from "vitest";
import { i18nFor } from "~/lib/i18n.server";
import { renderedFragments } from "~/lib/rendered-fragments.server";
import { Remembered, RenderedFragmentsContext } from "./remembered";

function Greeting({ name, count }: { name: string; count: number }) {
  return (
    <p>
      Hello {name}, you have {count} <strong>new</strong> messages & {"<replies>"}
    </p>
  );
}

function page(name: string, count: number, key = `greeting|${name}|${count}`, remember = true) {
  const tree = (
    <ul>
      <Remembered as="li" rememberAs={key} className="card">
        <Greeting name={name} count={count} />
      </Remembered>
    </ul>
  );
  return renderToString(
    remember ? <RenderedFragmentsContext.Provider value={renderedFragments}>{tree}</RenderedFragmentsContext.Provider> : tree,
  );
}

describe("Remembered", () => {
  it("gives exactly the markup React renders in place, text separators and escaping included, so the browser hydrates it", () => {
    expect(page("Lan", 3)).toBe(page("Lan", 3, undefined, false));
    expect(page("Lan", 3)).toContain("Hello <!-- -->Lan");
    expect(page("Lan", 3)).toContain("&lt;replies&gt;");
  });

  it("renders once per key: what a key names is remembered, a new key renders afresh", () => {
    const key = `greeting-${Math.random()}`;
    const first = page("Lan", 3, key);
    // Same key, different children: the remembered HTML comes back (the key must name everything shown).
    expect(page("Minh", 9, key)).toBe(first);
    expect(page("Minh", 9, `${key}|other`)).toBe(page("Minh", 9, undefined, false));
  });

  it("gives translated children the page's language, and remembers them per language", () => {
    function Goodbye() {
      const { t } = useTranslation();
      return <p>{t("common:nav.signOut")}</p>;
    }
    const translated = (locale: "en" | "vi", remember = true) => {
      const tree = (
        <I18nextProvider i18n={i18nFor(locale)}>
          <Remembered rememberAs="goodbye">
            <Goodbye />
          </Remembered>
        </I18nextProvider>
      );
      return renderToString(
        remember ? <RenderedFragmentsContext.Provider value={renderedFragments}>{tree}</RenderedFragmentsContext.Provider> : tree,
      );
    };
    expect(translated("en")).toBe(translated("en", false));
    expect(translated("vi")).toBe(translated("vi", false));
    expect(translated("en")).not.toBe(translated("vi"));
  });
});
