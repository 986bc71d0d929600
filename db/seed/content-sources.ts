import type { ContentInput } from "../../app/modules/content/content.server";
import type { ContentSource } from "../../app/modules/content/document";

/** The public sources demo content cites (real publications; no invented citations). */
export const S = {
  whoBenefits: {
    title: "Tobacco: health benefits of smoking cessation",
    publisher: "World Health Organization",
    year: 2020,
    url: "https://www.who.int/news-room/questions-and-answers/item/tobacco-health-benefits-of-smoking-cessation",
  },
  whoTobacco: {
    title: "Tobacco fact sheet",
    publisher: "World Health Organization",
    year: 2023,
    url: "https://www.who.int/news-room/fact-sheets/detail/tobacco",
  },
  cdcBenefits: {
    title: "Benefits of Quitting",
    publisher: "Centers for Disease Control and Prevention",
    year: 2024,
    url: "https://www.cdc.gov/tobacco/about/benefits-of-quitting.html",
  },
  cdcPregnancy: {
    title: "Smoking During Pregnancy",
    publisher: "Centers for Disease Control and Prevention",
    year: 2024,
    url: "https://www.cdc.gov/tobacco-pregnancy/about/index.html",
  },
  nhsQuit: { title: "Quit smoking", publisher: "NHS", year: 2024, url: "https://www.nhs.uk/better-health/quit-smoking/" },
  nhsVaping: {
    title: "Using e-cigarettes to stop smoking",
    publisher: "NHS",
    year: 2024,
    url: "https://www.nhs.uk/live-well/quit-smoking/using-e-cigarettes-to-stop-smoking/",
  },
  nhsPregnancy: {
    title: "Stop smoking in pregnancy",
    publisher: "NHS",
    year: 2023,
    url: "https://www.nhs.uk/pregnancy/keeping-well/stop-smoking/",
  },
  smokefreeCravings: {
    title: "Manage Cravings",
    publisher: "National Cancer Institute, Smokefree.gov",
    year: 2024,
    url: "https://smokefree.gov/challenges-when-quitting/cravings-triggers/ways-manage-cravings",
  },
  smokefreeWithdrawal: {
    title: "Understanding Withdrawal",
    publisher: "National Cancer Institute, Smokefree.gov",
    year: 2024,
    url: "https://smokefree.gov/challenges-when-quitting/withdrawal/understanding-withdrawal",
  },
  smokefreeSlip: {
    title: "Slips and Relapse",
    publisher: "National Cancer Institute, Smokefree.gov",
    year: 2024,
    url: "https://smokefree.gov/stay-smokefree-good/slips-relapse",
  },
  smokefreeHelp: {
    title: "Help a Loved One Quit",
    publisher: "National Cancer Institute, Smokefree.gov",
    year: 2024,
    url: "https://smokefree.gov/help-others-quit/family-friends",
  },
  uspstf2008: {
    title: "Treating Tobacco Use and Dependence: 2008 Update (Clinical Practice Guideline)",
    publisher: "U.S. Public Health Service",
    year: 2008,
    url: "https://www.ncbi.nlm.nih.gov/books/NBK63952/",
  },
  cochraneNrt: {
    title: "Nicotine replacement therapy versus control for smoking cessation",
    publisher: "Cochrane Database of Systematic Reviews",
    year: 2018,
    url: "https://www.cochranelibrary.com/cdsr/doi/10.1002/14651858.CD000146.pub5/full",
  },
  cochraneVape: {
    title: "Electronic cigarettes for smoking cessation",
    publisher: "Cochrane Database of Systematic Reviews",
    year: 2024,
    url: "https://www.cochranelibrary.com/cdsr/doi/10.1002/14651858.CD010216.pub8/full",
  },
  cochraneNrtModes: {
    title: "Different doses, durations and modes of delivery of nicotine replacement therapy for smoking cessation",
    publisher: "Cochrane Database of Systematic Reviews",
    year: 2019,
    url: "https://www.cochranelibrary.com/cdsr/doi/10.1002/14651858.CD013308/full",
  },
  cochraneVarenicline: {
    title: "Nicotine receptor partial agonists for smoking cessation",
    publisher: "Cochrane Database of Systematic Reviews",
    year: 2023,
    url: "https://www.cochranelibrary.com/cdsr/doi/10.1002/14651858.CD006103.pub8/full",
  },
  russellStandard: {
    title: "Outcome criteria in smoking cessation trials: proposal for a common standard",
    publisher: "Addiction (West et al.)",
    year: 2005,
    url: "https://doi.org/10.1111/j.1360-0443.2004.00995.x",
  },
  srnt2003: {
    title: "Measures of abstinence in clinical trials: issues and recommendations",
    publisher: "Nicotine & Tobacco Research (Hughes et al.)",
    year: 2003,
    url: "https://doi.org/10.1080/1462220031000070552",
  },
} satisfies Record<string, ContentSource>;

export type Seed = Omit<ContentInput, "featured" | "authorName" | "medical"> & {
  featured?: boolean;
  authorName?: string;
  medical?: boolean;
  publishedDaysAgo?: number;
};

export const en = (slug: string, title: string, summary: string, markdown: string) => ({
  locale: "en" as const,
  slug,
  title,
  summary,
  markdown,
});
export const vi = (slug: string, title: string, summary: string, markdown: string) => ({
  locale: "vi" as const,
  slug,
  title,
  summary,
  markdown,
});

export const faq = (category: string, enQ: string, enA: string, viQ: string, viA: string, slug: string, viSlug: string): Seed => ({
  kind: "faq",
  topic: category,
  tags: [],
  sources: [],
  translations: [en(slug, enQ, "", enA), vi(viSlug, viQ, "", viA)],
});
