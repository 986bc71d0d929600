import { z } from "zod";

/** A crisis contact shown with the fixed crisis message: for one country ("VN") or everywhere ("*"). */
export type CrisisResource = { country: string; label: { en: string; vi: string } | string; contact: string };

/** Defaults when AI_CRISIS_RESOURCES is unset: Vietnam's emergency numbers and a crisis line, then international ones. */
export const DEFAULT_CRISIS_RESOURCES: readonly CrisisResource[] = [
  { country: "VN", label: { en: "Ambulance (Vietnam)", vi: "Cấp cứu y tế" }, contact: "115" },
  { country: "VN", label: { en: "Police (Vietnam)", vi: "Công an" }, contact: "113" },
  {
    country: "VN",
    label: { en: "Ngày Mai mental-health hotline", vi: "Đường dây nóng Ngày Mai (sức khỏe tinh thần)" },
    contact: "096 306 1414",
  },
  { country: "VN", label: { en: "Child protection hotline (Vietnam)", vi: "Tổng đài bảo vệ trẻ em" }, contact: "111" },
  {
    country: "*",
    label: { en: "Emergency from any mobile phone in many countries", vi: "Cấp cứu từ điện thoại di động ở nhiều nước" },
    contact: "112",
  },
  {
    country: "*",
    label: { en: "Crisis lines worldwide", vi: "Đường dây hỗ trợ khủng hoảng trên thế giới" },
    contact: "https://findahelpline.com",
  },
];

const resourceSchema = z.array(
  z.object({
    country: z.string().min(1).max(3),
    label: z.union([z.string().min(1), z.object({ en: z.string().min(1), vi: z.string().min(1) })]),
    contact: z.string().min(1).max(200),
  }),
);

/** The configured contacts (JSON in AI_CRISIS_RESOURCES), or the defaults when unset or unreadable. */
export function crisisResources(configured: string | undefined): readonly CrisisResource[] {
  if (!configured) return DEFAULT_CRISIS_RESOURCES;
  try {
    const parsed = resourceSchema.safeParse(JSON.parse(configured));
    return parsed.success && parsed.data.length > 0 ? parsed.data : DEFAULT_CRISIS_RESOURCES;
  } catch {
    return DEFAULT_CRISIS_RESOURCES;
  }
}

/** The member's country's contacts first, then the international ones. */
export function resourcesFor(
  all: readonly CrisisResource[],
  country: string | null,
  locale: "en" | "vi",
): { label: string; contact: string }[] {
  const local = all.filter((r) => country && r.country.toUpperCase() === country.toUpperCase());
  const everywhere = all.filter((r) => r.country === "*");
  const picked = local.length > 0 ? [...local, ...everywhere] : [...all.filter((r) => r.country === "VN"), ...everywhere];
  return picked.map((r) => ({ label: typeof r.label === "string" ? r.label : r.label[locale], contact: r.contact }));
}
