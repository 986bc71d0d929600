import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { UpgradeRequiredBoundary } from "~/components/billing/upgrade-required";
import { db } from "#db/client.server";
import { requireEntitlement } from "~/modules/billing/entitlements.server";
import { activeAssignment } from "~/modules/coaching/access.server";

export const handle = { i18n: ["pricing"] };

/** The old "ask for a coach" address: premium members go to their coach, or to the directory to choose one. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireEntitlement(request, "coach-chat");
  throw redirect((await activeAssignment(db(), user.id)) ? "/app/coach" : "/app/coach/choose");
}

export const ErrorBoundary = UpgradeRequiredBoundary;

export default function CoachingRedirect() {
  return null;
}
