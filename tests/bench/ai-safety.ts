// Usage: npx tsx tests/bench/ai-safety.ts
// assessSafety's figures over the tuned sets (en.ts / vi.ts) and the held-out set: crisis recall
// and crisis on hard negatives, as counts. Prints no message text, so the held-out rows can be
// measured without being read (the rules must not be fitted to them). Writes nothing.
import { assessSafety } from "~/modules/ai-coach/safety";
import { safetyFixturesEn } from "../fixtures/ai-safety/en";
import { heldOutEn, heldOutVi } from "../fixtures/ai-safety/held-out";
import { HARD_NEGATIVE_KINDS, type SafetyFixture } from "../fixtures/ai-safety/types";
import { safetyFixturesVi } from "../fixtures/ai-safety/vi";

function figures(name: string, fixtures: readonly SafetyFixture[], locale: "en" | "vi") {
  const rows = fixtures.map(([level, kind, text]) => ({ level, kind, got: assessSafety(text, locale).level }));
  const crisis = rows.filter((r) => r.level === "crisis");
  const caught = crisis.filter((r) => r.got === "crisis").length;
  const explicit = crisis.filter((r) => r.kind === "explicit");
  const explicitCaught = explicit.filter((r) => r.got === "crisis").length;
  const hard = rows.filter((r) => HARD_NEGATIVE_KINDS.includes(r.kind) && r.level !== "crisis");
  const alarms = hard.filter((r) => r.got === "crisis").length;
  const pct = (a: number, b: number) => (b === 0 ? "–" : `${((a / b) * 100).toFixed(1)}%`);
  console.log(
    `${name.padEnd(12)} ${String(rows.length).padStart(4)} messages; crisis recall ${pct(caught, crisis.length)} (${caught}/${crisis.length}), ` +
      `explicit ${pct(explicitCaught, explicit.length)} (${explicitCaught}/${explicit.length}); ` +
      `crisis on hard negatives ${pct(alarms, hard.length)} (${alarms}/${hard.length})`,
  );
}

figures("tuned en", safetyFixturesEn, "en");
figures("tuned vi", safetyFixturesVi, "vi");
figures("held-out en", heldOutEn, "en");
figures("held-out vi", heldOutVi, "vi");
