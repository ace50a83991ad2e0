/**
 * 年度考核 scoring, as pure functions (no database): the rules CAST sets for a year, and a unit's
 * score computed line by line from its raw figures. The data layer stores the rules and the lines
 * with the result, so a finalised year shows exactly how each score was made.
 */

export const WEIGHT_KEYS = ["onTime", "noReturn", "completion", "chases"] as const;
export type WeightKey = (typeof WEIGHT_KEYS)[number];

export interface AssessmentRules {
  /** Points out of 100 for each part; non-negative, summing to 100. */
  weights: Record<WeightKey, number>;
  /** Points of the chases part lost per chase (提醒/催办/督办) received; the part does not go below 0. */
  chasePenalty: number;
}

export const DEFAULT_RULES: AssessmentRules = {
  weights: { onTime: 40, noReturn: 30, completion: 20, chases: 10 },
  chasePenalty: 2,
};

export const WEIGHT_LABELS: Record<WeightKey, string> = {
  onTime: "按时报送",
  noReturn: "一次通过（未被退回）",
  completion: "报送完成度",
  chases: "被催办扣分",
};

/** A unit's raw figures for the year, counted from its reports and chases in the year's rounds. */
export interface UnitFigures {
  /** Reports due: every report of the unit in the year's rounds. */
  due: number;
  /** Submitted before the end of the round's deadline day. */
  onTime: number;
  /** Reports sent (with a submission time). */
  sent: number;
  /** Approved and never returned. */
  approvedNoReturn: number;
  /** The average completion (%) the unit reported, over its filled reports; null when it reported none. */
  completion: number | null;
  /** Chases received in the year's rounds. */
  chases: number;
}

export interface ScoreLine {
  key: WeightKey;
  label: string;
  numerator: number;
  denominator: number | null;
  /** The share (0–100, one decimal) for the rate parts; null for the chases part. */
  rate: number | null;
  weight: number;
  points: number;
  /** The line as a reader sees it, e.g. 按时报送 18/20 = 90.0% × 权重 40 = 36.0. */
  text: string;
}

const one = (value: number) => Math.round(value * 10) / 10;
const fmt = (value: number) => one(value).toFixed(1);

function rateLine(key: WeightKey, numerator: number, denominator: number, weight: number): ScoreLine {
  const share = denominator > 0 ? numerator / denominator : 0;
  const points = one(share * weight);
  return {
    key,
    label: WEIGHT_LABELS[key],
    numerator,
    denominator,
    rate: one(share * 100),
    weight,
    points,
    text: `${WEIGHT_LABELS[key]} ${numerator}/${denominator} = ${fmt(share * 100)}% × 权重 ${weight} = ${fmt(points)}`,
  };
}

/** The calculation line by line, and the score (the sum of the lines' points, one decimal). */
export function scoreUnit(figures: UnitFigures, rules: AssessmentRules): { score: number; lines: ScoreLine[] } {
  const { weights } = rules;
  const completion = figures.completion ?? 0;
  const completionPoints = one((completion / 100) * weights.completion);
  const chasePoints = one(Math.max(0, weights.chases - figures.chases * rules.chasePenalty));
  const lines: ScoreLine[] = [
    rateLine("onTime", figures.onTime, figures.due, weights.onTime),
    rateLine("noReturn", figures.approvedNoReturn, figures.sent, weights.noReturn),
    {
      key: "completion",
      label: WEIGHT_LABELS.completion,
      numerator: one(completion),
      denominator: 100,
      rate: one(completion),
      weight: weights.completion,
      points: completionPoints,
      text: `${WEIGHT_LABELS.completion} 平均 ${fmt(completion)}% × 权重 ${weights.completion} = ${fmt(completionPoints)}`,
    },
    {
      key: "chases",
      label: WEIGHT_LABELS.chases,
      numerator: figures.chases,
      denominator: null,
      rate: null,
      weight: weights.chases,
      points: chasePoints,
      text: `${WEIGHT_LABELS.chases} 权重 ${weights.chases} − 被催办 ${figures.chases} 次 × ${rules.chasePenalty} = ${fmt(chasePoints)}`,
    },
  ];
  return { score: one(lines.reduce((sum, line) => sum + line.points, 0)), lines };
}

/** Ranks by score, highest first; equal scores share a rank (1, 2, 2, 4). */
export function rank<T extends { score: number }>(rows: T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.score - a.score);
  const ranked: (T & { rank: number })[] = [];
  for (const [index, row] of sorted.entries()) {
    const previous = ranked[index - 1];
    ranked.push({ ...row, rank: previous && previous.score === row.score ? previous.rank : index + 1 });
  }
  return ranked;
}

/** What is wrong with a set of rules, as validation keys by field; empty when they are valid. */
export function rulesErrors(rules: AssessmentRules): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const key of WEIGHT_KEYS) {
    const weight = rules.weights[key];
    if (!Number.isFinite(weight) || weight < 0) errors[key] = "notNegative";
  }
  if (!Number.isFinite(rules.chasePenalty) || rules.chasePenalty < 0 || rules.chasePenalty > 100)
    errors.chasePenalty = "assessmentPenaltyRange";
  const sum = WEIGHT_KEYS.reduce((total, key) => total + rules.weights[key], 0);
  if (Object.keys(errors).length === 0 && Math.abs(sum - 100) > 1e-9) errors.weights = "assessmentWeightsSum";
  return errors;
}

export function parseRules(json: string): AssessmentRules {
  const parsed = JSON.parse(json) as AssessmentRules;
  return { weights: { ...DEFAULT_RULES.weights, ...parsed.weights }, chasePenalty: parsed.chasePenalty ?? DEFAULT_RULES.chasePenalty };
}

export function parseLines(json: string): ScoreLine[] {
  return JSON.parse(json) as ScoreLine[];
}
