import sharp from "sharp";
import type { AppLocale } from "~/lib/i18n";
import en from "~/locales/en/badges";
import vi from "~/locales/vi/badges";
import { badgeIcons, type BadgeIconName } from "./icons";

export const SHARE_CARD_WIDTH = 1200;
export const SHARE_CARD_HEIGHT = 630;

export type ShareCard = {
  badgeName: string;
  milestone: string;
  /** null when the member shares anonymously. */
  memberName: string | null;
  locale: AppLocale;
  icon?: BadgeIconName;
};

const cardTexts = { en: en.shareCard, vi: vi.shareCard };
const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Every member-supplied or translated value placed into the SVG passes through here. */
export function escapeXml(value: string): string {
  // XML 1.0 forbids control characters other than tab and newlines; librsvg rejects the whole card.
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, "").replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

/** Cuts text that would run off the card, on a character boundary (not inside a surrogate pair). */
function fit(text: string, maxChars: number): string {
  const chars = Array.from(text.trim());
  return chars.length <= maxChars
    ? chars.join("")
    : `${chars
        .slice(0, maxChars - 1)
        .join("")
        .trimEnd()}…`;
}

/** Breaks text into at most `maxLines` lines of about `maxChars`, ellipsing what does not fit. */
function wrap(text: string, maxChars: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.trim().split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (Array.from(candidate).length <= maxChars || !line) {
      line = candidate;
      continue;
    }
    lines.push(line);
    line = word;
  }
  if (line) lines.push(line);
  const kept = lines.slice(0, maxLines).map((l) => fit(l, maxChars));
  if (lines.length > maxLines) kept[maxLines - 1] = fit(`${kept[maxLines - 1]} …`, maxChars);
  return kept;
}

const FONT = "DejaVu Sans, Noto Sans, Liberation Sans, Arial, sans-serif";

/** The Open Graph card (1200×630) for a shared badge, as SVG. */
export function renderShareCardSvg(card: ShareCard): string {
  const text = cardTexts[card.locale];
  const who = escapeXml(fit(card.memberName?.trim() || text.anonymousMember, 30));
  const badgeLines = wrap(card.badgeName, 22, 2).map(escapeXml);
  const milestone = escapeXml(fit(card.milestone, 34));
  const icon = badgeIcons[card.icon ?? "trophy"];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SHARE_CARD_WIDTH}" height="${SHARE_CARD_HEIGHT}" viewBox="0 0 ${SHARE_CARD_WIDTH} ${SHARE_CARD_HEIGHT}" lang="${card.locale}">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#ecfdf5"/><stop offset="1" stop-color="#d1fae5"/></linearGradient>
  </defs>
  <rect width="1200" height="630" fill="url(#bg)"/>
  <circle cx="270" cy="300" r="170" fill="#047857"/>
  <circle cx="270" cy="300" r="150" fill="none" stroke="#a7f3d0" stroke-width="6"/>
  <g transform="translate(150 180) scale(10)" fill="none" stroke="#ffffff" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"><path d="${icon}"/></g>
  <text x="480" y="170" font-family="${FONT}" font-size="36" fill="#065f46">${who}</text>
  <text x="480" y="220" font-family="${FONT}" font-size="28" fill="#047857">${escapeXml(text.earned)}</text>
  ${badgeLines.map((line, i) => `<text x="480" y="${300 + i * 60}" font-family="${FONT}" font-size="48" font-weight="bold" fill="#064e3b">${line}</text>`).join("\n  ")}
  <text x="480" y="${300 + badgeLines.length * 60 + 30}" font-family="${FONT}" font-size="34" fill="#065f46">${milestone}</text>
  <text x="60" y="580" font-family="${FONT}" font-size="28" fill="#047857">${escapeXml(text.footer)}</text>
</svg>`;
}

/** The same card as a PNG, for og:image (chat apps do not unfurl SVG). */
export async function renderShareCardPng(card: ShareCard): Promise<Buffer> {
  return sharp(Buffer.from(renderShareCardSvg(card)))
    .png({ compressionLevel: 9 })
    .toBuffer();
}
