import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { badgeAwards, badges, privacySettings } from "#db/schema";
import { startQuitAttempt } from "#db/seed/journey-state";
import { ensureBadgeCatalogue } from "~/modules/badges/awards.server";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";
import { member, writePost } from "../community/helpers";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  await ensureBadgeCatalogue(testDb());
  server = await startTestServer();
});
afterAll(async () => server.close());

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** Every avatar a page renders: its classes and what it shows. */
function avatars(html: string): { tone: boolean; text: string }[] {
  return [...html.matchAll(/<span aria-hidden="true" class="avatar([^"]*)">([^<]*)<\/span>/g)].map((m) => ({
    tone: /avatar-\d/.test(m[1]!),
    text: m[2]!,
  }));
}

describe("profile visibility in the community", () => {
  it("shows another member the author's initials, no avatar and no smoke-free days when the author chose so", async () => {
    const author = await member(server.url, { displayName: "Nguyễn Văn An", timeZone: "UTC" });
    await startQuitAttempt(testDb(), author.user.id, { quitDate: daysAgo(20), currency: "USD", packPriceMinor: 800 });
    const reader = await member(server.url, { displayName: "Curious Reader" });
    const { id } = await writePost(author.browser, { text: "Three weeks now" });
    expect((await author.browser.post(`/app/community/${id}`, { intent: "comment", text: "Thanks, everyone" })).status).toBeLessThan(400);

    const before = await (await reader.browser.get(`/app/community/${id}`)).text();
    expect(before).toContain("Nguyễn Văn An");
    expect(before).toMatch(/\d+ days smoke-free/);
    expect(avatars(before)).toContainEqual({ tone: true, text: "NA" });

    // A choice outside the list is a form error, not a 500, and changes nothing.
    const bad = await author.browser.post("/app/privacy", { intent: "save-visibility", nameShown: "nickname", badgeShareAudience: "link" });
    expect(bad.status).toBe(400);
    expect(await testDb().select().from(privacySettings).where(eq(privacySettings.userId, author.user.id))).toEqual([]);

    // Unticked boxes are absent from the form, as a browser sends them.
    const saved = await author.browser.post("/app/privacy", {
      intent: "save-visibility",
      nameShown: "initials",
      badgeShareAudience: "link",
    });
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain("Your visibility settings are saved.");

    for (const path of [`/app/community/${id}`, "/app/community"]) {
      const html = await (await reader.browser.get(path)).text();
      expect(html, path).not.toContain("Nguyễn Văn An");
      expect(html, path).toContain("N.A.");
      expect(html, path).not.toMatch(/\d+ days? smoke-free/);
      expect(
        avatars(html).some((a) => a.text === "NA"),
        path,
      ).toBe(false);
      expect(avatars(html), path).toContainEqual({ tone: false, text: "?" });
    }

    // The author still sees themselves in full.
    const own = await (await author.browser.get(`/app/community/${id}`)).text();
    expect(own).toContain("Nguyễn Văn An");
    expect(own).toMatch(/\d+ days smoke-free/);

    // The privacy centre shows the saved choices ticked as they are.
    const page = await (await author.browser.get("/app/privacy")).text();
    expect(page).toMatch(/<input[^>]*id="save-visibility-nameShown-initials"[^>]*checked=""/);
    expect(page).not.toMatch(/<input[^>]*id="save-visibility-nameShown-full"[^>]*checked=""/);
    expect(page).not.toMatch(/<input[^>]*name="avatarShown"[^>]*checked=""/);
  });
});

describe("who can see shared badges", () => {
  it("anyone with the link, signed-in members only, or nobody (a 404 for the page and its image)", async () => {
    const owner = await member(server.url, { displayName: "Badge Owner" });
    const other = await member(server.url);
    const [badge] = await testDb().select().from(badges).where(eq(badges.key, "smoke-free-3-days"));
    const [award] = await testDb().insert(badgeAwards).values({ userId: owner.user.id, badgeId: badge!.id, shared: true }).returning();
    const page = `/share/badge/${award!.id}`;
    const image = `${page}/image.png`;
    const anonymous = new Browser(server.url);

    const open = await anonymous.get(page);
    expect(open.status).toBe(200);
    expect(open.headers.get("cache-control")).toBe("public, no-cache");
    expect(await open.text()).toContain("Badge Owner");

    const choose = (audience: string) =>
      owner.browser.post("/app/privacy", {
        intent: "save-visibility",
        nameShown: "full",
        avatarShown: "on",
        smokeFreeDaysShown: "on",
        badgeShareAudience: audience,
      });

    expect((await choose("members")).status).toBe(200);
    expect((await anonymous.get(page)).status).toBe(404);
    expect((await anonymous.get(image)).status).toBe(404);
    const seenByMember = await other.browser.get(page);
    expect(seenByMember.status).toBe(200);
    expect(seenByMember.headers.get("cache-control")).toBe("private, no-cache");
    expect((await other.browser.get(image)).headers.get("cache-control")).toMatch(/^private/);

    expect((await choose("nobody")).status).toBe(200);
    for (const browser of [anonymous, other.browser, owner.browser]) {
      expect((await browser.get(page)).status).toBe(404);
      expect((await browser.get(image)).status).toBe(404);
    }

    expect((await choose("link")).status).toBe(200);
    expect((await anonymous.get(page)).status).toBe(200);
    const [row] = await testDb().execute<{ n: number }>(
      sql`select count(*)::int as n from privacy_settings where user_id = ${owner.user.id}`,
    );
    expect(row!.n).toBe(1);
  });
});
