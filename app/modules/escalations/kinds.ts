import type { EscalationKind } from "#db/schema";

/** The kinds in the order the queue shows them: danger first. Shared with the browser (the filter). */
export const ESCALATION_KINDS = [
  "crisis",
  "sla-missed",
  "low-rating",
  "payment-grace",
  "community-report",
] as const satisfies readonly EscalationKind[];
