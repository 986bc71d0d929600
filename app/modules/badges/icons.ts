/** Badge icons as stroke paths on a 24×24 grid, drawn the same in the app and on share cards. */
export const badgeIcons = {
  sunrise: "M3 18h18 M7 18a5 5 0 0 1 10 0 M12 4v4 M4.9 10.9l1.4 1.4 M19.1 10.9l-1.4 1.4",
  calendar: "M4 6h16v14H4z M4 10h16 M8 3v4 M16 3v4",
  leaf: "M5 19C5 10 10 5 20 4c-1 10-6 15-15 15z M5 19l8-8",
  shield: "M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z",
  trophy: "M8 4h8v5a4 4 0 0 1-8 0z M8 6H5a3 3 0 0 0 3 4 M16 6h3a3 3 0 0 1-3 4 M12 13v4 M8 20h8 M9 17h6",
  coins: "M12 3a9 9 0 1 0 .01 0z M12 6v12 M15 9c0-1.2-1.3-2-3-2s-3 .8-3 2 1.3 1.8 3 2.5 3 1.3 3 2.5-1.3 2-3 2-3-.8-3-2",
  flame: "M12 21c-4 0-7-3-7-7 0-4 4-6 4-10 3 2 4 4 4 6 1-1 2-2 2-4 2 2 4 5 4 8 0 4-3 7-7 7z",
  "check-circle": "M12 3a9 9 0 1 0 .01 0z M8 12l3 3 5-6",
  steps: "M4 20h4v-4h4v-4h4V8h4",
  flag: "M5 21V4 M5 4h11l-2 4 2 4H5",
  message: "M4 5h16v11H9l-5 4z",
  heart: "M12 20s-8-5-8-11a4.5 4.5 0 0 1 8-2.8A4.5 4.5 0 0 1 20 9c0 6-8 11-8 11z",
} as const;

export type BadgeIconName = keyof typeof badgeIcons;

export const badgeIconNames = Object.keys(badgeIcons) as [BadgeIconName, ...BadgeIconName[]];

export function isBadgeIconName(value: string): value is BadgeIconName {
  return Object.hasOwn(badgeIcons, value);
}
