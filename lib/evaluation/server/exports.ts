import "server-only";
import type { Actor } from "@/lib/core/actor";
import { buildEvaluationAnnex } from "@/lib/evaluation/exports/excel";
import { buildEvaluationDocument, EVALUATION_ISSUER } from "@/lib/evaluation/exports/word";
import { evaluationForExport } from "./evaluations";

function chineseDate(date: Date): string {
  const shanghai = new Date(date.getTime() + 8 * 3_600_000);
  return `${shanghai.getUTCFullYear()}年${shanghai.getUTCMonth() + 1}月${shanghai.getUTCDate()}日`;
}

/** The Word report (总结评估报告) of an evaluation's stored newest version. */
export async function evaluationWord(actor: Actor | null, evaluationId: number) {
  const { evaluation, version, figures, conclusions } = await evaluationForExport(actor, evaluationId, "docx");
  const final = evaluation.status === "FINAL";
  const bytes = await buildEvaluationDocument({
    title: evaluation.title,
    issuer: EVALUATION_ISSUER,
    date: chineseDate(final && evaluation.finalisedAt ? evaluation.finalisedAt : version.createdAt),
    final,
    versionNumber: version.number,
    figures,
    conclusions,
  });
  return { bytes, fileName: `${evaluation.title}${final ? "" : "（草稿）"}.docx` };
}

/** The Excel annex (附件：数据表) of an evaluation's stored newest version. */
export async function evaluationExcel(actor: Actor | null, evaluationId: number) {
  const { evaluation, version, figures, conclusions } = await evaluationForExport(actor, evaluationId, "xlsx");
  const final = evaluation.status === "FINAL";
  const bytes = await buildEvaluationAnnex({ title: evaluation.title, final, versionNumber: version.number, figures, conclusions });
  return { bytes, fileName: `${evaluation.title}-附件数据表${final ? "" : "（草稿）"}.xlsx` };
}
