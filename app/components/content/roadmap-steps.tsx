import { useFetcher } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ButtonForm } from "~/components/ui/form";

type Answer = { intent: "tick-step" | "helpful" | null; ok: boolean };

/** "3 of 7 done" above a roadmap's steps; a visitor is invited to sign in to keep progress. */
export function RoadmapProgress({ roadmap }: { roadmap: { signedIn: boolean; done: number; total: number } }) {
  const { t } = useTranslation("content");
  if (!roadmap.signedIn) {
    return (
      <p className="rounded-lg bg-slate-100 p-4 text-sm text-slate-800">
        <a href="/login" className="text-emerald-800 underline">
          {t("content:roadmap.signInToTrack")}
        </a>
      </p>
    );
  }
  const { done } = roadmap;
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-4">
      <p id="roadmap-progress" className="font-semibold" role="status">
        {t("content:roadmap.progress", { done, total: roadmap.total })}
      </p>
      <progress
        aria-labelledby="roadmap-progress"
        aria-label={t("content:roadmap.progressLabel")}
        className="mt-2 h-2 w-full accent-emerald-700"
        max={roadmap.total}
        value={done}
      />
    </div>
  );
}

/**
 * One step's tick-off button. Without JavaScript it posts the page's form and the page comes back
 * ticked; with it a fetcher posts it and the step shows its new state while the save is on its way.
 */
export function RoadmapStepTick({ step, done, answer }: { step: string; done: boolean; answer: Answer | undefined }) {
  const { t } = useTranslation("content");
  const fetcher = useFetcher<Answer>();
  const pending = fetcher.formData?.get("step") === step ? fetcher.formData.get("done") === "yes" : null;
  const shownDone = pending ?? done;
  return (
    <div className="mt-3 flex items-center gap-3">
      {shownDone ? (
        <span className="text-sm font-semibold text-emerald-800" aria-hidden="true">
          ✓ {t("content:roadmap.stepDone")}
        </span>
      ) : null}
      <ButtonForm
        answer={(fetcher.data as Answer | undefined) ?? answer}
        intent="tick-step"
        values={{ step, done: shownDone ? "no" : "yes" }}
        fetcher={fetcher}
        variant={shownDone ? "link" : "secondary"}
        pendingLabel={t("content:roadmap.saving")}
      >
        {shownDone ? t("content:roadmap.markNotDone") : t("content:roadmap.markDone")}
      </ButtonForm>
    </div>
  );
}
