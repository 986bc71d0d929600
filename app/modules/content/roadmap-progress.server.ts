import { and, eq } from "drizzle-orm";
import type { Database } from "#db/client.server";
import { roadmapStepProgress } from "#db/schema";
import { DomainError } from "~/lib/domain-error";
import type { RoadmapStep } from "./roadmap";

/** The ids of the steps this member ticked on this roadmap (their own rows only). */
export async function doneRoadmapSteps(db: Database, userId: string, itemId: string): Promise<Set<string>> {
  const rows = await db
    .select({ stepId: roadmapStepProgress.stepId })
    .from(roadmapStepProgress)
    .where(and(eq(roadmapStepProgress.userId, userId), eq(roadmapStepProgress.itemId, itemId)));
  return new Set(rows.map((r) => r.stepId));
}

/**
 * Ticks or unticks one step of a published roadmap for this member. Idempotent: ticking a ticked
 * step keeps its first time, unticking an unticked one changes nothing. A step the roadmap does not have is a 404.
 */
export async function markRoadmapStep(
  db: Database,
  userId: string,
  roadmap: { id: string; steps: readonly RoadmapStep[] },
  stepId: string,
  done: boolean,
): Promise<void> {
  if (!roadmap.steps.some((s) => s.id === stepId)) throw new DomainError("not-found", "content:errors.noSuchStep");
  if (done) {
    await db.insert(roadmapStepProgress).values({ userId, itemId: roadmap.id, stepId }).onConflictDoNothing();
  } else {
    await db
      .delete(roadmapStepProgress)
      .where(
        and(eq(roadmapStepProgress.userId, userId), eq(roadmapStepProgress.itemId, roadmap.id), eq(roadmapStepProgress.stepId, stepId)),
      );
  }
}
