import { ErrorMessage } from "~/root";

export async function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <ErrorMessage error={{ status: 404, statusText: "Not Found", internal: false, data: null }} />;
}
