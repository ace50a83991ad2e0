import { z } from "zod";
import { idField, optionalField, versionField } from "@/lib/core/form";

/** The longest conclusion a section (or the whole evaluation) may have. */
export const CONCLUSION_MAX = 5000;
export const EVALUATION_TITLE_MAX = 200;

/** CAST opens an evaluation of a plan; the title defaults to 《plan》总结评估. */
export const openEvaluationSchema = z.object({
  planId: idField,
  title: optionalField(z.string().trim().max(EVALUATION_TITLE_MAX, "tooLong")),
});
export type OpenEvaluationInput = z.infer<typeof openEvaluationSchema>;

/** An evaluation at the version the page was opened at (refresh figures, finalise). */
export const versionedEvaluationSchema = z.object({ evaluationId: idField, version: versionField });
export type VersionedEvaluationInput = z.infer<typeof versionedEvaluationSchema>;

const conclusionText = z.string().trim().max(CONCLUSION_MAX, "tooLong");

/** Section conclusions arrive as section_<planItemId> fields next to `overall`. */
function collectSections(raw: unknown) {
  if (!raw || typeof raw !== "object" || "sections" in raw) return raw;
  const fields = raw as Record<string, unknown>;
  const sections: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    const match = /^section_(\d{1,10})$/.exec(key);
    if (match) sections[match[1]!] = value;
  }
  return { ...fields, sections };
}

export const saveConclusionsSchema = z.preprocess(
  collectSections,
  z.object({
    evaluationId: idField,
    version: versionField,
    overall: z.string().trim().min(1, "conclusionRequired").max(CONCLUSION_MAX, "tooLong"),
    sections: z.record(z.string().regex(/^\d+$/), conclusionText),
  }),
);
export type SaveConclusionsInput = z.infer<typeof saveConclusionsSchema>;
