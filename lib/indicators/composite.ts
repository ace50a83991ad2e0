/**
 * Composite indicators (e.g. 深圳科普指数): a weighted mean of other indicators, each brought to a
 * 0–100 scale against stated references. Nothing is stored: the values are computed on read from
 * the components' stored values, with a breakdown line per component showing how each was made.
 */

export type Normalisation = "RATIO" | "MIN_MAX";
export type Direction = "HIGHER_IS_BETTER" | "LOWER_IS_BETTER";

export interface ComponentSpec {
  componentId: number;
  name: string;
  unit: string;
  weight: number;
  normalisation: Normalisation;
  /** RATIO: the value scoring 100. MIN_MAX: the lower end of the range. */
  reference: number;
  /** MIN_MAX: the upper end of the range. */
  referenceMax: number | null;
  direction: Direction;
}

export interface ComponentValue {
  indicatorId: number;
  year: number;
  districtId: number | null;
  value: number;
  isDemo: boolean;
}

export interface BreakdownLine {
  componentId: number;
  name: string;
  unit: string;
  raw: number;
  reference: number;
  referenceMax: number | null;
  normalisation: Normalisation;
  direction: Direction;
  normalised: number;
  weight: number;
  /** weight × normalised / Σ weights: what this component adds to the composite's value. */
  contribution: number;
}

export interface CompositeCell {
  year: number;
  districtId: number | null;
  /** Null when a component lacks the value (never zero). */
  value: number | null;
  /** The components lacking this year's (and district's) value: the reason the value is missing. */
  missing: { componentId: number; name: string }[];
  breakdown: BreakdownLine[];
  demo: boolean;
}

/**
 * One component's value on the 0–100 scale. RATIO: value / reference × 100 (lower is better:
 * reference / value × 100); MIN_MAX: (value − min) / (max − min) × 100 (lower is better:
 * (max − value) / (max − min) × 100). Null when the value cannot be placed (a zero divisor).
 */
export function normalise(spec: Pick<ComponentSpec, "normalisation" | "reference" | "referenceMax" | "direction">, value: number) {
  const higher = spec.direction === "HIGHER_IS_BETTER";
  if (spec.normalisation === "RATIO") {
    if (higher) return spec.reference === 0 ? null : (value / spec.reference) * 100;
    return value === 0 ? null : (spec.reference / value) * 100;
  }
  const min = spec.reference;
  const max = spec.referenceMax;
  if (max === null || max === min) return null;
  return ((higher ? value - min : max - value) / (max - min)) * 100;
}

const key = (year: number, districtId: number | null) => `${year}:${districtId ?? "city"}`;

/**
 * The composite for every year (citywide) and every year × district any component has a value
 * for: Σ weight × normalised / Σ weights where every component has the value, else missing with
 * the components that lack it. Cells are ordered by year, the city first, then districts by id.
 */
export function computeComposite(components: readonly ComponentSpec[], values: readonly ComponentValue[]): CompositeCell[] {
  const byCell = new Map<string, Map<number, ComponentValue>>();
  const cells = new Map<string, { year: number; districtId: number | null }>();
  const wanted = new Set(components.map((component) => component.componentId));
  for (const value of values) {
    if (!wanted.has(value.indicatorId)) continue;
    const cellKey = key(value.year, value.districtId);
    cells.set(cellKey, { year: value.year, districtId: value.districtId });
    if (!byCell.has(cellKey)) byCell.set(cellKey, new Map());
    byCell.get(cellKey)!.set(value.indicatorId, value);
  }
  const totalWeight = components.reduce((sum, component) => sum + component.weight, 0);
  return [...cells.values()]
    .sort((a, b) => a.year - b.year || (a.districtId ?? 0) - (b.districtId ?? 0))
    .map(({ year, districtId }) => {
      const present = byCell.get(key(year, districtId))!;
      const missing: CompositeCell["missing"] = [];
      const breakdown: BreakdownLine[] = [];
      for (const component of components) {
        const stored = present.get(component.componentId);
        const normalised = stored === undefined ? null : normalise(component, stored.value);
        if (stored === undefined || normalised === null) {
          missing.push({ componentId: component.componentId, name: component.name });
          continue;
        }
        breakdown.push({
          componentId: component.componentId,
          name: component.name,
          unit: component.unit,
          raw: stored.value,
          reference: component.reference,
          referenceMax: component.referenceMax,
          normalisation: component.normalisation,
          direction: component.direction,
          normalised,
          weight: component.weight,
          contribution: totalWeight > 0 ? (component.weight * normalised) / totalWeight : 0,
        });
      }
      const complete = missing.length === 0 && components.length > 0;
      return {
        year,
        districtId,
        value: complete ? breakdown.reduce((sum, line) => sum + line.contribution, 0) : null,
        missing,
        breakdown,
        demo: [...present.values()].some((value) => value.isDemo),
      };
    });
}

/** Whether adding `componentIds` to `compositeId` would make it include itself, directly or through other composites. */
export function formsCycle(
  compositeId: number | null,
  componentIds: readonly number[],
  edges: readonly { compositeId: number; componentId: number }[],
): boolean {
  if (compositeId === null) return false;
  const children = new Map<number, number[]>();
  for (const edge of edges) {
    if (edge.compositeId === compositeId) continue; // the composite's own components are being replaced
    children.set(edge.compositeId, [...(children.get(edge.compositeId) ?? []), edge.componentId]);
  }
  const seen = new Set<number>();
  const stack = [...componentIds];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (next === compositeId) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(children.get(next) ?? []));
  }
  return false;
}
