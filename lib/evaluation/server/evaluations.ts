import "server-only";
import type { Actor } from "@/lib/core/actor";
import { appendAudit, audit } from "@/lib/audit/server/record";
import { authorize } from "@/lib/core/authz";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { auditTarget } from "@/lib/core/operations";
import { EVALUATION_OPERATIONS } from "@/lib/evaluation/operations";
import { draftConclusions, parseConclusions, parseFigures, type Conclusions, type EvaluationFigures } from "@/lib/evaluation/figures";
import type { OpenEvaluationInput, SaveConclusionsInput, VersionedEvaluationInput } from "@/lib/evaluation/schemas";
import { assembleEvaluation } from "./assemble";

/**
 * A plan's summary evaluations (总结评估). Every change makes a new EvaluationVersion (figures and
 * conclusions as JSON) and raises Evaluation.version, the optimistic lock; each write checks the
 * evaluation is still a DRAFT at the version the form was opened at, in the same UPDATE, so a
 * finalised evaluation can never change again (its figures stay as assembled: later approvals
 * reach only a new evaluation or a refresh of a draft).
 */

const SUMMARY_SELECT = {
  id: true,
  planId: true,
  title: true,
  status: true,
  version: true,
  createdByName: true,
  createdAt: true,
  finalisedByName: true,
  finalisedAt: true,
  plan: { select: { code: true, shortTitle: true, title: true } },
} as const;

export async function listEvaluations(actor: Actor | null) {
  await authorize(actor, EVALUATION_OPERATIONS.listEvaluations);
  const [evaluations, plans] = await Promise.all([
    db.evaluation.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 200, select: SUMMARY_SELECT }),
    db.plan.findMany({
      where: { status: { not: "DRAFT" } },
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      select: { id: true, code: true, shortTitle: true, title: true, startYear: true, endYear: true },
    }),
  ]);
  return { evaluations, plans };
}

/** An evaluation with its newest version (or the one asked for) and the list of versions. */
export async function getEvaluation(actor: Actor | null, evaluationId: number, versionNumber?: number) {
  await authorize(actor, EVALUATION_OPERATIONS.readEvaluation, evaluationId);
  return loadEvaluation(evaluationId, versionNumber);
}

async function loadEvaluation(evaluationId: number, versionNumber?: number) {
  const evaluation = await db.evaluation.findUnique({ where: { id: evaluationId }, select: SUMMARY_SELECT });
  if (!evaluation) throw new AppError("NOT_FOUND");
  const [version, versions] = await Promise.all([
    db.evaluationVersion.findUnique({
      where: { evaluationId_number: { evaluationId, number: versionNumber ?? evaluation.version } },
    }),
    db.evaluationVersion.findMany({
      where: { evaluationId },
      orderBy: { number: "desc" },
      select: { number: true, reason: true, createdByName: true, createdAt: true },
    }),
  ]);
  if (!version) throw new AppError("NOT_FOUND");
  return {
    evaluation,
    version: { number: version.number, reason: version.reason, createdAt: version.createdAt, createdByName: version.createdByName },
    figures: parseFigures(version.figures),
    conclusions: parseConclusions(version.conclusions),
    versions,
  };
}

/** The stored version the Word report and the Excel annex are made from (never recomputed); audited as an export. */
export async function evaluationForExport(actor: Actor | null, evaluationId: number, format: "docx" | "xlsx") {
  const checked = await authorize(actor, EVALUATION_OPERATIONS.exportEvaluation, evaluationId);
  const loaded = await loadEvaluation(evaluationId);
  await audit({
    ...auditTarget(EVALUATION_OPERATIONS.exportEvaluation, evaluationId),
    result: "SUCCESS",
    actor: checked,
    details: { format, version: loaded.version.number },
  });
  return loaded;
}

/** CAST opens a new evaluation of a plan: the figures assembled now, the conclusions drafted from them (version 1). */
export async function openEvaluation(actor: Actor | null, input: OpenEvaluationInput, now = new Date()) {
  const admin = await authorize(actor, EVALUATION_OPERATIONS.openEvaluation, input.planId);
  const plan = await db.plan.findUnique({ where: { id: input.planId }, select: { id: true, title: true } });
  if (!plan) throw new AppError("NOT_FOUND");
  const figures = await assembleEvaluation(plan.id, now);
  const conclusions = draftConclusions(figures);
  const title = input.title?.trim() || `${plan.title}总结评估`;
  return db.$transaction(async (tx) => {
    const evaluation = await tx.evaluation.create({
      data: {
        planId: plan.id,
        title,
        version: 1,
        createdById: admin.userId,
        createdByName: admin.displayName,
        createdAt: now,
        versions: {
          create: {
            number: 1,
            reason: "ASSEMBLED",
            figures: JSON.stringify(figures),
            conclusions: JSON.stringify(conclusions),
            createdById: admin.userId,
            createdByName: admin.displayName,
            createdAt: now,
          },
        },
      },
      select: { id: true },
    });
    await appendAudit(
      tx,
      {
        ...auditTarget(EVALUATION_OPERATIONS.openEvaluation, evaluation.id),
        result: "SUCCESS",
        actor: admin,
        details: { planId: plan.id, title, approvedReports: figures.totals.approvedReports },
      },
      now,
    );
    return evaluation;
  });
}

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/**
 * Claims the next version of a DRAFT evaluation opened at `version`: one conditional UPDATE, so two
 * saves from the same version, or a save after finalising, change nothing and get a Chinese message.
 */
