import { Link, useRevalidator } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLiveEvent } from "~/components/realtime/live-stream";
import { ButtonForm } from "~/components/ui/form";

type Answer = { intent: string | null; ok: boolean };
type Handoff = {
  id: string;
  memberId: string;
  memberName: string;
  reason: "crisis" | "requested" | "low-ratings";
  categories: string[];
  when: string;
};

/** The members the AI coach handed over, above the caseload; refreshed live when a new one opens. */
export function HandoffList({ handoffs, answer }: { handoffs: Handoff[]; answer: Answer | undefined }) {
  const { t } = useTranslation("caseload");
  const revalidator = useRevalidator();
  useLiveEvent("handoff", () => revalidator.revalidate());
  if (handoffs.length === 0) return null;
  return (
    <section aria-labelledby="handoff-heading" className="rounded-xl border-2 border-red-300 bg-red-50 p-4" data-testid="handoffs">
      <h2 id="handoff-heading" className="font-semibold text-red-950">
        {t("handoffs.title")}
      </h2>
      <ul className="mt-2 space-y-2 text-sm">
        {handoffs.map((h) => (
          <li key={h.id} className="flex flex-wrap items-center gap-3">
            <Link to={`/coach/members/${h.memberId}`} className={`underline ${h.reason === "crisis" ? "font-semibold text-red-900" : ""}`}>
              {t(`handoffs.${h.reason}`, { name: h.memberName, when: h.when })}
            </Link>
            <ButtonForm answer={answer} intent="acknowledge-handoff" values={{ handoffId: h.id }} variant="link">
              {t("handoffs.acknowledge")}
            </ButtonForm>
          </li>
        ))}
      </ul>
    </section>
  );
}
