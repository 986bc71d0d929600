import { type LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { requireUser } from "~/modules/identity/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export const headers = () => ({ "Cache-Control": "private, no-store" });

export default function MemberLayout() {
  return (
    <div className="mx-auto w-full max-w-6xl px-4 py-8">
      <Outlet />
    </div>
  );
}
