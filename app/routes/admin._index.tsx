import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { db } from "#db/client.server";
import { requireRole } from "~/modules/identity/auth.server";
import { countPeopleByRole } from "~/modules/identity/people.server";

export const meta: MetaFunction = () => [{ title: "Administration · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return { people: await countPeopleByRole(db()) };
}

export default function AdminHome() {
  const { t } = useTranslation();
  const { people } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1 className="text-2xl font-bold">{t("admin.title")}</h1>
      <p className="mt-2 text-slate-700">{t("admin.intro")}</p>
      <h2 className="mt-6 text-lg font-semibold">{t("admin.users")}</h2>
      <dl className="mt-2 grid grid-cols-3 gap-4">
        {people.map((row) => (
          <div key={row.role} className="rounded-lg border border-slate-200 bg-white p-4">
            <dt className="text-sm text-slate-700">{t(`roles.${row.role}`)}</dt>
            <dd className="text-2xl font-bold">{row.count}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
