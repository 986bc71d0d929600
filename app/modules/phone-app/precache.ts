/** The slice of Remix's asset manifest the precache needs. */
export type BuildAssets = {
  url: string;
  version: string;
  entry: { module: string; imports: string[] };
  routes: Record<string, { id: string; module: string; imports?: string[]; css?: string[] }>;
};

/** Routes whose code a member needs offline: the shell (root), the member layout and the offline pages. */
const OFFLINE_ROUTES = ["root", "routes/app", "routes/app._index", "routes/app.plan", "routes/app.craving"];

/** What the service worker stores at install: the app shell and the current build's code for the offline pages, nothing private. */
export function precacheList(assets: BuildAssets): string[] {
  const urls = new Set<string>([assets.url, assets.entry.module, ...assets.entry.imports]);
  for (const id of OFFLINE_ROUTES) {
    const route = assets.routes[id];
    if (!route) continue;
    urls.add(route.module);
    for (const url of [...(route.imports ?? []), ...(route.css ?? [])]) urls.add(url);
  }
  for (const icon of ["/icons/icon-192.png", "/icons/icon-512.png", "/icons/maskable-512.png", "/favicon.svg"]) urls.add(icon);
  return [...urls];
}
