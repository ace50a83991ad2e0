import { z } from "zod";
import masterFile from "@/prisma/seed-data/plan-2022-2025.json";
import annualFile from "@/prisma/seed-data/work-points-2023.json";

/** The shapes of the reviewed seed files; parsing fails loudly on a malformed edit. */
const measureSchema = z.object({ key: z.string(), title: z.string().min(1), fullText: z.string().min(1) });

const sectionSchema = z.object({
  key: z.string(),
  number: z.string(),
  title: z.string(),
  focus: z.object({ type: z.enum(["population", "project"]), code: z.string(), name: z.string() }),
  task: z.string().min(1),
  measures: z.array(measureSchema).length(3),
  lead: z.array(z.string()).min(1),
  support: z.array(z.string()),
});

const safeguardSchema = z.object({
  key: z.string(),
  number: z.string(),
  title: z.string(),
  paragraphs: z.array(z.string().min(1)).min(1),
});

export const masterPlanSchema = z.object({
  code: z.string(),
  kind: z.literal("MASTER"),
  title: z.string(),
  shortTitle: z.string(),
  issuer: z.string(),
  documentNumber: z.string(),
  signedOn: z.iso.date(),
  publishedOn: z.iso.date(),
  startYear: z.number().int(),
  endYear: z.number().int(),
  source: z.string(),
  goals: z.array(
    z.object({
      year: z.number().int(),
      text: z.string(),
      indicator: z.string().optional(),
      targetValue: z.number().optional(),
      comparator: z.enum(["GT", "GTE"]).optional(),
    }),
  ),
  indicator: z.object({
    code: z.string(),
    name: z.string(),
    unit: z.string(),
    direction: z.literal("HIGHER"),
    baselineYear: z.number().int(),
    baselineValue: z.number(),
    baselineText: z.string(),
  }),
  phases: z.array(z.object({ name: z.string(), startYear: z.number().int(), endYear: z.number().int(), text: z.string() })).length(3),
  parts: z.tuple([
    z.object({ key: z.string(), number: z.string(), title: z.string(), fullText: z.string(), sections: z.array(sectionSchema).length(4) }),
    z.object({ key: z.string(), number: z.string(), title: z.string(), fullText: z.string(), sections: z.array(sectionSchema).length(6) }),
    z.object({
      key: z.string(),
      number: z.string(),
      title: z.string(),
      fullText: z.string(),
      safeguards: z.array(safeguardSchema).length(3),
    }),
  ]),
});

const workPointSchema = z.object({
  key: z.string(),
  number: z.string(),
  title: z.string(),
  fullText: z.string().min(1),
  pageBreaks: z.number().int().optional(),
  lead: z.array(z.string()).min(1),
  support: z.array(z.object({ unit: z.string(), reason: z.string() })),
  serves: z.array(z.object({ item: z.string(), reason: z.string().min(1) })).min(1),
});

export const annualPlanSchema = z.object({
  code: z.string(),
  kind: z.literal("ANNUAL"),
  title: z.string(),
  shortTitle: z.string(),
  issuer: z.string(),
  documentTitle: z.string(),
  startYear: z.number().int(),
  endYear: z.number().int(),
  parentPlan: z.string(),
  source: z.string(),
  preamble: z.string(),
  sections: z
    .array(
      z.object({ key: z.string(), number: z.string(), title: z.string(), fullText: z.string(), items: z.array(workPointSchema).min(1) }),
    )
    .length(4),
});

export type MasterPlanSeed = z.infer<typeof masterPlanSchema>;
export type AnnualPlanSeed = z.infer<typeof annualPlanSchema>;

export const masterPlanSeed = masterPlanSchema.parse(masterFile);
export const annualPlanSeed = annualPlanSchema.parse(annualFile);
