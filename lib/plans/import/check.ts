import { SHEETS, PLAN_LABELS } from "./format";
import type { ParsedPlanWorkbook, WorkbookProblem } from "./types";

/** What the check needs to know about the portal, read by the data layer and passed in. */
export interface PortalFacts {
  /** Every unit, with its former names (UnitName rows other than the current name). */
  units: { id: number; name: string; type: string; active: boolean; mergedIntoId: number | null; formerNames: string[] }[];
  /** Every plan, with its items' keys (id for items without one: `item-<id>`). */
  plans: {
    id: number;
    code: string;
    kind: string;
    status: string;
    districtId: number | null;
    itemKeys: Map<string, number>;
    /** Its schedule phases by name (an annual or district plan's items may name its parent plan's). */
    phases: Map<string, number>;
  }[];
  /** Existing indicators by code, with the years that already have a target and the plan that set each. */
  indicators: Map<string, { id: number; targets: Map<number, number | null> }>;
}

export interface CheckOptions {
  /** The plan a new version is imported into; empty for a new plan. */
  targetPlanCode?: string | null;
  /** A district liaison's own district (unit id); null for CAST staff, who may import any plan. */
  ownDistrictId: number | null;
}

/** How each name written in the workbook maps to a unit of the portal. */
export type UnitResolution = Record<string, { unitId: number; name: string }>;

export interface CheckResult {
  problems: WorkbookProblem[];
  units: UnitResolution;
  districtId: number | null;
  parentPlanId: number | null;
}

