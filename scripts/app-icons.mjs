// Draws the home-screen icons from the favicon's mark; run once after changing it (`node scripts/app-icons.mjs`), commit the PNGs.
import { Buffer } from "node:buffer";
import sharp from "sharp";

const mark = (size, inset) => {
  const scale = (size * (1 - 2 * inset)) / 32;
  const offset = size * inset;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">
  <g transform="translate(${offset} ${offset}) scale(${scale})"><path d="M9 17l5 5 9-11" stroke="#fff" stroke-width="3.5" fill="none" stroke-linecap="round" stroke-linejoin="round"/></g></svg>`;
};

// "any" icons are a circle on transparency; the maskable one fills the square and keeps the mark inside the 80% safe zone.
const anyIcon = (size) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15" fill="#047857"/><path d="M9 17l5 5 9-11" stroke="#fff" stroke-width="3.5" fill="none" stroke-linecap="round" stroke-linejoin="round"/></svg>`;
const maskable = (size) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><rect width="${size}" height="${size}" fill="#047857"/></svg>`;

for (const size of [192, 512]) {
  await sharp(Buffer.from(anyIcon(size)))
    .png()
    .toFile(`public/icons/icon-${size}.png`);
}
await sharp(Buffer.from(maskable(512)))
  .composite([{ input: Buffer.from(mark(512, 0.25)) }])
  .png()
  .toFile("public/icons/maskable-512.png");
