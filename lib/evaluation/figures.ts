/**
 * What a summary evaluation (总结评估) holds: the figures assembled from the database (stored as
 * JSON in each EvaluationVersion, so a finalised evaluation never changes when later data
 * arrives) and the conclusions the portal drafts from them. Pure: no database, used by the data
 * layer, the page and the exports alike.
 */

export const PROGRESS_STATUSES = ["NOT_STARTED", "ON_TRACK", "BEHIND", "COMPLETED", "BLOCKED"] as const;
export type EvaluationStatusKey = (typeof PROGRESS_STATUSES)[number];
export type LightKey = "RED" | "YELLOW" | "GREEN";
export type ChaseLevelKey = "REMIND" | "URGE" | "SUPERVISE";

/** A sum of approved reports' outputs (ReportOutput) in one unit of measure, e.g. 场, 人次, 个. */
export interface OutputTotal {
  unit: string;
  value: number;
}

/** The work done, from approved reports only. */
export interface WorkTotals {
  approvedReports: number;
  /** ProgressReport.eventsHeld summed (场次). */
  eventsHeld: number;
  /** ProgressReport.peopleReached summed (人次). */
  peopleReached: number;
  outputs: OutputTotal[];
}

/** One round of a section: every obligation, its status and light as of the assembly. */
export interface RoundFigures {
  roundId: number;
  reports: number;
  approved: number;
  averageCompletion: number | null;
  statuses: Record<EvaluationStatusKey, number>;
  lights: Record<LightKey, number>;
}

/** How a unit reported on a measure: on time, late, not at all, returned. */
export interface UnitReporting {
  unitId: number;
  name: string;
  role: "LEAD" | "SUPPORT" | null;
  owed: number;
  onTime: number;
  late: number;
  notSubmitted: number;
  approved: number;
  returned: number;
}

export interface ProblemRow {
  unit: string;
  item: string;
  round: string;
  text: string;
  demo: boolean;
}

export interface EvidenceRow {
  fileName: string;
  unit: string;
  round: string;
  item: string;
}

export interface MeasureFigures extends WorkTotals {
  /** null: reports on the section's own item or its work items outside any measure. */
  id: number | null;
  number: string;
  title: string;
  units: UnitReporting[];
  /** Open problems (latest approved report per item and unit, not completed, problems given): the first few. */
  problems: ProblemRow[];
  problemsTotal: number;
  evidence: EvidenceRow[];
  evidenceTotal: number;
}

export interface Rating {
  count: number;
  /** Rounded to hundredths. */
  average: number;
  /** Published (approved) comments. */
  comments: number;
}

export interface SectionFigures extends WorkTotals {
  id: number;
  number: string;
  title: string;
  /** The part it belongs to (三、…), or "". */
  part: string;
  measureCount: number;
  leadUnits: number;
  supportUnits: number;
  measures: MeasureFigures[];
  rounds: RoundFigures[];
  /** Public ratings (公众评价) of the section; null when none or the ratings are not available. */
  rating: Rating | null;
}

export interface UnitOverall {
  unitId: number;
  name: string;
  owed: number;
  onTime: number;
  late: number;
  notSubmitted: number;
  returned: number;
  chases: Record<ChaseLevelKey, number>;
}

export interface IndicatorFigures {
  id: number;
  code: string;
  name: string;
  unit: string;
  demo: boolean;
  baseline: { year: number; value: number; text: string | null; source: string | null } | null;
  /** The plan's headline target for this indicator. */
  target: { year: number; value: number; comparator: string; text: string | null } | null;
  latest: { year: number; value: number; source: string; method: string; demo: boolean } | null;
  /** The latest value against the target; null when either is missing. */
  met: boolean | null;
  targets: { year: number; value: number; comparator: string; text: string | null }[];
  /** The expected path from the baseline through the targets, per year of the plan. */
  expected: { year: number; value: number }[];
}

export interface RoundRef {
  id: number;
  name: string;
  period: string;
  /** YYYY-MM-DD (Shenzhen). */
  deadline: string;
  demo: boolean;
}

export interface EvaluationFigures {
  schema: 1;
  /** ISO instant of the assembly. */
  assembledAt: string;
  plan: { id: number; code: string; title: string; shortTitle: string; startYear: number; endYear: number };
  /** Some of the figures come from demo data (示例数据). */
  demo: boolean;
  totals: WorkTotals & { measureCount: number; sectionCount: number };
  rounds: RoundRef[];
  sections: SectionFigures[];
  units: UnitOverall[];
  indicators: IndicatorFigures[];
  /** Whether public ratings were available to the assembly (lib/feedback). */
  ratingsAvailable: boolean;
}

export interface Conclusions {
  overall: string;
  /** Section id → conclusion. */
  sections: Record<string, string>;
}

export const COMPARATOR_TEXT: Record<string, string> = { GT: "高于", GTE: "不低于", LT: "低于", LTE: "不高于" };

export function targetMet(value: number, target: { value: number; comparator: string }): boolean {
  switch (target.comparator) {
    case "GT":
      return value > target.value;
    case "LT":
      return value < target.value;
    case "LTE":
      return value <= target.value;
    default:
      return value >= target.value;
  }
}

