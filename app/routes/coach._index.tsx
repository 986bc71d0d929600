import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { db } from "#db/client.server";
import { activeMemberCount } from "~/modules/coaching/access.server";
import { requireRole } from "~/modules/identity/auth.server";

export const handle = { i18n: [] };

export const meta: MetaFunction = () => [{ title: "Coach workspace · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const coach = await requireRole(request, "coach");
  return { members: await activeMemberCount(db(), coach.id) };
}

export default function CoachHome() {
  const { t } = useTranslation();
  const { members } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1 className="text-2xl font-bold">{t("coach.title")}</h1>
      <p className="mt-2 text-slate-700">{t("coach.intro")}</p>
      <p className="mt-4">
        {t("coach.caseload")}: {members === 0 ? t("coach.noMembers") : members}
      </p>
      <p className="mt-4">
        <Link to="/coach/profile" className="font-semibold text-emerald-800 underline">
          {t("coach.profile")}
        </Link>
      </p>
    </section>
  );
}
