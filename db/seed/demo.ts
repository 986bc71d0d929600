import { count, inArray, sql } from "drizzle-orm";
import { users, type Locale, type Role } from "../schema";
import type { Database } from "../client.server";
import { seedBillingDemo } from "./billing";
import { seedChatDemo } from "./chat";
import { seedCoachingDemo } from "./coaching";
import { seedDemoCommunity } from "./community";
import { passwordHashFor } from "./factories";
import { seedAchievementsDemo } from "./badges-demo";
import { seedJourneyDemo } from "./journey";
import { seedSessionsDemo } from "./sessions";
import { seedDemoContent } from "./content";
import { seedReportHistoryDemo } from "./report-history";

async function seedContentDemo(db: Database) {
  const staff = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.email, ["editor@quitpath.test", "admin@quitpath.test"]));
  const editor = staff.find((u) => u.email === "editor@quitpath.test");
  const admin = staff.find((u) => u.email === "admin@quitpath.test");
  if (editor && admin) await seedDemoContent(db, editor.id, admin.id);
}

export const DEMO_PASSWORD = "QuitPath-demo-2026";

type DemoPerson = { email: string; displayName: string; role: Role; locale: Locale; timeZone: string; currency: string };

const memberNames: [string, Locale, string, string][] = [
  ["Nguyễn Văn An", "vi", "Asia/Ho_Chi_Minh", "VND"],
  ["Trần Thị Bình", "vi", "Asia/Ho_Chi_Minh", "VND"],
  ["Lê Hoàng Cường", "vi", "Asia/Ho_Chi_Minh", "VND"],
  ["Phạm Minh Dũng", "vi", "Asia/Ho_Chi_Minh", "VND"],
  ["Hoàng Thu Hà", "vi", "Asia/Ho_Chi_Minh", "VND"],
  ["Vũ Đức Huy", "vi", "Asia/Ho_Chi_Minh", "VND"],
  ["Đặng Quốc Khánh", "vi", "Asia/Ho_Chi_Minh", "VND"],
  ["Bùi Thị Lan", "vi", "Asia/Ho_Chi_Minh", "VND"],
  ["Đỗ Văn Minh", "vi", "Asia/Ho_Chi_Minh", "VND"],
  ["Ngô Thị Ngọc", "vi", "Asia/Ho_Chi_Minh", "VND"],
  ["Dương Văn Phúc", "vi", "Asia/Ho_Chi_Minh", "VND"],
  ["Lý Thanh Tâm", "vi", "Asia/Ho_Chi_Minh", "VND"],
  ["Emily Carter", "en", "America/New_York", "USD"],
  ["James Wilson", "en", "America/Chicago", "USD"],
  ["Sophie Martin", "en", "Europe/London", "GBP"],
  ["Lucas Schmidt", "en", "Europe/Berlin", "EUR"],
  ["Olivia Brown", "en", "Australia/Sydney", "AUD"],
  ["Daniel Tan", "en", "Asia/Singapore", "SGD"],
  ["Ava Johnson", "en", "America/Los_Angeles", "USD"],
  ["Minh Tran", "en", "Asia/Ho_Chi_Minh", "VND"],
  ["Hannah Lee", "en", "Asia/Seoul", "KRW"],
  ["Noah Davis", "en", "America/Denver", "USD"],
];

export const demoPeople: DemoPerson[] = [
  {
    email: "admin@quitpath.test",
    displayName: "Quản trị QuitPath",
    role: "admin",
    locale: "vi",
    timeZone: "Asia/Ho_Chi_Minh",
    currency: "VND",
  },
  {
    email: "editor@quitpath.test",
    displayName: "Editor Linh Pham",
    role: "editor",
    locale: "vi",
    timeZone: "Asia/Ho_Chi_Minh",
    currency: "VND",
  },
  {
    email: "coach.mai@quitpath.test",
    displayName: "Coach Mai Anh",
    role: "coach",
    locale: "vi",
    timeZone: "Asia/Ho_Chi_Minh",
    currency: "VND",
  },
  {
    email: "coach.sam@quitpath.test",
    displayName: "Coach Sam Rivera",
    role: "coach",
    locale: "en",
    timeZone: "America/New_York",
    currency: "USD",
  },
  ...memberNames.map(([displayName, locale, timeZone, currency], i) => ({
    email: i === 0 ? "member@quitpath.test" : `member${i + 1}@quitpath.test`,
    displayName,
    role: "member" as const,
    locale,
    timeZone,
    currency,
  })),
];

/**
 * Creates the demo admin, coaches and members. Idempotent: existing accounts are left alone.
 * Later capabilities add each member's history through their own seed steps.
 */
/**
 * Seeds the demo installation once (when `onlyIfEmpty`, only into an empty database) and returns
 * the demo logins to print: those seeded just now, or on a later start those still present.
 */
export async function seedDemoData(
  db: Database,
  options: { onlyIfEmpty?: boolean; history?: boolean } = {},
): Promise<{ logins: DemoLogin[]; seededNow: boolean }> {
  const logins = demoPeople
    .filter((p) => p.role !== "member" || p.email === "member@quitpath.test")
    .map((p) => ({ role: p.role, email: p.email, password: DEMO_PASSWORD }));
  if (options.onlyIfEmpty) {
    const [row] = await db.select({ n: count() }).from(users);
    if ((row?.n ?? 0) > 0) {
      const present = await db
        .select({ email: users.email })
        .from(users)
        .where(
          inArray(
            users.email,
            logins.map((l) => l.email),
          ),
        );
      const emails = new Set(present.map((p) => p.email));
      return { logins: logins.filter((l) => emails.has(l.email)), seededNow: false };
    }
  }
  const passwordHash = await passwordHashFor(DEMO_PASSWORD);
  await db
    .insert(users)
    .values(demoPeople.map((p) => ({ ...p, passwordHash })))
    .onConflictDoNothing();
  // Journey first: badges and notifications are earned from the history it writes.
  await seedJourneyDemo(db);
  await seedBillingDemo(db);
  // After billing: the coached members are its premium members.
  await seedCoachingDemo(db);
  await seedChatDemo(db);
  await seedSessionsDemo(db);
  await seedDemoCommunity(db);
  await seedAchievementsDemo(db);
  await seedContentDemo(db);
  // The demo people signed up accepting the terms and privacy notice the content seed has just published.
  await db.execute(sql`insert into document_acceptances (user_id, document, version)
    select u.id, p.topic::site_document, p.revision from users u cross join content_items p
    where u.email in (${sql.join(
      demoPeople.map((person) => sql`${person.email}`),
      sql`, `,
    )}) and p.kind = 'page' and p.status = 'published' and p.topic in ('terms', 'privacy')
    on conflict do nothing`);
  // A year of generated members behind the report charts (off in tests that count the demo's own rows).
  if (options.history) await seedReportHistoryDemo(db);
  return { logins, seededNow: true };
}

export type DemoLogin = { role: string; email: string; password: string };
