import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DocumentsToAccept } from "~/components/content/documents-to-accept";
import { FormErrors } from "~/components/ui/field";
import { db } from "#db/client.server";
import { safeRedirectPath } from "~/lib/http";
import { resolveLocale } from "~/lib/i18n";
import { intent, typedAction } from "~/lib/typed-action";
import { acceptDocumentsSchema } from "~/modules/content/acceptance";
import { acceptDocuments, documentsToAccept } from "~/modules/content/acceptance.server";
import { CONTENT_LOCALE_PREFIX } from "~/modules/content/paths";
import { requireUser } from "~/modules/identity/auth.server";

export const handle = { i18n: ["common"] };

export const meta: MetaFunction = () => [{ title: "QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const prefix = CONTENT_LOCALE_PREFIX[resolveLocale(request, user.locale)];
  const pending = await documentsToAccept(db(), user.id);
  return { pending: pending.map((d) => ({ ...d, path: `${prefix}/${d.document}` })) };
}

export const action = typedAction({
  guard: async ({ request }) => ({ user: await requireUser(request) }),
  intents: ({ user }) => ({
    "accept-documents": intent(acceptDocumentsSchema, async (input) => {
      await acceptDocuments(db(), user.id, { terms: input.terms, privacy: input.privacy }, { everyCurrent: false });
      return redirect(safeRedirectPath(input.redirectTo, "/app"));
    }),
  }),
});

/** Where the banner leads without JavaScript when an acceptance fails (the text changed again meanwhile). */
export default function TermsToAcceptPage() {
  const { pending } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useTranslation("common");
  const errors = answer && !answer.ok && "submission" in answer ? Object.values(answer.submission.error ?? {}).flat() : [];
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">{t("common:documents.reviewTitle")}</h1>
      <FormErrors id="accept-documents-errors" errors={errors} />
      {pending.length === 0 ? <p role="status">{t("common:documents.allAccepted")}</p> : null}
      <DocumentsToAccept pending={pending} redirectTo="/app" />
    </div>
  );
}
