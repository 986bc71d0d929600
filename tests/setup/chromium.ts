import { accessSync, constants, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export type TestBrowser = { executablePath: string; args: string[]; env: Record<string, string>; source: string };

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function systemChromium(): string | null {
  // CHROMIUM_PATH, when set, is the only system browser considered: pointing it at nothing selects the bundled one.
  const configured = process.env.CHROMIUM_PATH;
  if (configured !== undefined) return configured !== "" && isExecutable(configured) ? configured : null;
  if (isExecutable("/usr/bin/chromium")) return "/usr/bin/chromium";
  for (const folder of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(folder || ".", "chromium");
    if (folder && isExecutable(candidate)) return candidate;
  }
  return null;
}

/**
 * The Chromium that @sparticuz/chromium ships inside its npm package, unpacked once into
 * .cache/ (with the NSS libraries it needs, so it runs on a machine with nothing but Node).
 */
async function bundledChromium(): Promise<TestBrowser> {
  const entry = createRequire(import.meta.url).resolve("@sparticuz/chromium");
  const packageDir = path.resolve(path.dirname(entry), "..");
  const { version } = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")) as { version: string };
  const folder = path.resolve(".cache", `chromium-${version}`);
  if (!existsSync(path.join(folder, "chromium"))) {
    const { default: chromium, inflate } = await import("@sparticuz/chromium");
    // It unpacks into the temporary directory: a staging folder of our own, renamed when complete,
    // so an interrupted unpack is never mistaken for a browser.
    const staging = `${folder}.partial-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = staging;
    try {
      await chromium.executablePath();
      await inflate(path.join(packageDir, "bin", "al2023.tar.br"));
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
    }
    writeFileSync(
      path.join(staging, "fonts.conf"),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>/usr/share/fonts</dir>\n  <dir>${folder}/fonts</dir>\n  <cachedir>${folder}/fonts-cache</cachedir>\n</fontconfig>\n`,
    );
    try {
      renameSync(staging, folder);
    } catch {
      rmSync(staging, { recursive: true, force: true }); // another process finished first
    }
  }
  return {
    executablePath: path.join(folder, "chromium"),
    args: ARGS,
    env: { LD_LIBRARY_PATH: path.join(folder, "al2023", "lib"), FONTCONFIG_FILE: path.join(folder, "fonts.conf") },
    source: `@sparticuz/chromium ${version}`,
  };
}

/** The browser for the e2e tests: a system Chromium when there is one, otherwise the one from npm. */
export async function testBrowser(): Promise<TestBrowser> {
  const system = systemChromium();
  if (system) return { executablePath: system, args: ARGS, env: {}, source: system };
  return bundledChromium();
}
