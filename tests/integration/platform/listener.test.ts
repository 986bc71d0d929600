import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { NOTIFICATION_CHANNEL } from "~/modules/notifications/notify.server";
import { liveSubscriberCount, stopListening, subscribeToUser, type LiveSignal } from "~/modules/realtime/listener.server";
import { testDb } from "../../setup/db";

afterAll(() => stopListening());

/** Resolves with the first signal `fn` hears, or "nothing" after a second. */
function firstSignal(received: LiveSignal[]): Promise<LiveSignal | "nothing"> {
  return new Promise((resolve) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (received.length > 0 || Date.now() - started > 1_000) {
        clearInterval(poll);
        resolve(received[0] ?? "nothing");
      }
    }, 10);
  });
}

describe("the process's LISTEN subscribers", () => {
  // Runs first: the listener has not started yet in this file's process.
  it("a subscription whose LISTEN cannot start is not left behind", async () => {
    const url = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    try {
      await expect(subscribeToUser(randomUUID(), () => {})).rejects.toThrow(/DATABASE_URL/);
    } finally {
      process.env.DATABASE_URL = url;
    }
    expect(liveSubscriberCount()).toBe(0);
  });

  it("an old stream unsubscribing twice does not cut off the user's newer stream", async () => {
    const userId = randomUUID();
    const first = await subscribeToUser(userId, () => {});
    first();
    const received: LiveSignal[] = [];
    await subscribeToUser(userId, (signal) => received.push(signal));
    first();
    expect(liveSubscriberCount()).toBe(1);
    await testDb().execute(sql`select pg_notify(${NOTIFICATION_CHANNEL}, ${userId})`);
    expect(await firstSignal(received)).toEqual({ k: "notifications" });
  });
});
