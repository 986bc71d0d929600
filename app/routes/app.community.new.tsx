import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PostForm } from "~/components/community/post-form";
import { createPostAction } from "~/modules/community/post-actions.server";
import { headersKeepingParent } from "~/lib/http";
import { requireUser } from "~/modules/identity/auth.server";

export const meta: MetaFunction = () => [{ title: "Write a post · QuitPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export const action = createPostAction;
export const headers = headersKeepingParent;

export default function NewPostPage() {
  const { t } = useTranslation("community");
  const actionData = useActionData<typeof action>();
  const lastResult = actionData && !actionData.ok ? actionData.submission : undefined;
  return (
    <section className="mx-auto max-w-2xl space-y-6">
      <Link to="/app/community" className="text-sm text-emerald-800 underline">
        ← {t("feed.title")}
      </Link>
      <h1 className="text-2xl font-bold">{t("post.write")}</h1>
      <PostForm
        intent="create-post"
        submitLabel={t("post.submit")}
        lastResult={lastResult}
        defaults={{ kind: "post", text: "", tags: [], imageIds: [], anonymous: false, publicConsent: false }}
      />
    </section>
  );
}
