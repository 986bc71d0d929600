import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, DEFAULT_TEST_PASSWORD } from "#db/seed/factories";
import { accountRef } from "~/modules/identity/auth.server";
import { Browser } from "../../setup/app";
import { testDb } from "../../setup/db";
import { startServerProcess, type ServerProcess } from "../../setup/processes";

let app: ServerProcess;
beforeAll(async () => {
  app = await startServerProcess({ LOG_LEVEL: "info" });
});
afterAll(async () => app?.stop());

type LogLine = { event?: string; userId?: string; account?: string; ip?: string; path?: string; level: number };
const events = () =>
  app
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as LogLine)
    .filter((line) => line.event);

async function until(predicate: () => boolean) {
  for (let i = 0; i < 100 && !predicate(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe("security events in the log", () => {
  it("logs sign-ins, failures, refusals and password changes with ids only, never the email or a password", async () => {
    const user = await createUser(testDb(), { email: "Logged.Person@example.test" });
    const browser = new Browser(app.url);
    await browser.post("/login", { intent: "sign-in", email: user.email, password: "not the password at all" });
    expect((await browser.post("/login", { intent: "sign-in", email: user.email, password: DEFAULT_TEST_PASSWORD })).status).toBe(302);
    expect((await browser.get("/admin")).status).toBe(403);
    await browser.post("/app/account", {
      intent: "change-password",
      currentPassword: DEFAULT_TEST_PASSWORD,
      newPassword: "a fresh long passphrase",
    });
    await browser.post("/signup", { intent: "sign-up" }, { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" });
    await browser.post("/logout", {});
    await until(() => events().some((e) => e.event === "auth.sign-out"));

    const seen = events();
    const named = (event: string) => seen.filter((e) => e.event === event);
    expect(named("auth.sign-in.failed")[0]).toMatchObject({ account: accountRef(user.email), ip: expect.any(String) });
    expect(named("auth.sign-in.failed")[0]!.level).toBe(40);
    expect(named("auth.sign-in")[0]).toMatchObject({ userId: user.id });
    expect(named("access.forbidden")[0]).toMatchObject({ userId: user.id, path: "/admin" });
    expect(named("auth.password-changed")[0]).toMatchObject({ userId: user.id });
    expect(named("csrf.refused")[0]).toMatchObject({ path: "/signup" });
    expect(named("auth.sign-out")[0]).toMatchObject({ userId: user.id });

    const log = app.output().toLowerCase();
    expect(log).not.toContain("logged.person@example.test");
    expect(log).not.toContain("not the password at all");
    expect(log).not.toContain(DEFAULT_TEST_PASSWORD.toLowerCase());
    expect(log).not.toContain("a fresh long passphrase");
  });
});
