import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { boundedCache } from "~/lib/cache";
import { i18nFor } from "~/lib/i18n.server";
import { ReportBodyContent, type ReportBodyProps } from "./report-view";

// A page's HTML is a function of its key: one render per page, period, filters, language, time zone and rollup refresh.
const bodies = boundedCache<string, string>("report-bodies", 200);

/**
 * The report body's HTML, rendered once per key. `computedAt` is in the key, so a refresh renders
 * new HTML; `scope` too, so one coach never gets another's. Before the first refresh there is
 * nothing to key on, and it is rendered every time.
 */
export function reportBodyHtml(props: ReportBodyProps): string {
  const render = () =>
    renderToString(
      <I18nextProvider i18n={i18nFor(props.locale)}>
        <ReportBodyContent {...props} />
      </I18nextProvider>,
    );
  if (!props.page.computedAt) return render();
  const { scope, page, locale, timeZone, csvBase, query } = props;
  return bodies.getOrCreate(JSON.stringify([scope, page.section, query, locale, timeZone, page.computedAt, csvBase]), render);
}
