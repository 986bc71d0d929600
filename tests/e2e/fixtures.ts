import { test as base, expect } from "@playwright/test";
import { createDb, type Db } from "#db/client.server";
import { embeddedDatabaseUrl } from "#db/embedded.server";
import { createSignedInUser, type UserSeed } from "#db/seed/factories";
import { e2eServer } from "../../playwright.config";

// Cookies are signed with the e2e server's generated secret (DATA_DIR/session-secret) and named for its origin.
process.env.DATA_DIR = e2eServer.dataDir;
process.env.APP_URL = e2eServer.baseURL;
delete process.env.SESSION_SECRET;

type SignedIn = Awaited<ReturnType<typeof createSignedInUser>>["user"];

let database: Db | undefined;
/** The database behind the e2e server, for arranging data the way a factory would. */
export function e2eDb(): Db {
  // Through the server's private socket, with the password it generated in its data folder.
  database ??= createDb(embeddedDatabaseUrl({ dir: e2eServer.postgresDir, port: e2eServer.postgresPort }), 2);
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
