import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/modules/identity/auth.server";

export const meta: MetaFunction = () => [{ title: "Your journey · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { displayName: user.displayName };
}

export default function MemberHome() {
  const { t } = useTranslation();
  const { displayName } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1 className="text-2xl font-bold">{t("member.welcome", { name: displayName })}</h1>
      <p className="mt-2 text-slate-700">{t("member.intro")}</p>
    </section>
  );
}
