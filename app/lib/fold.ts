/** Text compared the way people type it: one folding for every search (community, people, knowledge hub). */

/** Lower case without diacritics: "Cai THUỐC lá" → "cai thuoc la", "Đường" → "duong". */
export function foldAccents(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase();
}
