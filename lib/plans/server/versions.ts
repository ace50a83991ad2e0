import "server-only";

// Whole-plan snapshots and versions live in lib/plans/versions.ts (no server-only there: the seed
// loaders record the seeded plans' first version with the same code).
export { planSnapshot, recordPlanVersion } from "@/lib/plans/versions";
export type { PlanVersionAction, PlanVersionItem, PlanVersionSnapshot } from "@/lib/plans/versions";
