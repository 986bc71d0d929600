import { type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "~/lib/format";
import type { AppLocale } from "~/lib/i18n";

export type CoachCardView = {
  coachId: string;
  displayName: string;
  headline: string;
  photoUrl: string | null;
  bio: { text: string; lang: string } | null;
  languages: string[];
  specialties: string[];
  yearsExperience: number;
  answerHours: number | null;
  /** The Bayesian average, formatted, and how many ratings it rests on; null until someone rates. */
  rating: { average: string; count: number } | null;
};

/** A coach's rating as the card shows it (the loader formats it in the reader's language). */
export function ratingView(rating: { average: number | null; count: number } | undefined, locale: AppLocale): CoachCardView["rating"] {
  if (!rating || rating.average === null || rating.count === 0) return null;
  return { average: formatNumber(rating.average, locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }), count: rating.count };
}

/** One coach in the directory: who they are, what they know, how fast they answer; `children` is the choose button. */
export function CoachCard({ coach, children }: { coach: CoachCardView; children?: ReactNode }) {
  const { t } = useTranslation("coaching");
  const titleId = `coach-${coach.coachId}`;
  return (
    <article className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-5" aria-labelledby={titleId}>
      <div className="flex items-center gap-4">
        {coach.photoUrl ? (
          <img src={coach.photoUrl} alt="" width={72} height={72} className="h-18 w-18 rounded-full object-cover" loading="lazy" />
        ) : (
          <span aria-hidden="true" className="flex h-18 w-18 items-center justify-center rounded-full bg-emerald-100 text-2xl font-bold">
            {coach.displayName.slice(0, 1)}
          </span>
        )}
        <div>
          <h2 id={titleId} className="text-lg font-bold">
            {coach.displayName}
          </h2>
          <p className="text-sm text-slate-700">{coach.headline}</p>
        </div>
      </div>
      {coach.bio ? (
        <p lang={coach.bio.lang} className="text-sm whitespace-pre-line text-slate-800">
          {coach.bio.text}
        </p>
      ) : null}
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="font-semibold">{t("card.languages")}</dt>
        <dd>{coach.languages.map((l) => t(`common:languages.${l}`)).join(", ")}</dd>
        {coach.specialties.length > 0 ? (
          <>
            <dt className="font-semibold">{t("card.specialties")}</dt>
            <dd>{coach.specialties.map((s) => t(`specialties.${s}`)).join(", ")}</dd>
          </>
        ) : null}
        <dt className="font-semibold">{t("card.experience")}</dt>
        <dd>{t("card.years", { count: coach.yearsExperience })}</dd>
        <dt className="font-semibold">{t("card.availability")}</dt>
        <dd>{coach.answerHours === null ? t("card.newCoach") : t("card.answersWithin", { count: coach.answerHours })}</dd>
        <dt className="font-semibold">{t("card.rating")}</dt>
        <dd>{coach.rating ? t("card.rated", { average: coach.rating.average, count: coach.rating.count }) : t("card.notYetRated")}</dd>
      </dl>
      {children}
    </article>
  );
}
