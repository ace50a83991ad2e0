import "server-only";
import type { Actor } from "@/lib/core/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appendAudit } from "@/lib/audit/server/record";
import { authorize, deny } from "@/lib/core/authz";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { auditTarget, mayAttemptOnAny } from "@/lib/core/operations";
import { shanghaiDayStart } from "@/lib/core/time";
import { onUniqueViolation } from "@/lib/core/unique-violation";
import { ASSESSMENT_OPERATIONS } from "@/lib/assessment/operations";
import {
  DEFAULT_RULES,
  parseLines,
  parseRules,
  rank,
  rulesErrors,
  scoreUnit,
  type AssessmentRules,
  type ScoreLine,
  type UnitFigures,
} from "@/lib/assessment/rules";
import type { CreateAssessmentInput, FinaliseAssessmentInput, UpdateRulesInput } from "@/lib/assessment/schemas";

type Tx = Prisma.TransactionClient;
const DAY = 86_400_000;

/** The rounds of a year: those whose deadline falls in it (Shenzhen's calendar). */
function deadlineInYear(year: number) {
  return { gte: shanghaiDayStart(`${year}-01-01`), lt: shanghaiDayStart(`${year + 1}-01-01`) };
}

/**
 * Every unit's raw figures for a year, from grouped queries over the year's rounds (a handful of
 * statements whatever the number of reports; no report row is loaded into JavaScript). A report is
 * on time when submitted before the end of its round's deadline day, as on the dashboard.
 */
export async function yearFigures(client: Tx | typeof db, year: number): Promise<Map<number, UnitFigures>> {
  const rounds = await client.reportingRound.findMany({ where: { deadline: deadlineInYear(year) }, select: { id: true, deadline: true } });
  const figures = new Map<number, UnitFigures>();
  if (rounds.length === 0) return figures;
  const roundId = { in: rounds.map((round) => round.id) };
  const [due, onTime, sent, approvedNoReturn, chases] = await Promise.all([
    client.progressReport.groupBy({ by: ["unitId"], where: { roundId }, _count: { _all: true } }),
    client.progressReport.groupBy({
      by: ["unitId"],
      where: { OR: rounds.map((round) => ({ roundId: round.id, submittedAt: { lt: new Date(round.deadline.getTime() + DAY) } })) },
      _count: { _all: true },
    }),
    client.progressReport.groupBy({
      by: ["unitId"],
      where: { roundId, submittedAt: { not: null } },
      _count: { _all: true },
      _avg: { completion: true },
    }),
    client.progressReport.groupBy({
      by: ["unitId"],
      where: { roundId, state: "APPROVED", events: { none: { type: "RETURNED" } } },
      _count: { _all: true },
    }),
    client.chase.groupBy({ by: ["unitId"], where: { roundId }, _count: { _all: true } }),
  ]);
  for (const row of due) {
    figures.set(row.unitId, { due: row._count._all, onTime: 0, sent: 0, approvedNoReturn: 0, completion: null, chases: 0 });
  }
  for (const row of onTime) figures.get(row.unitId)!.onTime = row._count._all;
  for (const row of sent) {
    const unit = figures.get(row.unitId)!;
    unit.sent = row._count._all;
    unit.completion = row._avg.completion;
  }
  for (const row of approvedNoReturn) figures.get(row.unitId)!.approvedNoReturn = row._count._all;
  for (const row of chases) {
    const unit = figures.get(row.unitId);
    if (unit) unit.chases = row._count._all;
  }
  return figures;
}

/** Computes and stores every unit's score and rank for the year, replacing the draft's earlier ones. */
async function storeScores(tx: Tx, assessmentYearId: number, year: number, rules: AssessmentRules) {
  const figures = await yearFigures(tx, year);
  const scored = rank([...figures].map(([unitId, unitFigures]) => ({ unitId, ...scoreUnit(unitFigures, rules) })));
  await tx.assessmentScore.deleteMany({ where: { assessmentYearId } });
  await tx.assessmentScore.createMany({
    data: scored.map((row) => ({
      assessmentYearId,
      unitId: row.unitId,
      score: row.score,
      rank: row.rank,
      lines: JSON.stringify(row.lines),
    })),
  });
  return scored.length;
}

function checkRules(rules: AssessmentRules) {
  const fieldErrors = rulesErrors(rules);
  if (Object.keys(fieldErrors).length > 0) {
    const messageKey = fieldErrors.weights ? "assessmentWeightsSum" : "VALIDATION";
    throw new AppError("VALIDATION", messageKey, {}, fieldErrors);
  }
}

