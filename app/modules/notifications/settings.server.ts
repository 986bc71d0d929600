import { eq, sql } from "drizzle-orm";
import { notificationSettings } from "#db/schema";
import type { Database } from "#db/client.server";
import { preferencesFromStored, withChannelTurnedOff, type NotificationPreferences } from "./preferences";
import type { UnsubscribeRequest } from "./unsubscribe";

export async function getNotificationSettings(
  db: Database,
  userId: string,
): Promise<{ preferences: NotificationPreferences; phone: string | null }> {
  const [row] = await db
    .select({ preferences: notificationSettings.preferences, phone: notificationSettings.phone })
    .from(notificationSettings)
    .where(eq(notificationSettings.userId, userId));
  return { preferences: preferencesFromStored(row?.preferences), phone: row?.phone ?? null };
}

export async function saveNotificationSettings(
  db: Database,
  userId: string,
  preferences: NotificationPreferences,
  phone: string | null,
): Promise<void> {
  await db
    .insert(notificationSettings)
    .values({ userId, preferences, phone })
    .onConflictDoUpdate({ target: notificationSettings.userId, set: { preferences, phone, updatedAt: new Date() } });
}

/** Applies a verified one-click unsubscribe: turns that channel off for that kind (locked channels stay on). */
export async function applyUnsubscribe(db: Database, request: UnsubscribeRequest): Promise<"done" | "locked"> {
  return db.transaction(async (tx) => {
    // Lock the member's row so a preferences save at the same moment cannot undo this.
    await tx.execute(
      sql`insert into notification_settings (user_id) select id from users where id = ${request.userId} on conflict do nothing`,
    );
    const [row] = await tx.select().from(notificationSettings).where(eq(notificationSettings.userId, request.userId)).for("update");
    if (!row) return "locked";
    const before = preferencesFromStored(row.preferences);
    const after = withChannelTurnedOff(before, request.kind, request.channel);
    if (after === before) return "locked";
    await tx
      .update(notificationSettings)
      .set({ preferences: after, updatedAt: new Date() })
      .where(eq(notificationSettings.userId, request.userId));
    return "done";
  });
}

/** Turns a channel back on after an unsubscribe ("Subscribe again"). */
export async function applyResubscribe(db: Database, request: UnsubscribeRequest): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`insert into notification_settings (user_id) select id from users where id = ${request.userId} on conflict do nothing`,
    );
    const [row] = await tx.select().from(notificationSettings).where(eq(notificationSettings.userId, request.userId)).for("update");
    if (!row) return;
    const prefs = preferencesFromStored(row?.preferences);
    const channels = prefs.channels[request.kind].includes(request.channel)
      ? prefs.channels[request.kind]
      : [...prefs.channels[request.kind], request.channel];
    await tx
      .update(notificationSettings)
      .set({ preferences: { ...prefs, channels: { ...prefs.channels, [request.kind]: channels } }, updatedAt: new Date() })
      .where(eq(notificationSettings.userId, request.userId));
  });
}
