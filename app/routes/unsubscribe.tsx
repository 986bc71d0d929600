import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusButton } from "~/components/ui/button";
import { db } from "#db/client.server";
import { resolveLocale } from "~/lib/i18n";
import { unsubscribeSecret } from "~/modules/notifications/deliver.server";
import { applyResubscribe, applyUnsubscribe } from "~/modules/notifications/settings.server";
import { verifyUnsubscribeToken } from "~/modules/notifications/unsubscribe";

export const handle = { i18n: ["notifications"] };

export const meta: MetaFunction = () => [{ title: "Unsubscribe · QuitPath" }, { name: "robots", content: "noindex" }];
export const headers = () => ({ "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer" });

type Outcome =
  | { state: "done" | "locked" | "resubscribed"; kind: string; channel: string; token: string }
  | { state: "forged" | "expired" | "malformed" };

async function settleToken(token: string, resubscribe: boolean): Promise<Outcome> {
  const verified = verifyUnsubscribeToken(token, unsubscribeSecret(), new Date());
  if ("error" in verified) return { state: verified.error };
  if (resubscribe) {
    await applyResubscribe(db(), verified);
    return { state: "resubscribed", kind: verified.kind, channel: verified.channel, token };
  }
  const state = await applyUnsubscribe(db(), verified);
  return { state, kind: verified.kind, channel: verified.channel, token };
}

/** The link in every email: one click unsubscribes, no sign-in needed; a forged or expired token changes nothing. */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const outcome = await settleToken(token, false);
  return { outcome, locale: resolveLocale(request) };
}

/** RFC 8058 one-click (List-Unsubscribe-Post) from mail providers, and "Subscribe again" from this page. */
export async function action({ request }: ActionFunctionArgs) {
  const url = new URL(request.url);
  let form: FormData | null = null;
  try {
    form = await request.formData();
  } catch {
    form = null;
  }
  const fromForm = form?.get("token");
  const token = typeof fromForm === "string" ? fromForm : (url.searchParams.get("token") ?? "");
  const outcome = await settleToken(token, form?.get("intent") === "resubscribe");
  return new Response(JSON.stringify({ outcome }), {
    status: "kind" in outcome ? 200 : 400,
    headers: { "Content-Type": "application/json" },
  });
}

export default function UnsubscribePage() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const posted = useActionData<{ outcome: Outcome }>();
  const outcome = posted?.outcome ?? loaded.outcome;
  const title =
    outcome.state === "forged" || outcome.state === "malformed"
      ? t("notifications:unsubscribe.forgedTitle")
      : outcome.state === "expired"
        ? t("notifications:unsubscribe.expiredTitle")
        : outcome.state === "resubscribed"
          ? t("notifications:unsubscribe.resubscribedTitle")
          : outcome.state === "locked"
            ? t("notifications:unsubscribe.title")
            : t("notifications:unsubscribe.doneTitle");
  return (
    <section className="mx-auto max-w-xl space-y-4 px-4 py-12">
      <h1 className="text-2xl font-bold">{title}</h1>
      <p role="status">
        {outcome.state === "forged"
          ? t("notifications:unsubscribe.forged")
          : outcome.state === "expired"
            ? t("notifications:unsubscribe.expired")
            : outcome.state === "malformed"
              ? t("notifications:unsubscribe.malformed")
              : outcome.state === "locked"
                ? t("notifications:unsubscribe.locked")
                : outcome.state === "resubscribed"
                  ? t("notifications:unsubscribe.resubscribed", {
                      kind: t(`notifications:kinds.${outcome.kind}`),
                      channel: t(`notifications:channels.${outcome.channel}`),
                    })
                  : "kind" in outcome
                    ? t("notifications:unsubscribe.done", {
                        kind: t(`notifications:kinds.${outcome.kind}`),
                        channel: t(`notifications:channels.${outcome.channel}`),
                      })
                    : null}
      </p>
      {outcome.state === "done" ? (
        <Form method="post">
          <input type="hidden" name="token" value={outcome.token} />
          <StatusButton name="intent" value="resubscribe" variant="secondary">
            {t("notifications:unsubscribe.resubscribe")}
          </StatusButton>
        </Form>
      ) : null}
      <Link to="/app/notifications/preferences" className="inline-block font-semibold text-emerald-800 underline">
        {t("notifications:unsubscribe.managePreferences")}
      </Link>
    </section>
  );
}
