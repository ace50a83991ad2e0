import { describe, expect, it } from "vitest";
import { computeComposite, formsCycle, normalise } from "@/lib/indicators/composite";

describe("normalise", () => {
  it("places a value against its references in either direction", () => {
    expect(normalise({ normalisation: "RATIO", reference: 25, referenceMax: null, direction: "HIGHER_IS_BETTER" }, 20)).toBe(80);
    expect(normalise({ normalisation: "RATIO", reference: 20, referenceMax: null, direction: "LOWER_IS_BETTER" }, 25)).toBe(80);
    expect(normalise({ normalisation: "MIN_MAX", reference: 10, referenceMax: 50, direction: "HIGHER_IS_BETTER" }, 20)).toBe(25);
    expect(normalise({ normalisation: "MIN_MAX", reference: 10, referenceMax: 50, direction: "LOWER_IS_BETTER" }, 20)).toBe(75);
    expect(normalise({ normalisation: "RATIO", reference: 5, referenceMax: null, direction: "LOWER_IS_BETTER" }, 0)).toBeNull();
  });
});

describe("computeComposite", () => {
  const spec = (componentId: number, weight: number) => ({
    componentId,
    name: `指标${componentId}`,
    unit: "个",
    weight,
    normalisation: "RATIO" as const,
    reference: 100,
    referenceMax: null,
    direction: "HIGHER_IS_BETTER" as const,
  });
  const value = (indicatorId: number, year: number, v: number) => ({ indicatorId, year, districtId: null, value: v, isDemo: false });

  it("weights the normalised components and marks a year lacking a component as missing, not zero", () => {
    const cells = computeComposite([spec(1, 1), spec(2, 3)], [value(1, 2023, 40), value(2, 2023, 80), value(1, 2024, 50)]);
    expect(cells.map((cell) => [cell.year, cell.value])).toEqual([
      [2023, 70],
      [2024, null],
    ]);
    expect(cells[1]!.missing).toEqual([{ componentId: 2, name: "指标2" }]);
    expect(cells[0]!.breakdown.map((line) => line.contribution)).toEqual([10, 60]);
  });
});

describe("formsCycle", () => {
  it("finds a composite reached again through its components", () => {
    const edges = [
      { compositeId: 10, componentId: 1 },
      { compositeId: 11, componentId: 10 },
    ];
    expect(formsCycle(10, [11], edges)).toBe(true);
    expect(formsCycle(10, [10], edges)).toBe(true);
    expect(formsCycle(10, [1, 2], edges)).toBe(false);
    expect(formsCycle(null, [10], edges)).toBe(false);
  });
});
