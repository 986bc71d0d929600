import { type Page } from "playwright-core";

/** What Chromium itself says about installing the open page as an app (Lighthouse 12 no longer has a PWA category). */
export type InstallabilityVerdict = {
  manifestUrl: string;
  /** Manifest parser messages; `critical` ones stop the manifest being used at all, the others are warnings. */
  manifestErrors: { message: string; critical: boolean }[];
  /** Page.getInstallabilityErrors: empty when the browser would offer to install. */
  installabilityErrors: { errorId: string; errorArguments: { name: string; value: string }[] }[];
  manifest: { name?: string; shortName?: string; startUrl?: string; display?: string; icons: string[]; shortcuts: number };
};

/**
 * Asks Chromium over the DevTools protocol (Page.getAppManifest, Page.getInstallabilityErrors) for its verdict on the page
 * open in `page`. The service worker is awaited first, so the verdict is the one a member gets after the first visit.
 */
export async function installabilityVerdict(page: Page): Promise<InstallabilityVerdict> {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null || !("serviceWorker" in navigator));
  const cdp = await page.context().newCDPSession(page);
  try {
    const manifest = (await cdp.send("Page.getAppManifest")) as {
      url: string;
      errors: { message: string; critical: number }[];
      data?: string;
    };
    const { installabilityErrors } = (await cdp.send("Page.getInstallabilityErrors")) as InstallabilityVerdict & {
      installabilityErrors: InstallabilityVerdict["installabilityErrors"];
    };
    const data = (manifest.data ? JSON.parse(manifest.data) : {}) as {
      name?: string;
      short_name?: string;
      start_url?: string;
      display?: string;
      icons?: { sizes?: string; purpose?: string }[];
      shortcuts?: unknown[];
    };
    return {
      manifestUrl: manifest.url,
      manifestErrors: manifest.errors.map((e) => ({ message: e.message, critical: Boolean(e.critical) })),
      installabilityErrors,
      manifest: {
        name: data.name,
        shortName: data.short_name,
        startUrl: data.start_url,
        display: data.display,
        icons: (data.icons ?? []).map((icon) => `${icon.sizes ?? "?"} ${icon.purpose ?? "any"}`),
        shortcuts: data.shortcuts?.length ?? 0,
      },
    };
  } finally {
    await cdp.detach();
  }
}