async function findYear(year: number) {
  const row = await db.assessmentYear.findUnique({ where: { year } });
  if (!row) throw new AppError("NOT_FOUND");
  return row;
}

/**
 * Claims the year for a write: bumps its version while it is still a DRAFT at the version the
 * caller saw (if given). A conditional update, so a concurrent finalise or edit on PostgreSQL
 * (READ COMMITTED) waits for the row and then finds nothing to update rather than overwriting.
 */
async function claimDraft(tx: Tx, id: number, version: number | undefined, data: Prisma.AssessmentYearUpdateManyMutationInput) {
  const { count } = await tx.assessmentYear.updateMany({
    where: { id, status: "DRAFT", ...(version === undefined ? {} : { version }) },
    data: { ...data, version: { increment: 1 } },
  });
  if (count === 0) {
    const current = await tx.assessmentYear.findUniqueOrThrow({ where: { id } });
    if (current.status === "FINAL") throw new AppError("CONFLICT", "assessmentFinal");
    throw new AppError("CONFLICT", "staleAssessment");
  }
}

export interface AssessmentYearSummary {
  year: number;
  status: "DRAFT" | "FINAL";
  rules: AssessmentRules;
  version: number;
  computedAt: Date | null;
  finalisedAt: Date | null;
  finalisedByName: string | null;
  units: number;
}

/** The assessment years, newest first, with how many units each scored. */
export async function listAssessmentYears(actor: Actor | null): Promise<AssessmentYearSummary[]> {
  await authorize(actor, ASSESSMENT_OPERATIONS.listYears);
  const years = await db.assessmentYear.findMany({ orderBy: { year: "desc" }, include: { _count: { select: { scores: true } } } });
  return years.map((row) => ({
    year: row.year,
    status: row.status,
    rules: parseRules(row.rules),
    version: row.version,
    computedAt: row.computedAt,
    finalisedAt: row.finalisedAt,
    finalisedByName: row.finalisedByName,
    units: row._count.scores,
  }));
}

export interface ScoreRow {
  unitId: number;
  unitName: string;
  score: number;
  rank: number;
  lines: ScoreLine[];
}

/** The ranked scores of a unit set (all for leaders and CAST, the own unit for a liaison). */
async function scoreRows(assessmentYearId: number, unitId?: number): Promise<ScoreRow[]> {
  const scores = await db.assessmentScore.findMany({
    where: { assessmentYearId, ...(unitId === undefined ? {} : { unitId }) },
    orderBy: [{ rank: "asc" }, { unitId: "asc" }],
    include: { unit: { select: { name: true } } },
  });
  return scores.map((row) => ({
    unitId: row.unitId,
    unitName: row.unit.name,
    score: row.score,
    rank: row.rank,
    lines: parseLines(row.lines),
  }));
}

/**
 * A year's ranked table with each unit's calculation. A liaison gets their own unit's row only
 * (with its rank among all units): the data layer decides, not the page.
 */
export async function getAssessmentYear(actor: Actor | null, year: number) {
  const reader = await authorize(actor, ASSESSMENT_OPERATIONS.readYear, year);
  const row = await findYear(year);
  let unitId: number | undefined;
  if (!mayAttemptOnAny(reader.role, ASSESSMENT_OPERATIONS.readYear)) {
    if (reader.unitId === null) return deny(reader, ASSESSMENT_OPERATIONS.readYear, year, "no_unit");
    unitId = reader.unitId;
  }
  const totalUnits = await db.assessmentScore.count({ where: { assessmentYearId: row.id } });
  return {
    year: row.year,
    status: row.status,
    rules: parseRules(row.rules),
    version: row.version,
    computedAt: row.computedAt,
    createdByName: row.createdByName,
    finalisedAt: row.finalisedAt,
    finalisedByName: row.finalisedByName,
    ownUnitOnly: unitId !== undefined,
    totalUnits,
    scores: await scoreRows(row.id, unitId),
  };
}

/** One unit's score and calculation; a liaison may ask for their own unit's only (refused and audited otherwise). */
export async function getAssessmentScore(actor: Actor | null, year: number, unitId: number): Promise<ScoreRow | null> {
  const reader = await authorize(actor, ASSESSMENT_OPERATIONS.readYear, year);
  if (!mayAttemptOnAny(reader.role, ASSESSMENT_OPERATIONS.readYear) && reader.unitId !== unitId) {
    return deny(reader, ASSESSMENT_OPERATIONS.readYear, year, "not_own_unit");
  }
  const row = await findYear(year);
  return (await scoreRows(row.id, unitId))[0] ?? null;
}

