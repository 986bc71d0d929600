import { z } from "zod";
import type { ContentSection } from "./document";

/** A roadmap step: one `##` section with a heading. Its id is pinned with `{#id}` so both languages share it. */
export type RoadmapStep = { id: string; heading: string };

export function roadmapSteps(sections: readonly ContentSection[]): RoadmapStep[] {
  return sections.filter((s) => s.level === 2 && s.heading !== null).map((s) => ({ id: s.id, heading: s.heading! }));
}

/** How far a member is: only ticks on steps the roadmap still has count (an editor may remove a step). */
export function roadmapProgress(steps: readonly RoadmapStep[], done: ReadonlySet<string>) {
  return { done: steps.filter((s) => done.has(s.id)).length, total: steps.length };
}

export const tickStepSchema = z.object({
  step: z.string().trim().min(1).max(80),
  done: z.enum(["yes", "no"]),
});
