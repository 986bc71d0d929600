import { z } from "zod";
import { DomainError } from "~/lib/domain-error";
import { isLocalDate, type LocalDate } from "~/lib/local-date";
import { formOptionalText } from "~/modules/journey/form-input";
import { applyPlanEdits } from "~/modules/journey/plan-edit";
import { stageOn, type PlanTask, type QuitPlan } from "~/modules/journey/plan";
import { COPING_STRATEGIES } from "~/modules/journey/triggers";

/** What a coach may change in a member's plan; everything else stays as the member has it. */
export type PlanChanges = {
  quitDate?: LocalDate;
  /** New daily targets, one per day of the plan's cutting-down days, in order. */
  targets?: number[];
  coping?: { trigger: string; strategyKey: (typeof COPING_STRATEGIES)[number] };
  extraTask?: string;
};

const optionalDate = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z.string().refine(isLocalDate, "journey:errors.dateInvalid").optional(),
);

/** The coach's proposal form. Targets arrive as one comma-separated line ("10, 8, 6"). */
export const planProposalSchema = z
  .object({
    quitDate: optionalDate,
    targets: z.preprocess(
      (v) => (typeof v === "string" && v.trim() !== "" ? v.split(",").map((x) => x.trim()) : undefined),
      z
        .array(
          z.preprocess(
            (x) => (typeof x === "string" ? Number(x) : x),
            z
              .number({ invalid_type_error: "journey:errors.targetInvalid" })
              .int("journey:errors.targetInvalid")
              .min(0, "journey:errors.targetInvalid")
              .max(200, "journey:errors.targetInvalid"),
          ),
        )
        .max(60, "journey:errors.targetInvalid")
        .optional(),
    ),
    copingTrigger: formOptionalText(60, "journey:errors.customTriggerTooLong"),
    copingStrategy: z.preprocess((v) => (v === "" ? undefined : v), z.enum(COPING_STRATEGIES).optional()),
    extraTask: formOptionalText(200, "caseload:errors.taskTooLong"),
    note: formOptionalText(500, "caseload:errors.noteTooLong"),
  })
  .superRefine((v, ctx) => {
    if (!!v.copingTrigger !== !!v.copingStrategy)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["copingStrategy"], message: "caseload:errors.copingIncomplete" });
    if (!v.quitDate && !v.targets && !v.copingTrigger && !v.extraTask)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [], message: "caseload:errors.proposalEmpty" });
  });

export function planChangesFrom(input: z.output<typeof planProposalSchema>): PlanChanges {
  return {
    ...(input.quitDate ? { quitDate: input.quitDate } : {}),
    ...(input.targets ? { targets: input.targets } : {}),
    ...(input.copingTrigger && input.copingStrategy ? { coping: { trigger: input.copingTrigger, strategyKey: input.copingStrategy } } : {}),
    ...(input.extraTask ? { extraTask: input.extraTask } : {}),
  };
}

/** Stored changes are read back through the same shape, so a hand-edited row cannot smuggle anything else in. */
const storedChangesSchema = z.object({
  quitDate: z.string().refine(isLocalDate).optional(),
  targets: z.array(z.number().int().min(0).max(200)).max(60).optional(),
  coping: z.object({ trigger: z.string().min(1).max(60), strategyKey: z.enum(COPING_STRATEGIES) }).optional(),
  extraTask: z.string().min(1).max(200).optional(),
});

export function storedPlanChanges(value: unknown): PlanChanges {
  const parsed = storedChangesSchema.safeParse(value);
  if (!parsed.success) throw new DomainError("invalid", "caseload:errors.proposalInvalid");
  return parsed.data;
}

/**
 * The member's plan with a coach's changes, by the journey's own plan-edit rules: a new quit date
 * moves every stage and re-spreads the targets; targets must match the plan's days and never
 * exceed the usual number a day. A coping strategy joins the plan (replacing one for the same
 * trigger) with a task to practise it, and an extra task joins the stage the member is in today.
 */
export function applyPlanChanges(plan: QuitPlan, changes: PlanChanges, a: { today: LocalDate; baselinePerDay: number }): QuitPlan {
  let next = plan;
  if (changes.quitDate !== undefined || changes.targets !== undefined) {
    next = applyPlanEdits(
      plan,
      {
        reasons: plan.reasons,
        quitDate: changes.quitDate ?? plan.quitDate,
        stageStarts: plan.stages.map((s) => s.startDate),
        targets: changes.targets ?? plan.dailyTargets.map((d) => d.target),
      },
      a,
    );
  }
  const current = stageOn(next, a.today).key;
  const tasksToAdd: PlanTask[] = [
    ...(changes.coping
      ? [{ key: "journey:tasks.practiseStrategy", params: { trigger: changes.coping.trigger, strategy: changes.coping.strategyKey } }]
      : []),
    ...(changes.extraTask ? [{ key: "journey:tasks.fromCoach", params: { text: changes.extraTask } }] : []),
  ];
  return {
    ...next,
    copingStrategies: changes.coping
      ? [
          ...next.copingStrategies.filter((c) => c.trigger !== changes.coping!.trigger),
          { trigger: changes.coping.trigger, strategyKey: changes.coping.strategyKey, emphasised: true },
        ]
      : next.copingStrategies,
    stages: tasksToAdd.length
      ? next.stages.map((s) => (s.key === current ? { ...s, tasks: [...s.tasks, ...tasksToAdd] } : s))
      : next.stages,
  };
}
