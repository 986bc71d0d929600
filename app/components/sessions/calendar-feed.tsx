import { useTranslation } from "react-i18next";
import { ButtonForm } from "~/components/ui/form";

type Answer = { intent: string | null; ok: boolean; result?: unknown };

/** The private calendar feed: create (or replace) and turn off; the address is shown once, right after it is made. */
export function CalendarFeed<A extends Answer>({
  answer,
  activeSince,
  createdUrl,
}: {
  answer: A | undefined;
  activeSince: string | null;
  createdUrl: string | null;
}) {
  const { t } = useTranslation();
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-4">
      <h2 className="text-lg font-semibold">{t("sessions:feed.title")}</h2>
      <p className="mt-1 text-sm text-slate-700">{t("sessions:feed.intro")}</p>
      {createdUrl ? (
        <p className="mt-2 text-sm">
          {t("sessions:feed.created")} <code className="break-all">{createdUrl}</code>
        </p>
      ) : (
        <p className="mt-2 text-sm">{activeSince ? t("sessions:feed.active", { date: activeSince }) : t("sessions:feed.none")}</p>
      )}
      <div className="mt-3 flex flex-wrap gap-2">
        <ButtonForm answer={answer as never} intent={"create-feed" as never} variant="secondary">
          {activeSince ? t("sessions:feed.rotate") : t("sessions:feed.create")}
        </ButtonForm>
        {activeSince ? (
          <ButtonForm answer={answer as never} intent={"revoke-feed" as never} variant="secondary">
            {t("sessions:feed.revoke")}
          </ButtonForm>
        ) : null}
      </div>
    </section>
  );
}
