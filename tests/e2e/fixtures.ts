import { test as base, expect } from "@playwright/test";
import { createDb, type Db } from "#db/client.server";
import { createSignedInUser, type UserSeed } from "#db/seed/factories";
import { e2eDatabaseUrl } from "../../playwright.config";

type SignedIn = Awaited<ReturnType<typeof createSignedInUser>>["user"];

let database: Db | undefined;
/** The database behind the e2e server, for arranging data the way a factory would. */
export function e2eDb(): Db {
  database ??= createDb(e2eDatabaseUrl, 2);
  return database;
}

/** Fast sign-in: insert a user and a session row, then hand the browser its cookie. */
export const test = base.extend<{ login: (seed?: UserSeed) => Promise<SignedIn> }>({
  login: async ({ context, baseURL }, use) => {
    await use(async (seed = {}) => {
      const { user, cookie } = await createSignedInUser(e2eDb(), seed);
      const [name, value] = cookie.split("=") as [string, string];
      await context.addCookies([{ name, value, url: baseURL! }]);
      return user;
    });
  },
});

export { expect };
