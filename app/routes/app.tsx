import { type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData, useLocation } from "@remix-run/react";
import { DocumentsToAccept } from "~/components/content/documents-to-accept";
import { PhoneApp } from "~/components/phone-app/phone-app";
import { db } from "#db/client.server";
import { resolveLocale } from "~/lib/i18n";
import { rememberedDocumentsToAccept } from "~/modules/content/acceptance.server";
import { CONTENT_LOCALE_PREFIX } from "~/modules/content/paths";
import { requireUser } from "~/modules/identity/auth.server";
import { memberCacheKey } from "~/modules/phone-app/member-key.server";

/** `appManifest`: the document links the install manifest in the member's language (root.tsx); links() cannot know it. */
export const handle = { i18n: ["phoneApp"], appManifest: true };

export const links: LinksFunction = () => [{ rel: "apple-touch-icon", href: "/icons/icon-192.png" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = resolveLocale(request, user.locale);
  const prefix = CONTENT_LOCALE_PREFIX[locale];
  const pending = await rememberedDocumentsToAccept(db(), user.id);
  return {
    pending: pending.map((d) => ({ ...d, path: `${prefix}/${d.document}` })),
    phoneApp: { memberKey: memberCacheKey(user.id), timeZone: user.timeZone, locale },
  };
}

export const headers = () => ({ "Cache-Control": "private, no-store" });

export default function MemberLayout() {
  const { pending, phoneApp } = useLoaderData<typeof loader>();
  const location = useLocation();
  return (
    <div className="mx-auto w-full max-w-6xl px-4 py-8">
      <PhoneApp {...phoneApp} />
      {location.pathname === "/app/terms" ? null : <DocumentsToAccept pending={pending} redirectTo={location.pathname + location.search} />}
      <Outlet />
    </div>
  );
}
