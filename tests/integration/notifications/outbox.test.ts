import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailOutbox, motivationMessages, smsOutbox } from "#db/schema";
import { createSignedInUser } from "#db/seed/factories";
import { DomainError } from "~/lib/domain-error";
import { parseCursor } from "~/modules/notifications/centre.server";
import { addMotivationMessage, motivationLibrary, saveMotivationMessage } from "~/modules/notifications/library.server";
import { OUTBOX_PAGE_SIZE, outboxPage } from "~/modules/notifications/outbox.server";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

describe("the admin's outbox", () => {
  it("pages each channel newest first without skipping or repeating a row, even rows written in the same instant", async () => {
    const db = testDb();
    const total = OUTBOX_PAGE_SIZE + 7;
    const sameInstant = new Date("2026-11-20T08:00:00.123456Z");
    await db.insert(emailOutbox).values(
      Array.from({ length: total }, (_, i) => ({
        kind: "milestone",
        toAddress: `member${i}@example.com`,
        subject: `Subject ${i}`,
        textBody: `Body ${i}`,
        htmlBody: `<p>Body ${i}</p>`,
        headers: { "List-Unsubscribe": `<https://example.com/u/${i}>` },
        createdAt: i < 10 ? sameInstant : new Date(sameInstant.getTime() + i * 1000),
      })),
    );
    await db.insert(smsOutbox).values({ kind: "security", toNumber: "+84900000000", body: "Your code" });

    const first = await outboxPage(db, "email", null);
    expect(first.messages).toHaveLength(OUTBOX_PAGE_SIZE);
    expect(first.next).not.toBeNull();
    const second = await outboxPage(db, "email", parseCursor(first.next));
    expect(second.next).toBeNull();
    const seen = [...first.messages, ...second.messages];
    expect(new Set(seen.map((m) => m.id)).size).toBe(total);
    expect(seen.map((m) => m.createdAt.getTime())).toEqual([...seen.map((m) => m.createdAt.getTime())].sort((a, b) => b - a));
    expect(first.messages[0]).toMatchObject({
      to: `member${total - 1}@example.com`,
      subject: `Subject ${total - 1}`,
      body: `Body ${total - 1}`,
      headers: { "List-Unsubscribe": `<https://example.com/u/${total - 1}>` },
    });

    const sms = await outboxPage(db, "sms", null);
    expect(sms).toMatchObject({ next: null, messages: [{ to: "+84900000000", subject: null, body: "Your code", headers: {} }] });

    const { cookie } = await createSignedInUser(db, { role: "admin" });
    const admin = new Browser(server.url, cookie);
    // The page shows exactly the module's pages: which of the same-instant rows come first depends on their ids.
    const shown = (html: string) => [...html.matchAll(/<span class="font-semibold">(Subject \d+)<\/span>/g)].map(([, subject]) => subject);
    expect(shown(await (await admin.get("/admin/outbox")).text())).toEqual(first.messages.map((m) => m.subject));
    const older = await (await admin.get(`/admin/outbox?${new URLSearchParams({ channel: "email", before: first.next! })}`)).text();
    expect(shown(older)).toEqual(second.messages.map((m) => m.subject));
    expect(await (await admin.get("/admin/outbox?channel=sms")).text()).toContain("+84900000000");
  });
});

describe("the motivation library", () => {
  it("lists every message by key, edits one, adds custom ones with keys of their own, and refuses an unknown id", async () => {
    const db = testDb();
    await db.insert(motivationMessages).values({ key: "b-built-in", textEn: "Keep going", textVi: "Cố lên" });
    await addMotivationMessage(db, { textEn: "One", textVi: "Một" });
    await addMotivationMessage(db, { textEn: "Two", textVi: "Hai" });
    const library = await motivationLibrary(db);
    const keys = library.map((m) => m.key);
    expect(keys).toEqual([...keys].sort());
    expect(library.filter((m) => m.key.startsWith("custom-")).map((m) => m.textEn)).toEqual(expect.arrayContaining(["One", "Two"]));

    const builtIn = library.find((m) => m.key === "b-built-in")!;
    await saveMotivationMessage(db, builtIn.id, { textEn: "Keep going, always", textVi: "Luôn cố lên", active: false });
    expect((await motivationLibrary(db)).find((m) => m.id === builtIn.id)).toMatchObject({ textEn: "Keep going, always", active: false });
    await expect(saveMotivationMessage(db, randomUUID(), { textEn: "x", textVi: "x", active: true })).rejects.toSatisfy(
      (e) => e instanceof DomainError && e.kind === "not-found",
    );
  });
});
