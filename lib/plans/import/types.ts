import type { ComparatorCode, CycleCode, DirectionCode, ItemKindCode, LinkTypeCode, PlanKindCode } from "./format";

/** One problem of a workbook, where it is and what is wrong, in Chinese. */
export interface WorkbookProblem {
  sheet: string;
  row?: number;
  column?: string;
  message: string;
}

export interface ParsedPlanInfo {
  code: string;
  kind: PlanKindCode | null;
  title: string;
  shortTitle: string;
  issuer: string;
  documentNumber: string | null;
  signedOn: string | null;
  publishedOn: string | null;
  startYear: number | null;
  endYear: number | null;
  parentCode: string | null;
  district: string | null;
  preamble: string | null;
  source: string | null;
  /** The row each particular was read from, for the problems that name one. */
  labelRows: Record<string, number>;
}

export interface ParsedPhase {
  row: number;
  position: number;
  name: string;
  startYear: number;
  endYear: number;
  text: string;
}

export interface ParsedItem {
  row: number;
  key: string;
  parentKey: string | null;
  kind: ItemKindCode;
  number: string | null;
  title: string;
  taskStatement: string | null;
  fullText: string;
  /** Unit names exactly as written. */
  lead: string[];
  support: string[];
  phase: string | null;
  startDate: string | null;
  dueDate: string | null;
  reportingCycle: CycleCode | null;
  note: string | null;
}

export interface ParsedGoal {
  row: number;
  year: number;
  text: string;
  indicatorCode: string | null;
  targetValue: number | null;
  comparator: ComparatorCode | null;
}

export interface ParsedTarget {
  row: number;
  code: string;
  name: string;
  unit: string;
  direction: DirectionCode | null;
  itemKey: string | null;
  baselineYear: number | null;
  baselineValue: number | null;
  baselineText: string | null;
  targetYear: number | null;
  targetValue: number | null;
  comparator: ComparatorCode | null;
  targetText: string | null;
}

export interface ParsedLink {
  row: number;
  fromKey: string;
  planCode: string;
  toKey: string;
  type: LinkTypeCode;
  reason: string;
}

/** The workbook as read: what the sheets say, before it is checked against the portal. */
export interface ParsedPlanWorkbook {
  plan: ParsedPlanInfo;
  phases: ParsedPhase[];
  items: ParsedItem[];
  goals: ParsedGoal[];
  targets: ParsedTarget[];
  links: ParsedLink[];
}

export function emptyWorkbook(): ParsedPlanWorkbook {
  return {
    plan: {
      code: "",
      kind: null,
      title: "",
      shortTitle: "",
      issuer: "",
      documentNumber: null,
      signedOn: null,
      publishedOn: null,
      startYear: null,
      endYear: null,
      parentCode: null,
      district: null,
      preamble: null,
      source: null,
      labelRows: {},
    },
    phases: [],
    items: [],
    goals: [],
    targets: [],
    links: [],
  };
}
