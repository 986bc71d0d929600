// The framework backport in patches/ (docs/decisions/007-framework-route-tree-once.md): these fail
// when node_modules holds the packages as published, i.e. when patch-package did not run.
import { createRequire } from "node:module";
import path from "node:path";
import type * as RemixReact from "@remix-run/react";
import type * as ServerRuntime from "@remix-run/server-runtime";
import type * as ReactModule from "react";
import type * as ReactDomServer from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadPristine, repoRoot } from "../../tests/bench/pristine";

// The CommonJS files the production server loads (these packages have no "exports" map: Node takes "main").
const require = createRequire(path.join(repoRoot, "server.ts"));

type RouteObject = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: RouteObject[] };
type Match = { route: { id: string }; params: Record<string, string | undefined>; pathname: string; pathnameBase: string };
type Router = {
  matchRoutes(routes: RouteObject[], location: string, basename?: string): Match[] | null;
  matchPath(pattern: { path: string; caseSensitive?: boolean; end?: boolean } | string, pathname: string): unknown;
  createStaticHandler(routes: RouteObject[]): { query(request: Request): Promise<unknown>; dataRoutes: RouteObject[] };
  UNSAFE_fixRouteTree?(routes: RouteObject[]): RouteObject[];
};
const router = require("@remix-run/router") as Router;
const published = () => loadPristine<Router>("node_modules/@remix-run/router/dist/router.cjs.js");

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
        { id: "files", path: "files/*" },
        { id: "first-twin", path: "twin" },
        { id: "second-twin", path: "twin" },
        { id: "case", path: "Exact", caseSensitive: true },
        { id: "layout", children: [{ id: "pricing", path: "pricing" }] },
        { id: "nested", path: "a", children: [{ id: "nested-b", path: "b", children: [{ id: "nested-c", path: ":c" }] }] },
        { id: "splat", path: "*" },
      ],
    },
  ];
}

const paths = [
  "/",
  "/app",
  "/app/",
  "/app//",
  "/app/log",
  "/APP/LOG",
  "/app/community/new",
  "/app/community/123",
  "/app/community/123/edit",
  "/stories/7",
  "/stories/vi/7",
  "/files",
  "/files/a/b.png",
  "/twin",
  "/Exact",
  "/exact",
  "/pricing",
  "/a/b",
  "/a/b/c",
  "/a/b/c/d",
  "/nowhere/at/all",
  "/caf%C3%A9",
  "/100%25",
  "/app/community/a%2Fb/edit",
];

const summary = (matches: Match[] | null) =>
  matches?.map((m) => ({ id: m.route.id, params: m.params, pathname: m.pathname, pathnameBase: m.pathnameBase })) ?? null;

/** Counts the route-ranking sorts and the regular expressions compiled from route paths while `work` runs. */
async function routeWork(work: () => unknown): Promise<{ rankings: number; patterns: number }> {
  const sort = vi.spyOn(Array.prototype, "sort");
  const NativeRegExp = globalThis.RegExp;
  let patterns = 0;
  globalThis.RegExp = new Proxy(NativeRegExp, {
    construct(target, args) {
      // compilePath's patterns start with ^ and a slash; nothing else in a request compiles such a one.
      if (typeof args[0] === "string" && args[0].startsWith("^/")) patterns++;
      return Reflect.construct(target, args);
    },
  });
  try {
    await work();
  } finally {
    globalThis.RegExp = NativeRegExp;
  }
  const rankings = sort.mock.contexts.filter((array) => Array.isArray(array) && array.length > 0 && "routesMeta" in array[0]).length;
  sort.mockRestore();
  return { rankings, patterns };
}

afterEach(() => vi.restoreAllMocks());

describe("route matching on the server (patched @remix-run/router)", () => {
  it("is loaded from the CommonJS build, the file the patch changes", () => {
    expect(require.resolve("@remix-run/router")).toMatch(/router\.cjs\.js$/);
  });

  it("ranks a static handler's routes once and compiles each pattern once, however many requests it answers", async () => {
    const handler = router.createStaticHandler(routeTree());
    const answerAll = async () => {
      for (const pathname of paths) await handler.query(new Request(`http://localhost${pathname}`));
    };
    const first = await routeWork(answerAll);
    expect(first.rankings).toBe(1);
    expect(first.patterns).toBeGreaterThan(0);
    expect(await routeWork(answerAll)).toEqual({ rankings: 0, patterns: 0 });
  });

  it("matches a fixed route tree exactly as the published code does, first time and every time", () => {
    const original = published();
    const fixed = router.UNSAFE_fixRouteTree!(routeTree());
    for (let pass = 0; pass < 2; pass++) {
      for (const pathname of paths) {
        expect(summary(router.matchRoutes(fixed, pathname)), pathname).toEqual(summary(original.matchRoutes(routeTree(), pathname)));
      }
      expect(summary(router.matchRoutes(fixed, "/base/app/log", "/base"))).toEqual(
        summary(original.matchRoutes(routeTree(), "/base/app/log", "/base")),
      );
    }
    for (const pattern of [{ path: "/app/:id", end: false }, { path: "/App", caseSensitive: true }, { path: "/files/*" }, "/x/:y?"]) {
      for (const pathname of ["/app/1/more", "/app", "/App", "/files/a/b", "/x", "/x/2"]) {
        expect(router.matchPath(pattern, pathname)).toEqual(original.matchPath(pattern, pathname));
      }
    }
  });

  it("ranks any other routes array on every call, as published, so changes to it are seen", async () => {
    const routes = routeTree();
    router.matchRoutes(routes, "/app/new-thing");
    expect((await routeWork(() => router.matchRoutes(routes, "/app/new-thing"))).rankings).toBe(1);
    expect(router.matchRoutes(routes, "/app/new-thing")?.at(-1)?.route.id).toBe("splat");
    routes[0]!.children!.push({ id: "new-thing", path: "app/new-thing" });
    expect(router.matchRoutes(routes, "/app/new-thing")?.at(-1)?.route.id).toBe("new-thing");
  });

  it("still warns on every use of a pattern with a bare trailing *, as published", () => {
    const original = published();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    router.matchPath("/warned*", "/warned");
    router.matchPath("/warned*", "/warned");
    const patchedWarnings = warn.mock.calls.length;
    warn.mockClear();
    original.matchPath("/warned*", "/warned");
    original.matchPath("/warned*", "/warned");
    expect(patchedWarnings).toBe(warn.mock.calls.length);
  });
});

