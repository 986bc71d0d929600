import { type MetaFunction } from "@remix-run/node";
import { useTranslation } from "react-i18next";

export const meta: MetaFunction = () => [{ title: "Coach workspace · QuitPath" }];

export default function CoachHome() {
  const { t } = useTranslation();
  return (
    <section>
      <h1 className="text-2xl font-bold">{t("coach.title")}</h1>
      <p className="mt-2 text-slate-700">{t("coach.intro")}</p>
    </section>
  );
}