async function claimNextVersion(tx: Tx, evaluationId: number, version: number) {
  const { count } = await tx.evaluation.updateMany({
    where: { id: evaluationId, version, status: "DRAFT" },
    data: { version: { increment: 1 } },
  });
  if (count === 1) return version + 1;
  const current = await tx.evaluation.findUnique({ where: { id: evaluationId }, select: { status: true } });
  if (!current) throw new AppError("NOT_FOUND");
  throw new AppError("CONFLICT", current.status === "FINAL" ? "evaluationFinal" : "staleEvaluation");
}

async function addVersion(
  actor: Actor,
  evaluationId: number,
  version: number,
  reason: "REFRESHED" | "CONCLUSIONS",
  content: (previous: { figures: string; conclusions: string }) => { figures: string; conclusions: string; details: object },
  operation: (typeof EVALUATION_OPERATIONS)["refreshFigures" | "saveConclusions"],
  now: Date,
) {
  return db.$transaction(async (tx) => {
    const number = await claimNextVersion(tx, evaluationId, version);
    const previous = await tx.evaluationVersion.findUnique({
      where: { evaluationId_number: { evaluationId, number: version } },
      select: { figures: true, conclusions: true },
    });
    if (!previous) throw new AppError("NOT_FOUND");
    const next = content(previous);
    await tx.evaluationVersion.create({
      data: {
        evaluationId,
        number,
        reason,
        figures: next.figures,
        conclusions: next.conclusions,
        createdById: actor.userId,
        createdByName: actor.displayName,
        createdAt: now,
      },
    });
    await appendAudit(
      tx,
      { ...auditTarget(operation, evaluationId), result: "SUCCESS", actor, details: { version: number, ...next.details } },
      now,
    );
    return { version: number };
  });
}

/** CAST saves edited conclusions (a new version with the same figures). Sections not in the figures are ignored. */
export async function saveConclusions(actor: Actor | null, input: SaveConclusionsInput, now = new Date()) {
  const admin = await authorize(actor, EVALUATION_OPERATIONS.saveConclusions, input.evaluationId);
  return addVersion(
    admin,
    input.evaluationId,
    input.version,
    "CONCLUSIONS",
    (previous) => {
      const figures = parseFigures(previous.figures);
      const before = parseConclusions(previous.conclusions);
      const sections: Conclusions["sections"] = {};
      for (const section of figures.sections) {
        const key = String(section.id);
        sections[key] = input.sections[key]?.trim() ?? before.sections[key] ?? "";
      }
      const conclusions: Conclusions = { overall: input.overall.trim(), sections };
      const changed = [
        ...(conclusions.overall !== before.overall ? ["overall"] : []),
        ...Object.keys(sections).filter((key) => sections[key] !== before.sections[key]),
      ];
      return { figures: previous.figures, conclusions: JSON.stringify(conclusions), details: { changed } };
    },
    EVALUATION_OPERATIONS.saveConclusions,
    now,
  );
}

/**
 * CAST re-assembles the figures of a DRAFT (a new version). The conclusions are kept as they
 * stand; a section that is new in the figures gets the portal's draft.
 */
export async function refreshFigures(actor: Actor | null, input: VersionedEvaluationInput, now = new Date()) {
  const admin = await authorize(actor, EVALUATION_OPERATIONS.refreshFigures, input.evaluationId);
  const evaluation = await db.evaluation.findUnique({ where: { id: input.evaluationId }, select: { planId: true } });
  if (!evaluation) throw new AppError("NOT_FOUND");
  const figures: EvaluationFigures = await assembleEvaluation(evaluation.planId, now);
  const drafted = draftConclusions(figures);
  return addVersion(
    admin,
    input.evaluationId,
    input.version,
    "REFRESHED",
    (previous) => {
      const before = parseConclusions(previous.conclusions);
      const sections = Object.fromEntries(Object.entries(drafted.sections).map(([key, text]) => [key, before.sections[key] ?? text]));
      return {
        figures: JSON.stringify(figures),
        conclusions: JSON.stringify({ overall: before.overall || drafted.overall, sections }),
        details: { approvedReports: figures.totals.approvedReports },
      };
    },
    EVALUATION_OPERATIONS.refreshFigures,
    now,
  );
}

/** CAST finalises the evaluation at the version they saw: from then on it is frozen. */
export async function finaliseEvaluation(actor: Actor | null, input: VersionedEvaluationInput, now = new Date()) {
  const admin = await authorize(actor, EVALUATION_OPERATIONS.finaliseEvaluation, input.evaluationId);
  return db.$transaction(async (tx) => {
    const { count } = await tx.evaluation.updateMany({
      where: { id: input.evaluationId, version: input.version, status: "DRAFT" },
      data: { status: "FINAL", finalisedById: admin.userId, finalisedByName: admin.displayName, finalisedAt: now },
    });
    if (count === 0) {
      const current = await tx.evaluation.findUnique({ where: { id: input.evaluationId }, select: { status: true } });
      if (!current) throw new AppError("NOT_FOUND");
      throw new AppError("CONFLICT", current.status === "FINAL" ? "evaluationFinal" : "staleEvaluation");
    }
    await appendAudit(
      tx,
      {
        ...auditTarget(EVALUATION_OPERATIONS.finaliseEvaluation, input.evaluationId),
        result: "SUCCESS",
        actor: admin,
        details: { version: input.version },
      },
      now,
    );
    return { version: input.version };
  });
}
