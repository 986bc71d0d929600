// The framework backport in patches/ (docs/decisions/007-framework-route-tree-once.md): these fail
// when node_modules holds the packages as published, i.e. when patch-package did not run.
import { createRequire } from "node:module";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadPristine, repoRoot } from "../../tests/bench/pristine";

// The CommonJS files the production server loads (the packages have no "exports" map; Node takes "main").
const require = createRequire(path.join(repoRoot, "server.ts"));
type RouteObject = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: RouteObject[] };
type Match = { route: { id: string }; params: Record<string, string | undefined>; pathname: string; pathnameBase: string };
type Router = {
  matchRoutes(routes: RouteObject[], location: string, basename?: string): Match[] | null;
  matchPath(pattern: { path: string; caseSensitive?: boolean; end?: boolean } | string, pathname: string): unknown;
};
const router = require("@remix-run/router") as Router;
const { matchServerRoutes } = require("@remix-run/server-runtime/dist/routeMatching.js") as {
  matchServerRoutes(routes: RouteObject[], pathname: string, basename?: string): { route: { id: string } }[] | null;
};
const { createServerRoutes } = require("@remix-run/react/dist/routes.js") as {
  createServerRoutes(manifest: object, routeModules: object, future: object, isSpaMode: boolean): object[];
};
const { createStaticRouter } = require("react-router-dom/server") as {
  createStaticRouter(routes: object[], context: object): { routes: { id: string; path?: string }[] };
};

/** A route tree with what ranking must get right: index routes, params, optional segments, splats, siblings with one path, case. */
function routeTree(): RouteObject[] {
  return [
    {
      id: "root",
      path: "",
      children: [
        { id: "home", index: true },
        {
          id: "app",
          path: "app",
          children: [
            { id: "app-index", index: true },
            { id: "app-log", path: "log" },
          ],
        },
        { id: "post", path: "app/community/:postId" },
        { id: "post-edit", path: "app/community/:postId/edit" },
        { id: "community-new", path: "app/community/new" },
        { id: "optional", path: "stories/:lang?/:id" },
        { id: "first-twin", path: "twin" },
        { id: "second-twin", path: "twin" },
        { id: "case", path: "Exact", caseSensitive: true },
        { id: "layout", children: [{ id: "pricing", path: "pricing" }] },
        { id: "splat", path: "*" },
      ],
    },
  ];
}

const paths = [
  "/",
  "/app",
  "/app/",
  "/app/log",
  "/app/community/new",
  "/app/community/123",
  "/app/community/123/edit",
  "/stories/7",
  "/stories/vi/7",
  "/twin",
  "/Exact",
  "/exact",
  "/pricing",
  "/PRICING",
  "/nowhere/at/all",
  "/caf%C3%A9",
];

const summary = (matches: Match[] | null) =>
  matches?.map((m) => ({ id: m.route.id, params: m.params, pathname: m.pathname, pathnameBase: m.pathnameBase })) ?? null;

/** Counts sorts (ranking) and RegExp constructions (pattern compiling) while `work` runs. */
function countWork(work: () => void): { sorts: number; regExps: number } {
  const sort = vi.spyOn(Array.prototype, "sort");
  const NativeRegExp = globalThis.RegExp;
  let regExps = 0;
  globalThis.RegExp = new Proxy(NativeRegExp, {
    construct(target, args) {
      regExps++;
      return Reflect.construct(target, args);
    },
  });
  try {
    work();
  } finally {
    globalThis.RegExp = NativeRegExp;
  }
  const sorts = sort.mock.calls.length;
  sort.mockRestore();
  return { sorts, regExps };
}

afterEach(() => vi.restoreAllMocks());

