import { getFixedT, type AppLocale } from "~/lib/i18n";

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
