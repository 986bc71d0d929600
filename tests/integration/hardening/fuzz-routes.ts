import { type ServerBuild } from "@remix-run/node";
import { INTENT_CATALOGUE, type IntentCatalogue } from "~/lib/typed-action";

/** One route of the server build that has an action, with the URL pattern it answers. */
export type ActionRoute = {
  id: string;
  /** e.g. `/app/community/:postId/edit` */
  pattern: string;
  index: boolean;
  params: string[];
  /** The typed action's intents, when the action is a typedAction; plain actions are fuzzed by body. */
  catalogue?: IntentCatalogue;
};

/** Every route module of the build with an `action` export: discovered, never listed by hand. */
export function actionRoutes(build: ServerBuild): ActionRoute[] {
  const routes = build.routes;
  const patternOf = (id: string): string => {
    const segments: string[] = [];
    for (let route = routes[id]; route; route = route.parentId ? routes[route.parentId] : undefined) {
      if (route.path) segments.unshift(route.path);
    }
    return `/${segments.join("/")}`.replace(/\/+/g, "/");
  };
  return Object.values(routes)
    .filter((route): route is NonNullable<typeof route> => typeof route?.module.action === "function")
    .map((route) => {
      const pattern = patternOf(route.id);
      const action = route.module.action as unknown as Record<symbol, IntentCatalogue | undefined>;
      return {
        id: route.id,
        pattern,
        index: Boolean(route.index),
        params: [...pattern.matchAll(/:(\w+)\??/g)].map((m) => m[1]!).concat(pattern.includes("*") ? ["*"] : []),
        catalogue: action[INTENT_CATALOGUE],
      };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** The URL path of a route with its params filled. */
export function fillPattern(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/:(\w+)\??/g, (_, name: string) => encodeURIComponent(values[name] ?? "x")).replace("*", values["*"] ?? "fuzz");
}
