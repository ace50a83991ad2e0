import { defineOperations } from "@/lib/core/operations";

/** Everything a user can attempt on a plan's summary evaluations (总结评估). */
export const EVALUATION_OPERATIONS = defineOperations({
  listEvaluations: { action: "evaluation.list", permission: "evaluation:read", objectType: "Evaluation" },
  readEvaluation: { action: "evaluation.read", permission: "evaluation:read", objectType: "Evaluation" },
  /** The Word report or the Excel annex, made from the stored version. */
  exportEvaluation: { action: "evaluation.export", permission: "evaluation:read", objectType: "Evaluation" },
  /** Open a new evaluation of a plan: the portal assembles the figures and drafts the conclusions. */
  openEvaluation: { action: "evaluation.open", permission: "evaluation:manage", objectType: "Evaluation" },
  /** Re-assemble the figures of a DRAFT evaluation (a new version; the conclusions are kept). */
  refreshFigures: { action: "evaluation.refresh", permission: "evaluation:manage", objectType: "Evaluation" },
  /** Save edited conclusions of a DRAFT evaluation (a new version). */
  saveConclusions: { action: "evaluation.save_conclusions", permission: "evaluation:manage", objectType: "Evaluation" },
  /** Freeze the evaluation: its figures and conclusions never change again. */
  finaliseEvaluation: { action: "evaluation.finalise", permission: "evaluation:manage", objectType: "Evaluation" },
});