describe("a document request through Remix (patched server-runtime, @remix-run/react and react-router-dom)", () => {
  const React = require("react") as typeof ReactModule;
  const { renderToString } = require("react-dom/server") as typeof ReactDomServer;
  const { RemixServer, Outlet, Scripts } = require("@remix-run/react") as typeof RemixReact;
  const { createRequestHandler } = require("@remix-run/server-runtime") as typeof ServerRuntime;
  const { createServerRoutes } = require("@remix-run/react/dist/routes.js") as {
    createServerRoutes(manifest: object, routeModules: object, future: object, isSpaMode: boolean): object[];
  };
  const { createStaticRouter } = require("react-router-dom/server") as {
    createStaticRouter(routes: object[], context: object): { routes: object[] };
  };

  /** A build like the Remix compiler's: a root layout, an index page and `extra` more pages. */
  function fakeBuild(extra: number) {
    const page = () => React.createElement("p", null, "page");
    const root = () =>
      React.createElement("html", null, React.createElement("body", null, React.createElement(Outlet), React.createElement(Scripts)));
    const ids = ["routes/_index", ...Array.from({ length: extra }, (_, i) => `routes/zz-extra.page-${i}`)];
    const routes: Record<string, object> = { root: { id: "root", path: "", module: { default: root } } };
    const assets: Record<string, object> = {
      root: { id: "root", path: "", module: "/build/root.js", hasLoader: false, hasAction: false, hasErrorBoundary: false, imports: [] },
    };
    for (const id of ids) {
      const entry = id === "routes/_index" ? { index: true } : { path: id.slice("routes/".length).replace(".", "/") };
      routes[id] = { id, parentId: "root", ...entry, module: { default: page } };
      assets[id] = {
        id,
        parentId: "root",
        ...entry,
        module: `/build/${id}.js`,
        hasLoader: false,
        hasAction: false,
        hasErrorBoundary: false,
      };
    }
    return {
      mode: "production",
      entry: {
        module: {
          default: (request: Request, status: number, headers: Headers, context: never) =>
            new Response(renderToString(React.createElement(RemixServer, { context, url: request.url })), { status, headers }),
        },
      },
      routes,
      assets: { entry: { module: "/build/entry.js", imports: [] }, routes: assets, url: "/build/manifest.js", version: "1" },
      publicPath: "/build/",
      assetsBuildDirectory: "public/build",
      future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_lazyRouteDiscovery: true },
      isSpaMode: false,
    };
  }

  it("does no route-tree work after the first request, whatever the number of routes", async () => {
    for (const extra of [1, 150]) {
      const handle = createRequestHandler(fakeBuild(extra) as never, "production");
      const response = await handle(new Request("http://localhost/"));
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("<p>page</p>");
      const again = await routeWork(async () => (await handle(new Request("http://localhost/"))).text());
      expect(again, `${extra} extra routes`).toEqual({ rankings: 0, patterns: 0 });
    }
  });

  it("builds RemixServer's route tree once per build and its data routes once per tree", () => {
    const build = fakeBuild(3);
    const routeModules = Object.fromEntries(Object.entries(build.routes).map(([id, route]) => [id, (route as { module: object }).module]));
    const tree = createServerRoutes(build.assets.routes, routeModules, build.future, false);
    expect(createServerRoutes(build.assets.routes, routeModules, build.future, false)).toBe(tree);
    const context = { matches: [], location: { pathname: "/" }, loaderData: {}, basename: "/" };
    expect(createStaticRouter(tree, context).routes).toBe(createStaticRouter(tree, context).routes);
  });

  it("builds them again for other route modules or future flags, and converts any other routes array afresh", () => {
    const build = fakeBuild(3);
    const routeModules = Object.fromEntries(Object.entries(build.routes).map(([id, route]) => [id, (route as { module: object }).module]));
    const tree = createServerRoutes(build.assets.routes, routeModules, build.future, false);
    expect(createServerRoutes(build.assets.routes, { ...routeModules }, build.future, false)).not.toBe(tree);
    expect(createServerRoutes(build.assets.routes, routeModules, { ...build.future }, false)).not.toBe(tree);
    const loose = [{ id: "root", path: "", children: [{ id: "page", path: "page" }] }];
    const context = { matches: [], location: { pathname: "/" }, loaderData: {}, basename: "/" };
    const first = createStaticRouter(loose, context).routes;
    loose[0]!.children[0]!.path = "renamed";
    const second = createStaticRouter(loose, context).routes as { children: { path: string }[] }[];
    expect(second).not.toBe(first);
    expect(second[0]!.children[0]!.path).toBe("renamed");
  });
});
