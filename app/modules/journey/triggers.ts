/** The usual smoking triggers a member picks from; they may add their own in words. */
export const TRIGGERS = [
  "stress",
  "coffee",
  "alcohol",
  "after-meals",
  "boredom",
  "driving",
  "social",
  "work-breaks",
  "waking-up",
  "phone-calls",
] as const;
export type Trigger = (typeof TRIGGERS)[number];

export const COPING_STRATEGIES = [
  "breathing-4-7-8",
  "switch-drink",
  "avoid-or-limit",
  "brush-teeth-walk",
  "busy-hands",
  "smoke-free-car",
  "rehearse-refusal",
  "walk-break",
  "new-morning-routine",
  "hold-something-else",
  "delay-and-distract",
] as const;
export type CopingStrategy = (typeof COPING_STRATEGIES)[number];

const defaultStrategy: Record<Trigger, CopingStrategy> = {
  stress: "breathing-4-7-8",
  coffee: "switch-drink",
  alcohol: "avoid-or-limit",
  "after-meals": "brush-teeth-walk",
  boredom: "busy-hands",
  driving: "smoke-free-car",
  social: "rehearse-refusal",
  "work-breaks": "walk-break",
  "waking-up": "new-morning-routine",
  "phone-calls": "hold-something-else",
};

export function isTrigger(value: string): value is Trigger {
  return (TRIGGERS as readonly string[]).includes(value);
}

export function isCopingStrategy(value: string): value is CopingStrategy {
  return (COPING_STRATEGIES as readonly string[]).includes(value);
}

/** A first strategy to try for a trigger; a member's own trigger gets "delay and distract". */
export function strategyFor(trigger: string): CopingStrategy {
  return isTrigger(trigger) ? defaultStrategy[trigger] : "delay-and-distract";
}