/** 12345.5 → 12345.5; 3 → 3: figures as the tables print them (no thousands separators, at most 2 decimals). */
export function formatNumber(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function outputsText(outputs: OutputTotal[]): string {
  return outputs.map((output) => `${formatNumber(output.value)}${output.unit}`).join("、");
}

function reportingSentence(units: { owed: number; onTime: number; late: number; notSubmitted: number; returned: number }[]) {
  const sum = (key: "owed" | "onTime" | "late" | "notSubmitted" | "returned") => units.reduce((total, unit) => total + unit[key], 0);
  return `各单位应报送${sum("owed")}份，按时报送${sum("onTime")}份、逾期报送${sum("late")}份、未报送${sum("notSubmitted")}份，被退回修改${sum("returned")}次`;
}

/** The newest round with reports, and its figures, for a section. */
function latestRound(section: SectionFigures, rounds: RoundRef[]) {
  const order = new Map(rounds.map((round, index) => [round.id, index]));
  const withReports = section.rounds.filter((round) => round.reports > 0);
  const latest = withReports.sort((a, b) => (order.get(b.roundId) ?? 0) - (order.get(a.roundId) ?? 0))[0];
  return latest ? { figures: latest, ref: rounds.find((round) => round.id === latest.roundId) } : null;
}

/** The portal's draft of a section's conclusion: figures only, in a fixed Chinese template (no invented facts). */
export function draftSectionConclusion(section: SectionFigures, figures: EvaluationFigures): string {
  const parts: string[] = [];
  parts.push(`本部分共${section.measureCount}项举措，涉及牵头单位${section.leadUnits}个、配合单位${section.supportUnits}个。`);
  const roundsWithReports = section.rounds.filter((round) => round.reports > 0).length;
  const outputs = section.outputs.length ? `，报告其他量化成果${outputsText(section.outputs)}` : "";
  parts.push(
    `评估期内共${roundsWithReports}轮报送，已审定报告${section.approvedReports}份，开展活动${formatNumber(section.eventsHeld)}场次、覆盖${formatNumber(section.peopleReached)}人次${outputs}。`,
  );
  const latest = latestRound(section, figures.rounds);
  if (latest?.ref) {
    const { statuses, lights, averageCompletion } = latest.figures;
    const completion = averageCompletion === null ? "" : `，已审定报告平均完成度${averageCompletion}%`;
    parts.push(
      `最近一轮（${latest.ref.name}）应报送${latest.figures.reports}份、已审定${latest.figures.approved}份${completion}；其中已完成${statuses.COMPLETED}份、滞后${statuses.BEHIND}份、受阻${statuses.BLOCKED}份；红灯${lights.RED}项、黄灯${lights.YELLOW}项、绿灯${lights.GREEN}项。`,
    );
  }
  const units = section.measures.flatMap((measure) => measure.units);
  if (units.length) parts.push(`${reportingSentence(units)}。`);
  const problems = section.measures.reduce((sum, measure) => sum + measure.problemsTotal, 0);
  const evidence = section.measures.reduce((sum, measure) => sum + measure.evidenceTotal, 0);
  parts.push(`各单位报告尚待解决的问题${problems}条，提交佐证材料${evidence}份。`);
  if (section.rating) parts.push(`公众评价${section.rating.count}人次，平均${formatNumber(section.rating.average)}分（满分5分）。`);
  return parts.join("");
}

function indicatorSentence(indicator: IndicatorFigures): string {
  const demo = indicator.latest?.demo ? "（示例数据）" : "";
  if (!indicator.latest) return `${indicator.name}暂无监测值。`;
  const latest = `${indicator.name}${indicator.latest.year}年为${formatNumber(indicator.latest.value)}${indicator.unit}${demo}`;
  if (!indicator.target) return `${latest}。`;
  const target = `${indicator.target.year}年目标（${COMPARATOR_TEXT[indicator.target.comparator] ?? ""}${formatNumber(indicator.target.value)}${indicator.unit}）`;
  return `${latest}，${indicator.met ? "已达到" : "尚未达到"}${target}。`;
}

/** The portal's draft of the overall conclusion. */
export function draftOverallConclusion(figures: EvaluationFigures): string {
  const { totals } = figures;
  const parts: string[] = [];
  const outputs = totals.outputs.length ? `，报告其他量化成果${outputsText(totals.outputs)}` : "";
  parts.push(
    `${figures.plan.title}共${totals.sectionCount}个部分、${totals.measureCount}项举措。评估期内共开展${figures.rounds.length}轮进展报送，已审定报告${totals.approvedReports}份，开展活动${formatNumber(totals.eventsHeld)}场次、覆盖${formatNumber(totals.peopleReached)}人次${outputs}。`,
  );
  if (figures.units.length) parts.push(`${reportingSentence(figures.units)}。`);
  const chases = figures.units.reduce((sum, unit) => sum + unit.chases.REMIND + unit.chases.URGE + unit.chases.SUPERVISE, 0);
  parts.push(`共发出提醒、催办和督办${chases}次。`);
  for (const indicator of figures.indicators) parts.push(indicatorSentence(indicator));
  return parts.join("");
}

export function draftConclusions(figures: EvaluationFigures): Conclusions {
  return {
    overall: draftOverallConclusion(figures),
    sections: Object.fromEntries(figures.sections.map((section) => [String(section.id), draftSectionConclusion(section, figures)])),
  };
}

export function parseFigures(json: string): EvaluationFigures {
  return JSON.parse(json) as EvaluationFigures;
}

export function parseConclusions(json: string): Conclusions {
  const parsed = JSON.parse(json) as Partial<Conclusions>;
  return { overall: parsed.overall ?? "", sections: parsed.sections ?? {} };
}