describe("the server's route matching (patched @remix-run/router)", () => {
  it("is loaded from the CommonJS build, the file the patch changes", () => {
    expect(require.resolve("@remix-run/router")).toMatch(/router\.cjs\.js$/);
  });

  it("ranks a route tree once and compiles each pattern once, however often it matches", () => {
    const routes = routeTree();
    const matchAll = () => {
      for (const pathname of paths) router.matchRoutes(routes, pathname);
    };
    const first = countWork(matchAll);
    expect(first.sorts).toBeGreaterThan(0);
    expect(first.regExps).toBeGreaterThan(0);
    expect(countWork(matchAll)).toEqual({ sorts: 0, regExps: 0 });
  });

  it("does the same for matchServerRoutes, which Remix calls on every request", () => {
    const routes = routeTree();
    matchServerRoutes(routes, "/app/log");
    expect(countWork(() => matchServerRoutes(routes, "/app/log"))).toEqual({ sorts: 0, regExps: 0 });
    expect(matchServerRoutes(routes, "/app/log")?.map((m) => m.route.id)).toEqual(["root", "app", "app-log"]);
  });

  it("finds exactly what the published code finds, on first and repeated matches", () => {
    const published = loadPristine<Router>("node_modules/@remix-run/router/dist/router.cjs.js");
    const routes = routeTree();
    for (let pass = 0; pass < 2; pass++) {
      for (const pathname of paths) {
        expect(summary(router.matchRoutes(routes, pathname)), pathname).toEqual(summary(published.matchRoutes(routeTree(), pathname)));
      }
    }
    expect(summary(router.matchRoutes(routes, "/base/app/log", "/base"))).toEqual(
      summary(published.matchRoutes(routeTree(), "/base/app/log", "/base")),
    );
    for (const pattern of [{ path: "/app/:id", end: false }, { path: "/App", caseSensitive: true }, { path: "/files/*" }, "/x/:y?"]) {
      for (const pathname of ["/app/1/more", "/app", "/files/a/b", "/x", "/x/2"]) {
        expect(router.matchPath(pattern, pathname)).toEqual(published.matchPath(pattern, pathname));
      }
    }
  });

  it("notices a route tree changed in place and ranks it again", () => {
    const routes = routeTree();
    const root = routes[0]!;
    expect(router.matchRoutes(routes, "/app/new-thing")?.at(-1)?.route.id).toBe("splat");
    root.children!.push({ id: "new-thing", path: "app/new-thing" });
    expect(router.matchRoutes(routes, "/app/new-thing")?.at(-1)?.route.id).toBe("new-thing");
    root.children!.find((r) => r.id === "pricing" || r.id === "layout")!.children![0]!.path = "prices";
    expect(router.matchRoutes(routes, "/prices")?.at(-1)?.route.id).toBe("pricing");
    root.children![0] = { id: "home-again", index: true };
    expect(router.matchRoutes(routes, "/")?.at(-1)?.route.id).toBe("home-again");
  });

  it("still warns on every use of a pattern with a bare trailing *, as published", () => {
    const published = loadPristine<Router>("node_modules/@remix-run/router/dist/router.cjs.js");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    router.matchPath("/warned*", "/warned");
    router.matchPath("/warned*", "/warned");
    const patchedWarnings = warn.mock.calls.length;
    warn.mockClear();
    published.matchPath("/warned*", "/warned");
    published.matchPath("/warned*", "/warned");
    expect(patchedWarnings).toBe(warn.mock.calls.length);
  });
});

describe("RemixServer's route tree (patched @remix-run/react and react-router-dom)", () => {
  const manifest = {
    root: { id: "root", path: "", hasLoader: true },
    "routes/_index": { id: "routes/_index", parentId: "root", index: true },
    "routes/pricing": { id: "routes/pricing", parentId: "root", path: "pricing", hasLoader: true },
  };
  const modules = () => ({
    root: { default: () => null },
    "routes/_index": { default: () => null },
    "routes/pricing": { default: () => null },
  });
  const future = { v3_singleFetch: true };

  it("is built once per build, not on every request", () => {
    const routeModules = modules();
    // Remix hands RemixServer a fresh routeModules object on every request, holding the same modules.
    const first = createServerRoutes(manifest, { ...routeModules }, future, false);
    expect(createServerRoutes(manifest, { ...routeModules }, future, false)).toBe(first);
  });

  it("is built again when a route module or the future flags differ", () => {
    const routeModules = modules();
    const first = createServerRoutes(manifest, routeModules, future, false);
    expect(createServerRoutes(manifest, { ...routeModules, "routes/pricing": { default: () => null } }, future, false)).not.toBe(first);
    expect(createServerRoutes(manifest, routeModules, { ...future }, false)).not.toBe(first);
  });

  it("is converted to data routes once by the static router, and again when a route changes", () => {
    type Route = { path?: string; children?: Route[] };
    const routes = createServerRoutes({ ...manifest }, modules(), future, false) as Route[];
    const context = { matches: [], location: { pathname: "/" }, loaderData: {}, basename: "/" };
    const first = createStaticRouter(routes, context).routes;
    expect(createStaticRouter(routes, context).routes).toBe(first);
    routes[0]!.children!.find((route) => route.path === "pricing")!.path = "prices";
    const changed = createStaticRouter(routes, context).routes as Route[];
    expect(changed).not.toBe(first);
    expect(changed[0]!.children!.map((route) => route.path)).toContain("prices");
  });
});
