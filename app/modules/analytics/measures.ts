import { sql, type SQL } from "drizzle-orm";
import { FOLLOW_UPS, CO_ABSTINENT_BELOW_PPM, RUSSELL_STANDARD_MAX_CIGARETTES } from "~/modules/journey/outcomes";
import type { QuitSuccessMeasure } from "./metrics";

/** quitSuccess's measures in SQL, for the rollups that count them (report_attempts, alias a) and the pages that read them. */
export const MEASURES: readonly { measure: QuitSuccessMeasure; key: "4" | "12" | "26" | "52"; windowEndDay: number }[] = [
  { measure: "four-week-quit", key: "4", windowEndDay: FOLLOW_UPS.find((f) => f.key === "4-weeks")!.windowEndDay },
  { measure: "seven-day-point-prevalence-12-weeks", key: "12", windowEndDay: FOLLOW_UPS.find((f) => f.key === "12-weeks")!.windowEndDay },
  { measure: "russell-26-weeks", key: "26", windowEndDay: FOLLOW_UPS.find((f) => f.key === "26-weeks")!.windowEndDay },
  { measure: "russell-52-weeks", key: "52", windowEndDay: FOLLOW_UPS.find((f) => f.key === "52-weeks")!.windowEndDay },
];

/** quitSuccess's "answered" and "abstinent" for each measure, over report_attempts (alias a). */
export function measureSql(key: "4" | "12" | "26" | "52"): { answered: SQL; abstinent: SQL; co: SQL } {
  const co = sql.raw(`a.co_ppm_at${key}`);
  const coOk = sql`(${co} is null or ${co} < ${CO_ABSTINENT_BELOW_PPM})`;
  if (key === "4")
    return { answered: sql`a.smoked_since_day14_at4 is not null`, abstinent: sql`(a.smoked_since_day14_at4 = false and ${coOk})`, co };
  if (key === "12")
    return { answered: sql`a.smoked_past7_days_at12 is not null`, abstinent: sql`(a.smoked_past7_days_at12 = false and ${coOk})`, co };
  const cigs = sql.raw(`a.cigarettes_since_grace_at${key}`);
  return { answered: sql`${cigs} is not null`, abstinent: sql`(${cigs} <= ${RUSSELL_STANDARD_MAX_CIGARETTES} and ${coOk})`, co };
}
