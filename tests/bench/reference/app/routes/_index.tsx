import { useLoaderData } from "@remix-run/react";

export function loader() {
  return { greeting: "Hello from the reference app", servedAt: new Date().toISOString() };
}

export default function Index() {
  const { greeting, servedAt } = useLoaderData<typeof loader>();
  return (
    <main>
      <h1>{greeting}</h1>
      <p>{servedAt}</p>
    </main>
  );
}
