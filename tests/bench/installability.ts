// Usage: npm run build && npx tsx tests/bench/installability.ts [--check]
// Lighthouse 12 dropped its PWA category, so installability is Chromium's own verdict over the DevTools protocol
// (Page.getAppManifest, Page.getInstallabilityErrors) on the production server, for a signed-in member on /app and
// /app/craving in both languages. --check exits non-zero on any installability error or manifest message.
import "./env";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { createDb } from "#db/client.server";
import { createSignedInUser } from "#db/seed/factories";
import { pendingSchemaChanges } from "../setup/schema-drift";
import { testBrowser } from "../setup/chromium";
import { installabilityVerdict, type InstallabilityVerdict } from "../setup/installability";
import { heading, recordResults, startBenchDatabase, startProjectServer } from "./harness";

const database = await startBenchDatabase("installability");
const db = createDb(database.url, 2);
for (const statement of await pendingSchemaChanges()) await db.$client.unsafe(statement);
const server = await startProjectServer(database.url, { label: "installability", httpProcesses: 1 });
// The server's own origin (APP_URL's default), a secure context for the service worker like https would be.
const origin = server.url.replace("127.0.0.1", "localhost");
const found = await testBrowser();
const version = execFileSync(found.executablePath, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();

type Row = { locale: "en" | "vi"; path: string; verdict: InstallabilityVerdict };
const rows: Row[] = [];
const profiles = mkdtempSync(path.join(tmpdir(), "installability-"));
try {
  for (const locale of ["en", "vi"] as const) {
    const { cookie } = await createSignedInUser(db, { displayName: `Install ${locale}`, timeZone: "UTC", locale });
    const [name, value] = cookie.split("=") as [string, string];
    // A fresh profile on disk per member (Chromium never offers to install from an incognito context), so the first visit registers the worker as a phone's would.
    const context = await chromium.launchPersistentContext(path.join(profiles, locale), {
      executablePath: found.executablePath,
      args: found.args,
      env: { ...process.env, ...found.env },
      baseURL: origin,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    try {
      await context.addCookies([{ name, value, url: origin }]);
      const page = await context.newPage();
      for (const pagePath of ["/app", "/app/craving"]) {
        await page.goto(pagePath);
        rows.push({ locale, path: pagePath, verdict: await installabilityVerdict(page) });
      }
    } finally {
      await context.close();
    }
  }
} finally {
  rmSync(profiles, { recursive: true, force: true });
  await server.stop();
  await db.$client.end();
  await database.stop();
}

const messages = (v: InstallabilityVerdict) =>
  v.manifestErrors.length === 0 ? "none" : v.manifestErrors.map((e) => `${e.critical ? "error" : "warning"}: ${e.message}`).join("; ");
const errors = (v: InstallabilityVerdict) =>
  v.installabilityErrors.length === 0
    ? "none (installable)"
    : v.installabilityErrors.map((e) => `\`${e.errorId}\`${e.errorArguments.map((a) => ` ${a.name}=${a.value}`).join("")}`).join(", ");
const failed = rows.filter((r) => r.verdict.manifestErrors.length > 0 || r.verdict.installabilityErrors.length > 0);
const markdown = `## Installability of the member app (issue 19)

${heading("npm run build && npx tsx tests/bench/installability.ts")}
Chromium's own verdict over the DevTools protocol (${version}, headless, mobile viewport 390×844): \`Page.getAppManifest\` (the manifest the page links and the parser's errors and warnings) and \`Page.getInstallabilityErrors\` (empty when the browser would offer to install), after the service worker took control. The production server (\`node build/server.js\`, NODE_ENV=production) on an embedded Postgres, a new signed-in member per language. Lighthouse 12 (tests/bench/lighthouse.ts) no longer has a PWA category, so this replaces its installable check; the e2e test in tests/e2e/phone-app.spec.ts fails on the same verdict.

| language | page | manifest | name / short name | start_url, display | icons | shortcuts | manifest messages | installability errors |
|---|---|---|---|---|---|---:|---|---|
${rows
  .map(
    ({ locale, path: pagePath, verdict: v }) =>
      `| ${locale} | \`${pagePath}\` | \`${new URL(v.manifestUrl).pathname}${new URL(v.manifestUrl).search}\` | ${v.manifest.name} / ${v.manifest.shortName} | \`${v.manifest.startUrl ? new URL(v.manifest.startUrl, origin).pathname : "?"}\`, ${v.manifest.display} | ${v.manifest.icons.join(", ")} | ${v.manifest.shortcuts} | ${messages(v)} | ${errors(v)} |`,
  )
  .join("\n")}

${failed.length === 0 ? "Installable on every page measured, with no manifest errors or warnings." : `**Not installable or with manifest messages on ${failed.length} of ${rows.length} pages.**`}
`;
console.log(markdown);
recordResults("installability", markdown);
if (process.argv.includes("--check") && failed.length > 0) process.exit(1);
