import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentAcceptances, users } from "#db/schema";
import { createSignedInUser, createUser } from "#db/seed/factories";
import { createContentItem, saveContentItem, schedulePublication, type ContentInput } from "~/modules/content/content.server";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const pageInput = (topic: "terms" | "privacy", words: string): ContentInput => ({
  kind: "page",
  topic,
  medical: false,
  tags: [],
  featured: false,
  authorName: null,
  sources: [],
  translations: [
    { locale: "en", slug: topic, title: topic === "terms" ? "Terms of use" : "Privacy notice", summary: "", markdown: words },
    { locale: "vi", slug: topic, title: topic === "terms" ? "Điều khoản" : "Quyền riêng tư", summary: "", markdown: words },
  ],
});

// The banner's own markup: its words are also in the page's serialized translations.
const BANNER = 'id="documents-heading"';

const pages: Record<"terms" | "privacy", string> = { terms: "", privacy: "" };
let editorId = "";

const signUpFields = (email: string, extra: Record<string, string> = {}) => ({
  intent: "sign-up",
  email,
  password: "a long enough passphrase",
  displayName: "Lan",
  locale: "en",
  timeZone: "UTC",
  ...extra,
});

async function acceptancesOf(email: string) {
  return testDb()
    .select({ document: documentAcceptances.document, version: documentAcceptances.version })
    .from(documentAcceptances)
    .innerJoin(users, eq(users.id, documentAcceptances.userId))
    .where(eq(users.email, email))
    .orderBy(documentAcceptances.document, documentAcceptances.version);
}

describe("terms and privacy are accepted by version", () => {
  beforeAll(async () => {
    editorId = (await createUser(testDb(), { role: "editor" })).id;
    for (const topic of ["terms", "privacy"] as const) {
      pages[topic] = await createContentItem(testDb(), editorId, pageInput(topic, "Version one."));
      await schedulePublication(testDb(), pages[topic], new Date(Date.now() - 1000), new Date());
    }
  });

  it("sign-up requires accepting them and records the versions the form showed", async () => {
    const browser = new Browser(server.url);
    const form = await (await browser.get("/signup")).text();
    expect(form).toContain('name="termsVersion" value="1"');
    expect(form).toContain('name="privacyVersion" value="1"');
    expect(form).toMatch(/href="\/terms"/);

    const refused = await browser.post("/signup", signUpFields("no-accept@example.test", { termsVersion: "1", privacyVersion: "1" }));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Accept the terms and the privacy notice to create an account.");
    expect(await testDb().select().from(users).where(eq(users.email, "no-accept@example.test"))).toEqual([]);

    const accepted = await browser.post(
      "/signup",
      signUpFields("accepts@example.test", { acceptTerms: "on", termsVersion: "1", privacyVersion: "1" }),
    );
    expect(accepted.status).toBe(302);
    expect(await acceptancesOf("accepts@example.test")).toEqual([
      { document: "terms", version: 1 },
      { document: "privacy", version: 1 },
    ]);
    // Freshly signed up, the member is not asked again.
    expect(await (await browser.get("/app")).text()).not.toContain(BANNER);
  });

  it("a version changed while the visitor was reading is a 409 and creates no account", async () => {
    const browser = new Browser(server.url);
    const form = await (await browser.get("/signup")).text();
    const shown = /name="termsVersion" value="(\d+)"/.exec(form)![1]!;
    await saveContentItem(testDb(), editorId, pages.terms, pageInput("terms", "Version two."));
    const stale = await browser.post(
      "/signup",
      signUpFields("stale@example.test", { acceptTerms: "on", termsVersion: shown, privacyVersion: "1" }),
    );
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("changed while you were signing up");
    expect(await testDb().select().from(users).where(eq(users.email, "stale@example.test"))).toEqual([]);
    // A form that claims no terms were shown, when some are published, is refused the same way.
    const none = await browser.post("/signup", signUpFields("none@example.test", { acceptTerms: "on", privacyVersion: "1" }));
    expect(none.status).toBe(409);
  });

  it("a signed-in member is shown a new version until they accept it, once, and the acceptance is recorded", async () => {
    const { user, cookie } = await createSignedInUser(testDb(), { timeZone: "UTC", acceptedDocuments: false });
    const browser = new Browser(server.url, cookie);
    await testDb()
      .insert(documentAcceptances)
      .values([
        { userId: user.id, document: "terms", version: 1 },
        { userId: user.id, document: "privacy", version: 1 },
      ]);
    // terms is at version 2 since the test above; privacy still at 1.
    const page = await (await browser.get("/app/account")).text();
    expect(page).toContain(BANNER);
    expect(page).toContain('name="terms" value="2"');
    expect(page).not.toContain('name="privacy" value=');

    const stale = await browser.post("/app/terms", { intent: "accept-documents", terms: "1", redirectTo: "/app/account" });
    expect(stale.status).toBe(409);

    const accepted = await browser.post("/app/terms", { intent: "accept-documents", terms: "2", redirectTo: "/app/account" });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("location")).toBe("/app/account");
    const rows = await testDb()
      .select({ version: documentAcceptances.version, acceptedAt: documentAcceptances.acceptedAt })
      .from(documentAcceptances)
      .where(and(eq(documentAcceptances.userId, user.id), eq(documentAcceptances.document, "terms")))
      .orderBy(documentAcceptances.version);
    expect(rows.map((r) => r.version)).toEqual([1, 2]);
    expect(rows[1]!.acceptedAt).toBeInstanceOf(Date);
    expect(await (await browser.get("/app/account")).text()).not.toContain(BANNER);

    // Accepting twice (a double click) changes nothing.
    expect((await browser.post("/app/terms", { intent: "accept-documents", terms: "2" })).status).toBe(302);
    const again = await testDb().select().from(documentAcceptances).where(eq(documentAcceptances.userId, user.id));
    expect(again).toHaveLength(3);
  });

  it("a member created as having signed up today has accepted the current versions and sees nothing", async () => {
    const { cookie } = await createSignedInUser(testDb(), { timeZone: "UTC" });
    expect(await (await new Browser(server.url, cookie).get("/app")).text()).not.toContain(BANNER);
  });

  it("a member who never accepted (signed up before versions were kept) is asked for both, and a visitor cannot accept", async () => {
    const { cookie } = await createSignedInUser(testDb(), { timeZone: "UTC", acceptedDocuments: false });
    const page = await (await new Browser(server.url, cookie).get("/app")).text();
    expect(page).toContain('name="terms" value="2"');
    expect(page).toContain('name="privacy" value="1"');
    const visitor = await new Browser(server.url).post("/app/terms", { intent: "accept-documents", terms: "2" });
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("location")).toMatch(/^\/login/);
    const bad = await new Browser(server.url, cookie).post("/app/terms", { intent: "accept-documents", terms: "two" });
    expect(bad.status).toBe(400);
  });
});