/** The table for the export: every unit (leaders and CAST only). */
export async function assessmentExportRows(actor: Actor | null, year: number) {
  await authorize(actor, ASSESSMENT_OPERATIONS.exportYear, year);
  const row = await findYear(year);
  return { year: row.year, status: row.status, rules: parseRules(row.rules), scores: await scoreRows(row.id) };
}

/** CAST opens a year's assessment with the default weights and computes it at once. */
export async function createAssessmentYear(actor: Actor | null, input: CreateAssessmentInput, now = new Date()) {
  const admin = await authorize(actor, ASSESSMENT_OPERATIONS.createYear, input.year);
  const exists = () => new AppError("CONFLICT", "assessmentYearExists", { year: input.year }, { year: "assessmentYearExists" });
  if (await db.assessmentYear.findUnique({ where: { year: input.year } })) throw exists();
  return onUniqueViolation(
    () =>
      db.$transaction(
        async (tx) => {
          const row = await tx.assessmentYear.create({
            data: {
              year: input.year,
              rules: JSON.stringify(DEFAULT_RULES),
              computedAt: now,
              createdById: admin.userId,
              createdByName: admin.displayName,
              createdAt: now,
            },
          });
          const units = await storeScores(tx, row.id, input.year, DEFAULT_RULES);
          await appendAudit(
            tx,
            {
              ...auditTarget(ASSESSMENT_OPERATIONS.createYear, row.id),
              result: "SUCCESS",
              actor: admin,
              details: { year: input.year, rules: DEFAULT_RULES, units },
            },
            now,
          );
          return row;
        },
        { timeout: 30_000 },
      ),
    [[{ model: "AssessmentYear", fields: ["year"] }, exists]],
  );
}

/** CAST changes a draft year's weights (non-negative, summing to 100); the scores are computed again with them. */
export async function updateAssessmentRules(actor: Actor | null, input: UpdateRulesInput, now = new Date()) {
  const admin = await authorize(actor, ASSESSMENT_OPERATIONS.updateRules, input.year);
  const rules: AssessmentRules = {
    weights: { onTime: input.onTime, noReturn: input.noReturn, completion: input.completion, chases: input.chases },
    chasePenalty: input.chasePenalty,
  };
  checkRules(rules);
  const row = await findYear(input.year);
  return db.$transaction(
    async (tx) => {
      await claimDraft(tx, row.id, input.version, { rules: JSON.stringify(rules), computedAt: now });
      const units = await storeScores(tx, row.id, row.year, rules);
      await appendAudit(
        tx,
        {
          ...auditTarget(ASSESSMENT_OPERATIONS.updateRules, row.id),
          result: "SUCCESS",
          actor: admin,
          details: { year: row.year, before: parseRules(row.rules), after: rules, units },
        },
        now,
      );
      return { version: input.version + 1 };
    },
    { timeout: 30_000 },
  );
}

/** CAST computes a draft year again from today's data; a FINAL year is refused (its scores are frozen). */
export async function computeAssessment(actor: Actor | null, year: number, now = new Date()) {
  const admin = await authorize(actor, ASSESSMENT_OPERATIONS.compute, year);
  const row = await findYear(year);
  return db.$transaction(
    async (tx) => {
      await claimDraft(tx, row.id, undefined, { computedAt: now });
      const units = await storeScores(tx, row.id, row.year, parseRules(row.rules));
      await appendAudit(
        tx,
        { ...auditTarget(ASSESSMENT_OPERATIONS.compute, row.id), result: "SUCCESS", actor: admin, details: { year, units } },
        now,
      );
      return { units };
    },
    { timeout: 30_000 },
  );
}

/**
 * CAST finalises the year from the version on screen: the scores are computed one last time and
 * then frozen with the rules used. Nothing changes them afterwards, whatever data arrives later.
 */
export async function finaliseAssessment(actor: Actor | null, input: FinaliseAssessmentInput, now = new Date()) {
  const admin = await authorize(actor, ASSESSMENT_OPERATIONS.finalise, input.year);
  const row = await findYear(input.year);
  return db.$transaction(
    async (tx) => {
      await claimDraft(tx, row.id, input.version, {
        status: "FINAL",
        computedAt: now,
        finalisedAt: now,
        finalisedById: admin.userId,
        finalisedByName: admin.displayName,
      });
      const units = await storeScores(tx, row.id, row.year, parseRules(row.rules));
      await appendAudit(
        tx,
        {
          ...auditTarget(ASSESSMENT_OPERATIONS.finalise, row.id),
          result: "SUCCESS",
          actor: admin,
          details: { year: row.year, rules: parseRules(row.rules), units },
        },
        now,
      );
      return { units };
    },
    { timeout: 30_000 },
  );
}
