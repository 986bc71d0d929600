import { sql } from "drizzle-orm";
import { createSignedInUser, type UserSeed } from "#db/seed/factories";
import { Browser } from "../../setup/app";
import { testDb } from "../../setup/db";

/** A member whose account is a month old (past the new-account limits), with a browser. */
export async function member(url: string, seed: UserSeed = {}, options: { newAccount?: boolean } = {}) {
  const signedIn = await createSignedInUser(testDb(), seed);
  if (!options.newAccount)
    await testDb().execute(sql`update users set created_at = now() - interval '30 days' where id = ${signedIn.user.id}`);
  return { ...signedIn, browser: new Browser(url, signedIn.cookie) };
}

/** Posts through the real form; returns the new post's id (from the redirect) and the response. */
export async function writePost(browser: Browser, fields: Record<string, string>) {
  const response = await browser.post("/app/community/new", { intent: "create-post", kind: "post", ...fields });
  const location = response.headers.get("location") ?? "";
  const id = /\/app\/community\/([0-9a-f-]{36})/.exec(location)?.[1] ?? null;
  return { response, id, held: location.includes("held=1") };
}

/** Sends a multipart form (with files) the way a browser without JavaScript does. */
export async function postMultipart(browser: Browser, path: string, form: FormData): Promise<Response> {
  return fetch(new URL(path, browser.baseUrl), {
    method: "POST",
    redirect: "manual",
    body: form,
    headers: { Cookie: browser.cookieHeader, Origin: browser.baseUrl, "Sec-Fetch-Site": "same-origin" },
  });
}

/** The rendered member-content fragments of a page (post bodies and comments). */
export function renderedBodies(html: string): string[] {
  return [...html.matchAll(/<div class="[^"]*" data-post-body="">([\s\S]*?)<\/div>/g)].map((m) => m[1]!);
}

export async function clearRateLimits() {
  await testDb().execute(sql`delete from rate_limit_counters`);
}
