import { useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** True while the page's form with this intent (and, for one row of many, these hidden values) is being submitted. */
export function useIsSubmitting(intentName?: string, values: Record<string, string> = {}): boolean {
  const navigation = useNavigation();
  if (navigation.state !== "submitting") return false;
  const sent = navigation.formData;
  if (intentName && sent?.get("intent") !== intentName) return false;
  return Object.entries(values).every(([name, value]) => sent?.get(name) === value);
}

export function SuccessMessage({ messageKey, values }: { messageKey: string | null | undefined; values?: Record<string, unknown> }) {
  const { t } = useTranslation();
  if (!messageKey) return null;
  return (
    <p role="status" className="rounded-md border border-emerald-700 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
      {t(messageKey, values)}
    </p>
  );
}
