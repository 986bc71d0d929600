import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { seedReportHistoryDemo } from "#db/seed/report-history";
import { reportPage } from "~/modules/analytics/dashboard.server";
import { parseReportQuery } from "~/modules/analytics/period";
import { addDays } from "~/lib/local-date";
import { testDb } from "../../setup/db";

describe("the demo's report history", () => {
  it("gives every chart and table a shape on a fresh install, once", async () => {
    const db = testDb();
    const now = new Date();
    await seedReportHistoryDemo(db, now);
    await seedReportHistoryDemo(db, now);
    const [generated] = (await db.execute(
      sql`select count(*)::int as n from users where email like '%@history.quitpath.test'`,
    )) as unknown as {
      n: number;
    }[];
    expect(generated!.n).toBe(2004);

    const today = now.toISOString().slice(0, 10);
    const year = parseReportQuery(new URLSearchParams(), today, 365);
    if (!year.ok) throw new Error("period");
    for (const section of ["growth", "revenue", "success", "coaches"] as const) {
      const page = await reportPage(db, section, year.period, now, "en");
      expect(page.computedAt).not.toBeNull();
      for (const chart of page.charts) {
        const values = chart.series.flatMap((s) => s.points.map((p) => p.value));
        expect(Math.max(...values), `${section} ${chart.id}`).toBeGreaterThan(0);
        expect(new Set(values).size, `${section} ${chart.id} has a shape`).toBeGreaterThan(2);
      }
      for (const table of page.tables) expect(table.rows.length, `${section} ${table.id}`).toBeGreaterThan(0);
    }
    const success = await reportPage(db, "success", year.period, now, "en");
    const eligible = (page: typeof success) =>
      page.tables.find((t) => t.id === "success")!.rows.map((row) => (row[2] as { kind: "count"; value: number }).value);
    // The last year's quit dates: the 4-, 12- and 26-week windows have passed for some; the 52-week one (day 413) for none yet.
    expect(
      eligible(success)
        .slice(0, 3)
        .every((n) => n > 0),
    ).toBe(true);
    expect(eligible(success)[3]).toBe(0);
    const older = parseReportQuery(new URLSearchParams({ from: addDays(today, -479), to: addDays(today, -414) }), today);
    if (!older.ok) throw new Error("period");
    expect(eligible(await reportPage(db, "success", older.period, now, "en"))[3]).toBeGreaterThan(0);
    const revenue = await reportPage(db, "revenue", year.period, now, "en");
    expect(
      revenue.charts
        .filter((c) => c.id.startsWith("mrr-"))
        .map((c) => c.currency)
        .sort(),
    ).toEqual(["USD", "VND"]);
  });
});
