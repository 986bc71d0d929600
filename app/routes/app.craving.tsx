import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ButtonForm } from "~/components/ui/form";
import { SuccessMessage } from "~/components/ui/form-status";
import { intent, typedAction } from "~/lib/typed-action";
import { db } from "#db/client.server";
import { requireMemberDay, requireUser } from "~/modules/identity/auth.server";
import { cravingLogSchema, optionalClientId } from "~/modules/journey/profile";
import { cachedJourneyState } from "~/modules/journey/journey-cache.server";
import { logCraving } from "~/modules/journey/logs.server";
import { onboardingRedirect } from "~/modules/journey/state.server";

export const handle = { i18n: ["journey", "phoneApp"] };

export const meta: MetaFunction = () => [{ title: "Craving help · QuitPath" }];

const TIMER_SECONDS = 180;
const BREATH_SECONDS = 4;

/** The "craving now" screen (home-screen shortcut, notification): saved for offline use by the service worker. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const state = await cachedJourneyState(db(), user);
  const to = onboardingRedirect(state);
  if (to) throw redirect(to);
  return {
    strategies: state.plan?.copingStrategies.map((c) => c.strategyKey).filter((key, i, all) => all.indexOf(key) === i) ?? [],
    reasons: state.plan?.reasons ?? [],
  };
}

export const action = typedAction({
  guard: ({ request }) => requireMemberDay(request),
  intents: ({ user, today }) => ({
    "log-craving": intent(cravingLogSchema(today).extend({ clientId: optionalClientId }), async (input) => {
      await logCraving(db(), user.id, input);
      return { messageKey: input.resisted ? "phoneApp:craving.savedResisted" : "phoneApp:craving.savedSmoked" };
    }),
  }),
});

function BreathingTimer() {
  const { t } = useTranslation("phoneApp");
  const [left, setLeft] = useState<number | null>(null);
  useEffect(() => {
    if (left === null || left <= 0) return;
    const tick = setTimeout(() => setLeft(left - 1), 1000);
    return () => clearTimeout(tick);
  }, [left]);
  if (left === null)
    return (
      <button
        type="button"
        onClick={() => setLeft(TIMER_SECONDS)}
        className="min-h-11 rounded-md bg-emerald-700 px-5 py-3 font-semibold text-white"
      >
        {t("craving.start")}
      </button>
    );
  if (left <= 0) return <p className="text-lg font-semibold text-emerald-900">{t("craving.done")}</p>;
  const inhaling = Math.floor((TIMER_SECONDS - left) / BREATH_SECONDS) % 2 === 0;
  const time = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
  return (
    <div className="flex flex-col items-center gap-4">
      <div
        aria-hidden="true"
        className={`size-40 rounded-full bg-emerald-200 motion-safe:transition-transform motion-safe:duration-[4000ms] motion-safe:ease-in-out ${inhaling ? "scale-100" : "scale-75"}`}
      />
      <p aria-live="polite" className="text-xl font-semibold">
        {inhaling ? t("craving.breatheIn") : t("craving.breatheOut")}
      </p>
      <p className="tabular-nums text-slate-700">{t("craving.remaining", { time })}</p>
    </div>
  );
}

export default function CravingNow() {
  const { t } = useTranslation(["phoneApp", "journey"]);
  const { strategies, reasons } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [intensity, setIntensity] = useState(5);
  return (
    <div className="mx-auto max-w-xl space-y-8">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{t("craving.title")}</h1>
        <p className="text-slate-700">{t("craving.intro")}</p>
      </header>
      <SuccessMessage messageKey={answer?.ok ? answer.result.messageKey : null} />
      <section className="flex justify-center rounded-xl border border-emerald-200 bg-white p-6">
        <BreathingTimer />
      </section>
      <section aria-labelledby="craving-log-heading" className="space-y-3">
        <h2 id="craving-log-heading" className="text-lg font-semibold">
          {t("journey:log.intensity")}
        </h2>
        <div role="group" aria-labelledby="craving-log-heading" className="flex flex-wrap gap-2">
          {Array.from({ length: 10 }, (_, i) => i + 1).map((n) => (
            <button
              key={n}
              type="button"
              aria-pressed={n === intensity}
              onClick={() => setIntensity(n)}
              className="size-11 rounded-md border border-slate-300 font-semibold aria-pressed:border-emerald-700 aria-pressed:bg-emerald-700 aria-pressed:text-white"
            >
              {n}
            </button>
          ))}
        </div>
        <div className="flex flex-wrap gap-3">
          <ButtonForm answer={answer} intent="log-craving" values={{ intensity: String(intensity), resisted: "on" }} className="min-h-11">
            {t("craving.resisted")}
          </ButtonForm>
          <ButtonForm
            answer={answer}
            intent="log-craving"
            values={{ intensity: String(intensity), resisted: "false" }}
            variant="secondary"
            className="min-h-11"
          >
            {t("craving.smoked")}
          </ButtonForm>
        </div>
      </section>
      <section aria-labelledby="craving-strategies-heading" className="space-y-2">
        <h2 id="craving-strategies-heading" className="text-lg font-semibold">
          {t("craving.strategiesTitle")}
        </h2>
        {strategies.length === 0 ? (
          <p className="text-slate-700">{t("craving.noStrategies")}</p>
        ) : (
          <ul className="space-y-2">
            {strategies.map((key) => (
              <li key={key}>
                <strong>{t(`journey:strategies.${key}.title`)}</strong> — {t(`journey:strategies.${key}.description`)}
              </li>
            ))}
          </ul>
        )}
      </section>
      {reasons.length > 0 ? (
        <section aria-labelledby="craving-reasons-heading" className="space-y-2">
          <h2 id="craving-reasons-heading" className="text-lg font-semibold">
            {t("craving.reasonsTitle")}
          </h2>
          <ul className="list-disc pl-6">
            {reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <Link to="/app" className="inline-flex min-h-11 items-center font-semibold text-emerald-800 underline">
        {t("craving.back")}
      </Link>
    </div>
  );
}
