import { useTranslation } from "react-i18next";
import { HONEYPOT_FIELD } from "~/lib/typed-action";

/** A field only bots fill in; hidden from people and assistive technology. */
export function Honeypot() {
  const { t } = useTranslation();
  return (
    <div aria-hidden="true" className="absolute -left-[9999px] h-px w-px overflow-hidden">
      <label htmlFor={HONEYPOT_FIELD}>{t("auth:fields.honeypot")}</label>
      <input id={HONEYPOT_FIELD} name={HONEYPOT_FIELD} type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  );
}
