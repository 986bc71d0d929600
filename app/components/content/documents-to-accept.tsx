import { useTranslation } from "react-i18next";
import { ButtonForm } from "~/components/ui/form";

export type PendingDocument = { document: "terms" | "privacy"; version: number; path: string };
type Answer = { intent: "accept-documents" | null; ok: boolean };

/** A new version of the terms or the privacy notice, shown to a member until they accept it (then never again). */
export function DocumentsToAccept({
  pending,
  redirectTo,
  answer,
}: {
  pending: readonly PendingDocument[];
  redirectTo: string;
  answer?: Answer;
}) {
  const { t } = useTranslation("common");
  if (pending.length === 0) return null;
  return (
    <section aria-labelledby="documents-heading" className="mb-6 rounded-xl border border-amber-300 bg-amber-50 p-4">
      <h2 id="documents-heading" className="font-semibold text-slate-900">
        {t("common:documents.changedTitle")}
      </h2>
      <p className="mt-1 text-slate-800">{t("common:documents.changed")}</p>
      <ul className="mt-2 list-disc pl-6">
        {pending.map((d) => (
          <li key={d.document}>
            <a href={d.path} target="_blank" rel="noopener" className="text-emerald-800 underline">
              {t(`common:documents.${d.document}`)}
            </a>{" "}
            ({t("common:documents.version", { version: d.version })})
          </li>
        ))}
      </ul>
      <ButtonForm
        answer={answer}
        intent="accept-documents"
        action="/app/terms"
        values={{ redirectTo, ...Object.fromEntries(pending.map((d) => [d.document, String(d.version)])) }}
        formClassName="mt-3"
      >
        {t("common:documents.accept")}
      </ButtonForm>
    </section>
  );
}
