import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors, SelectField } from "~/components/ui/field";
import { StatusButton } from "~/components/ui/button";
import { useIntentForm } from "~/components/ui/form";
import { db } from "#db/client.server";
import { formatDate } from "~/lib/format";
import { resolveLocale } from "~/lib/i18n";
import { requireRole } from "~/modules/identity/auth.server";
import { peopleFilterSchema, ROLES } from "~/modules/identity/people";
import { searchPeople } from "~/modules/identity/people.server";

export const handle = { i18n: ["people"] };

export const meta: MetaFunction = () => [{ title: "Members · Administration · QuitPath" }];

const FILTERS = ["q", "role", "status", "plan", "coached", "from", "to"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const locale = resolveLocale(request, admin.locale);
  const url = new URL(request.url);
  const values = Object.fromEntries(FILTERS.map((name) => [name, url.searchParams.get(name) ?? ""]));
  const submission = parseWithZod(url.searchParams, { schema: peopleFilterSchema });
  if (submission.status !== "success") {
    // A bad filter is the admin's typo: the form again with the message, never a 500.
    return data(
      { values, answer: { intent: "filter" as const, ok: false, submission: submission.reply() }, people: [], next: null, paged: false },
      { status: 400 },
    );
  }
  const { people, next } = await searchPeople(db(), submission.value, admin.timeZone);
  const query = new URLSearchParams(Object.entries(values).filter(([, v]) => v !== ""));
  return {
    values,
    answer: undefined,
    paged: url.searchParams.has("after"),
    people: people.map((p) => ({ ...p, createdAt: formatDate(p.createdAt, locale, admin.timeZone), suspended: p.suspendedAt !== null })),
    next: next ? `?${new URLSearchParams([...query, ["after", next]])}` : null,
  };
}

export const headers = () => ({ "Cache-Control": "private, no-store" });

const th = "border-b border-slate-200 p-2";
const td = "border-b border-slate-100 p-2 align-top";

export default function AdminMembers() {
  const { t } = useTranslation("people");
  const data = useLoaderData<typeof loader>();
  const [form, fields] = useIntentForm({ answer: data.answer, intent: "filter", schema: peopleFilterSchema, defaultValue: data.values });
  const any = { value: "", label: t("list.any") };
  const navigation = useNavigation();
  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">{t("list.title")}</h1>
        <p className="mt-1 text-slate-700">{t("list.intro")}</p>
      </div>
      <Form
        method="get"
        {...getFormProps(form)}
        className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4"
      >
        <Field field={fields.q} type="search" label={t("list.search")} className="sm:col-span-2" />
        <SelectField
          field={fields.role}
          label={t("list.role")}
          options={[any, ...ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))]}
        />
        <SelectField
          field={fields.status}
          label={t("list.status")}
          options={[any, { value: "active", label: t("status.active") }, { value: "suspended", label: t("status.suspended") }]}
        />
        <SelectField
          field={fields.plan}
          label={t("list.plan")}
          options={[any, { value: "premium", label: t("plan.premium") }, { value: "basic", label: t("plan.basic") }]}
        />
        <SelectField
          field={fields.coached}
          label={t("list.coached")}
          options={[any, { value: "yes", label: t("coached.yes") }, { value: "no", label: t("coached.no") }]}
        />
        <Field field={fields.from} type="date" label={t("list.from")} />
        <Field field={fields.to} type="date" label={t("list.to")} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="flex items-end gap-3 sm:col-span-2 lg:col-span-4">
          <StatusButton type="submit" pending={navigation.state === "loading" && navigation.location.pathname === "/admin/members"}>
            {t("list.apply")}
          </StatusButton>
          <Link to="/admin/members" className="text-sm text-emerald-800 underline">
            {t("list.reset")}
          </Link>
        </div>
      </Form>

      {data.people.length === 0 ? (
        <p className="text-slate-700">{t("list.none")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full bg-white text-left text-sm">
            <caption className="sr-only">{t("list.count", { count: data.people.length })}</caption>
            <thead>
              <tr>
                <th scope="col" className={th}>
                  {t("list.person")}
                </th>
                <th scope="col" className={th}>
                  {t("list.role")}
                </th>
                <th scope="col" className={th}>
                  {t("list.plan")}
                </th>
                <th scope="col" className={th}>
                  {t("list.status")}
                </th>
                <th scope="col" className={th}>
                  {t("list.signedUp")}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.people.map((person) => (
                <tr key={person.id}>
                  <td className={td}>
                    <Link to={`/admin/members/${person.id}`} className="font-medium text-emerald-800 underline">
                      {person.displayName}
                    </Link>
                    <span className="block text-slate-600">{person.email}</span>
                  </td>
                  <td className={td}>{t(`roles.${person.role}`)}</td>
                  <td className={td}>
                    {person.premium ? t("plan.premium") : t("plan.basic")}
                    {person.coached ? <span className="block text-slate-600">{t("coached.yes")}</span> : null}
                  </td>
                  <td className={td}>
                    {person.suspended ? <span className="font-semibold text-red-800">{t("status.suspended")}</span> : t("status.active")}
                  </td>
                  <td className={td}>{person.createdAt}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="flex gap-4 text-sm" aria-label={t("list.title")}>
        {data.paged ? (
          <Link to="/admin/members" className="text-emerald-800 underline">
            {t("list.first")}
          </Link>
        ) : null}
        {data.next ? (
          <Link to={data.next} className="text-emerald-800 underline">
            {t("list.more")}
          </Link>
        ) : null}
      </nav>
    </section>
  );
}
