import { z } from "zod";
import { idField, optionalField, uploadField } from "@/lib/core/form";
import { MAX_WORKBOOK_BYTES } from "@/lib/core/files/workbook";

/** The upload form: one workbook (≤ 10 MB; that it is an .xlsx is judged by its content in the data layer) and, for CAST, the unit it is for (代填). */
export const ledgerUploadSchema = z.object({
  file: uploadField("ledgerImportFile").refine((file) => file.size <= MAX_WORKBOOK_BYTES, "ledgerImportTooLarge"),
  unitId: optionalField(idField),
});

export const LEDGER_IMPORT_MODES = ["DRAFT", "SUBMIT"] as const;

/** 确认导入: the import, how to save (保存方式), and for a batch the first row and how many. */
export const ledgerApplySchema = z.object({
  importId: idField,
  mode: z.enum(LEDGER_IMPORT_MODES, { error: "ledgerImportMode" }),
  from: optionalField(z.coerce.number().int("invalid").min(0, "invalid").max(1_000_000, "invalid")),
  limit: optionalField(z.coerce.number().int("invalid").min(1, "invalid").max(5000, "invalid")),
});

export const ledgerImportCommandSchema = z.object({ importId: idField });
