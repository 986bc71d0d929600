import { useTranslation } from "react-i18next";
import { ButtonForm } from "~/components/ui/form";

type QueueItem = { id: string; memberName: string; note: string; preferredLanguage: string; createdAt: string };

/** The coach workspace's queue of "ask for a personal coach" requests; `answer` is the page's last action answer. */
export function CaseloadQueue({
  waiting,
  mine,
  answer,
}: {
  waiting: QueueItem[];
  mine: QueueItem[];
  answer: { intent: string | null; ok: boolean } | undefined;
}) {
  const { t } = useTranslation("billing");
  return (
    <section className="mt-8" aria-labelledby="caseload-title">
      <h2 id="caseload-title" className="text-lg font-semibold">
        {t("coaching.queue.title")}
      </h2>
      {waiting.length === 0 ? <p className="mt-2 text-slate-700">{t("coaching.queue.empty")}</p> : null}
      <ul className="mt-2 space-y-3">
        {waiting.map((item) => (
          <li key={item.id} className="rounded-lg border border-slate-200 bg-white p-4">
            <p className="font-semibold">
              {item.memberName} · {t(`common:languages.${item.preferredLanguage === "vi" ? "vi" : "en"}`)}
            </p>
            <p className="mt-1 text-sm whitespace-pre-line text-slate-700">{item.note}</p>
            <p className="text-xs text-slate-600">{item.createdAt}</p>
            <ButtonForm answer={answer} intent="accept-request" values={{ requestId: item.id }} formClassName="mt-2">
              {t("coaching.queue.accept")}
            </ButtonForm>
          </li>
        ))}
      </ul>
      <h2 className="mt-6 text-lg font-semibold">{t("coaching.queue.mine")}</h2>
      {mine.length === 0 ? <p className="mt-2 text-slate-700">{t("coaching.queue.mineEmpty")}</p> : null}
      <ul className="mt-2 space-y-2">
        {mine.map((item) => (
          <li key={item.id} className="rounded-md border border-slate-200 bg-white p-3">
            <p className="font-medium">{item.memberName}</p>
            <p className="text-sm text-slate-700">{item.note}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