/** Levenshtein distance between two strings, by character. */
export function editDistance(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let i = 1; i <= left.length; i++) {
    const current = [i];
    for (let j = 1; j <= right.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (left[i - 1] === right[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[right.length]!;
}

function sharedCharacters(a: string, b: string): number {
  const pool = [...b];
  let shared = 0;
  for (const char of a) {
    const at = pool.indexOf(char);
    if (at >= 0) {
      shared++;
      pool.splice(at, 1);
    }
  }
  return shared;
}

/**
 * The closest current unit names to an unknown one: fewest edits first, then most characters in
 * common; a candidate must share at least two characters (or half the name) to be offered.
 */
export function suggestUnitNames(unknown: string, names: readonly string[], limit = 3): string[] {
  const needed = Math.min(2, Math.ceil([...unknown].length / 2));
  return names
    .map((name) => ({ name, distance: editDistance(unknown, name), shared: sharedCharacters(unknown, name) }))
    .filter((candidate) => candidate.shared >= needed)
    .sort((a, b) => a.distance - b.distance || b.shared - a.shared || a.name.localeCompare(b.name, "zh-CN"))
    .slice(0, limit)
    .map((candidate) => candidate.name);
}

/** Checks a parsed workbook against the portal: units, district, plan codes, links, indicator targets. */
export function checkAgainstPortal(workbook: ParsedPlanWorkbook, facts: PortalFacts, options: CheckOptions): CheckResult {
  const problems: WorkbookProblem[] = [];
  const plan = workbook.plan;
  const planSheet = SHEETS.plan;
  // The row the particular was read from; the template's own row when the workbook left it out.
  const planLabelRow = (label: (typeof PLAN_LABELS)[number]) => plan.labelRows[label] ?? PLAN_LABELS.indexOf(label) + 2;
  const byId = new Map(facts.units.map((unit) => [unit.id, unit]));
  const active = facts.units.filter((unit) => unit.active);
  const activeNames = active.map((unit) => unit.name);
  /** The current unit a name stands for: its own, or the one it was merged into. */
  const survivor = (unit: PortalFacts["units"][number] | undefined) => {
    let current = unit;
    for (let hops = 0; current && current.mergedIntoId !== null && hops < 10; hops++) current = byId.get(current.mergedIntoId);
    return current;
  };
  const resolve = (name: string) => {
    const exact = facts.units.find((unit) => unit.name === name);
    if (exact) return survivor(exact);
    const former = facts.units.filter((unit) => unit.formerNames.includes(name));
    return former.length === 1 ? survivor(former[0]) : undefined;
  };

  const units: UnitResolution = {};
  for (const item of workbook.items) {
    for (const [names, column] of [
      [item.lead, "H"],
      [item.support, "I"],
    ] as const) {
      for (const name of names) {
        const unit = resolve(name);
        if (unit?.active) {
          units[name] = { unitId: unit.id, name: unit.name };
          continue;
        }
        if (unit) {
          problems.push({ sheet: SHEETS.items, row: item.row, column, message: `单位「${name}」已撤销，不能再分配工作。` });
          continue;
        }
        const suggestions = suggestUnitNames(name, activeNames);
        problems.push({
          sheet: SHEETS.items,
          row: item.row,
          column,
          message: `平台中没有单位「${name}」。${suggestions.length > 0 ? `您是否要填：${suggestions.map((s) => `「${s}」`).join("、")}？` : "请对照「参考_单位」工作表填写。"}`,
        });
      }
    }
  }

  // The plan's code: new for a new plan, the target's own for a new version.
  const existing = facts.plans.find((candidate) => candidate.code === plan.code);
  if (plan.code && options.targetPlanCode) {
    if (plan.code !== options.targetPlanCode)
      problems.push({
        sheet: planSheet,
        row: planLabelRow("规划代码"),
        column: "B",
        message: `工作簿的规划代码「${plan.code}」与要更新的规划「${options.targetPlanCode}」不一致。`,
      });
    else if (existing && plan.kind && existing.kind !== plan.kind)
      problems.push({ sheet: planSheet, row: planLabelRow("规划类型"), column: "B", message: "新版本不能改变规划类型。" });
  } else if (plan.code && existing) {
    problems.push({
      sheet: planSheet,
      row: planLabelRow("规划代码"),
      column: "B",
      message: `规划代码「${plan.code}」已被平台中的规划使用；如要导入该规划的新版本，请在上传时选择该规划。`,
    });
  }

  // District: a district government's unit name, and for a liaison their own.
  let districtId: number | null = null;
  if (plan.kind === "DISTRICT" && plan.district) {
    const unit = resolve(plan.district);
    if (!unit || unit.type !== "DISTRICT_GOVERNMENT" || !unit.active) {
      const districts = active.filter((candidate) => candidate.type === "DISTRICT_GOVERNMENT").map((candidate) => candidate.name);
      const suggestions = suggestUnitNames(plan.district, districts);
      problems.push({
        sheet: planSheet,
        row: planLabelRow("所属区"),
        column: "B",
        message: `「${plan.district}」不是平台中的区。${suggestions.length > 0 ? `您是否要填：${suggestions.map((s) => `「${s}」`).join("、")}？` : ""}`,
      });
    } else {
      districtId = unit.id;
      if (existing && options.targetPlanCode && existing.districtId !== null && existing.districtId !== unit.id)
        problems.push({ sheet: planSheet, row: planLabelRow("所属区"), column: "B", message: "新版本不能改变所属区。" });
    }
  }
  if (options.ownDistrictId !== null) {
    if (plan.kind !== "DISTRICT")
      problems.push({ sheet: planSheet, row: planLabelRow("规划类型"), column: "B", message: "区联络员只能导入本区的区实施方案。" });
    else if (districtId !== null && districtId !== options.ownDistrictId)
      problems.push({
        sheet: planSheet,
        row: planLabelRow("所属区"),
        column: "B",
        message: "只能导入本区的实施方案，所属区须为您所在的区。",
      });
  }

  let parentPlanId: number | null = null;
  if (plan.parentCode) {
    const parent = facts.plans.find((candidate) => candidate.code === plan.parentCode);
    if (!parent || parent.code === plan.code)
      problems.push({
        sheet: planSheet,
        row: planLabelRow("上级规划代码"),
        column: "B",
        message: `平台中没有规划代码为「${plan.parentCode}」的规划。`,
      });
    else parentPlanId = parent.id;
  }

  // Phases: the workbook's own, or the parent plan's (a year's work points run in the master plan's phases).
  const ownPhases = new Set(workbook.phases.map((phase) => phase.name));
  const parentPhases = facts.plans.find((candidate) => candidate.id === parentPlanId)?.phases ?? new Map<string, number>();
  for (const item of workbook.items) {
    if (item.phase && !ownPhases.has(item.phase) && !parentPhases.has(item.phase))
      problems.push({
        sheet: SHEETS.items,
        row: item.row,
        column: "J",
        message: `阶段「${item.phase}」不在「阶段」工作表中${parentPlanId ? "，也不是上级规划的阶段" : ""}。`,
      });
  }

  for (const link of workbook.links) {
    const target = facts.plans.find((candidate) => candidate.code === link.planCode);
    if (!target || target.code === plan.code) {
      problems.push({ sheet: SHEETS.links, row: link.row, column: "B", message: `平台中没有规划代码为「${link.planCode}」的其他规划。` });
    } else if (!target.itemKeys.has(link.toKey)) {
      problems.push({
        sheet: SHEETS.links,
        row: link.row,
        column: "C",
        message: `规划「${link.planCode}」中没有识别码为「${link.toKey}」的条目（见「参考_条目」工作表）。`,
      });
    }
  }

  // An indicator is one series across plans: a year may have one target, set by one plan.
  const targetPlanId = options.targetPlanCode ? (existing?.id ?? null) : null;
  const newCodes = new Set<string>();
  for (const target of workbook.targets) {
    const indicator = facts.indicators.get(target.code);
    if (!indicator && !newCodes.has(target.code)) {
      newCodes.add(target.code);
      if (!target.name)
        problems.push({ sheet: SHEETS.indicators, row: target.row, column: "B", message: `新指标「${target.code}」须填写指标名称。` });
      if (!target.unit)
        problems.push({ sheet: SHEETS.indicators, row: target.row, column: "C", message: `新指标「${target.code}」须填写计量单位。` });
    }
    if (indicator && target.targetYear !== null && indicator.targets.has(target.targetYear)) {
      const owner = indicator.targets.get(target.targetYear);
      if (owner === null || owner !== targetPlanId)
        problems.push({
          sheet: SHEETS.indicators,
          row: target.row,
          column: "I",
          message: `指标「${target.code}」已有 ${target.targetYear} 年的目标（由其他规划设定），同一年只能有一个目标。`,
        });
    }
  }
  return { problems, units, districtId, parentPlanId };
}
