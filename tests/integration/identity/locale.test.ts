import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "#db/schema";
import { createSignedInUser } from "#db/seed/factories";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

describe("switching language", () => {
  it("keeps a signed-in member's choice on the account, so the next device and emails use it, and goes back where they were", async () => {
    const db = testDb();
    const { user, cookie } = await createSignedInUser(db, { locale: "en" });
    const browser = new Browser(server.url, cookie);
    // `intent` is what the typed-action form of this action will ask for; the current one ignores it.
    const switched = await browser.post("/resources/locale", { intent: "switch-language", locale: "vi", redirectTo: "/app/badges" });
    expect(switched.status).toBe(302);
    expect(switched.headers.get("location")).toBe("/app/badges");
    const [saved] = await db.select({ locale: users.locale }).from(users).where(eq(users.id, user.id));
    expect(saved!.locale).toBe("vi");

    const offSite = await browser.post("/resources/locale", { intent: "switch-language", locale: "en", redirectTo: "//evil.example" });
    expect(offSite.headers.get("location")).toBe("/");
  });
});
