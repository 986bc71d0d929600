import type { AppLocale } from "~/lib/i18n";
import { getFixedT } from "~/lib/i18n.server";

export type RenderedEmail = { subject: string; text: string; html: string };

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
/** Every value placed into HTML email passes through here. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function layout(lang: AppLocale, paragraphs: string[], action?: { label: string; href: string }): string {
  const t = getFixedT(lang);
  const body = paragraphs.map((p) => `<p style="margin:0 0 16px">${escapeHtml(p)}</p>`).join("");
  const button = action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(action.href)}" style="background:#047857;color:#fff;padding:12px 20px;border-radius:8px;text-decoration:none;font-weight:600">${escapeHtml(action.label)}</a></p>`
    : "";
  return `<!doctype html><html lang="${lang}"><body style="font-family:system-ui,sans-serif;color:#1f2937;line-height:1.5;max-width:560px;margin:0 auto;padding:24px"><h1 style="color:#047857;font-size:20px">QuitPath</h1>${body}${button}<hr style="border:none;border-top:1px solid #e5e7eb;margin:24px 0"><p style="font-size:12px;color:#6b7280">${escapeHtml(t("email:footer"))}</p></body></html>`;
}

export function renderPasswordResetEmail(lang: AppLocale, v: { name: string; link: string }): RenderedEmail {
  const t = getFixedT(lang);
  const greeting = t("email:passwordReset.greeting", { name: v.name });
  const text = [greeting, "", t("email:passwordReset.body"), v.link, "", t("email:passwordReset.ignore"), "", t("email:footer")].join("\n");
  const html = layout(lang, [greeting, t("email:passwordReset.body")], { label: t("email:passwordReset.action"), href: v.link }).replace(
    "</body>",
    `<p style="font-size:13px;color:#374151;word-break:break-all">${escapeHtml(v.link)}</p><p>${escapeHtml(t("email:passwordReset.ignore"))}</p></body>`,
  );
  return { subject: t("email:passwordReset.subject"), text, html };
}

export type NotificationEmail = {
  /** Already in the member's language. */
  subject: string;
  paragraphs: string[];
  action?: { label: string; href: string };
  /** Cigarettes per day for a weekly summary, oldest first, with the day labels. */
  chart?: { title: string; days: { label: string; value: number }[] };
  unsubscribe: { href: string; reason: string; preferencesHref: string };
};

/** A chart email clients draw without images or SVG: one table row of bars. */
function chartHtml(chart: NonNullable<NotificationEmail["chart"]>): string {
  const max = Math.max(1, ...chart.days.map((d) => d.value));
  const cells = chart.days
    .map((d) => {
      const height = Math.round((d.value / max) * 80);
      return `<td style="vertical-align:bottom;text-align:center;padding:0 4px;font-size:12px;color:#374151">${escapeHtml(String(d.value))}<div style="background:#047857;width:24px;height:${height}px;margin:2px auto 0"></div>${escapeHtml(d.label)}</td>`;
    })
    .join("");
  return `<p style="margin:16px 0 4px;font-weight:600">${escapeHtml(chart.title)}</p><table role="presentation" style="border-collapse:collapse;height:120px"><tr>${cells}</tr></table>`;
}

/** Multipart HTML + text for a notification, with the one-click unsubscribe footer; every value is escaped. */
export function renderNotificationEmail(lang: AppLocale, email: NotificationEmail): RenderedEmail {
  const t = getFixedT(lang);
  const chartText = email.chart
    ? [email.chart.title, ...email.chart.days.map((d) => `${d.label}: ${"■".repeat(Math.min(d.value, 40))} ${d.value}`)]
    : [];
  const text = [
    ...email.paragraphs.flatMap((p) => [p, ""]),
    ...(chartText.length ? [...chartText, ""] : []),
    ...(email.action ? [`${email.action.label}: ${email.action.href}`, ""] : []),
    "--",
    email.unsubscribe.reason,
    `${t("notifications:email.unsubscribe")}: ${email.unsubscribe.href}`,
    `${t("notifications:email.managePreferences")}: ${email.unsubscribe.preferencesHref}`,
  ].join("\n");
  const footer = `<p style="font-size:12px;color:#6b7280">${escapeHtml(email.unsubscribe.reason)} <a href="${escapeHtml(email.unsubscribe.href)}">${escapeHtml(t("notifications:email.unsubscribe"))}</a> · <a href="${escapeHtml(email.unsubscribe.preferencesHref)}">${escapeHtml(t("notifications:email.managePreferences"))}</a></p>`;
  const html = layout(lang, email.paragraphs, email.action)
    .replace("<hr", `${email.chart ? chartHtml(email.chart) : ""}<hr`)
    .replace("</body>", `${footer}</body>`);
  return { subject: email.subject, text, html };
}
