import { BASIC_ENTITLEMENTS, BASIC_PACKAGE_SLUG } from "./entitlements";

/**
 * Basic is a real, published package row so the pricing page and admin list show it, but a member
 * on Basic has no subscription row: access falls back to BASIC_ENTITLEMENTS in code.
 */
export const BASIC_PACKAGE = {
  slug: BASIC_PACKAGE_SLUG,
  nameEn: "Basic",
  nameVi: "Cơ bản",
  descriptionEn: "Everything you need to quit: your plan, craving log, progress and the community. Free forever.",
  descriptionVi: "Mọi thứ bạn cần để cai: kế hoạch, nhật ký cơn thèm, tiến trình và cộng đồng. Miễn phí mãi mãi.",
  status: "published" as const,
  entitlements: { ...BASIC_ENTITLEMENTS, features: [] },
  termsVersion: 1,
  termsEn: "Basic is free. We never charge you for it.",
  termsVi: "Gói Cơ bản miễn phí. Chúng tôi không bao giờ thu phí gói này.",
  sortOrder: 0,
};
