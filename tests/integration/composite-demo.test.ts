import { describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { getIndicator } from "@/lib/indicators/server";
import { seedDatabase } from "@/lib/seed";
import { DEMO_COMPOSITE_CODE } from "@/lib/seed/demo-composite";
import { actorForRole } from "../support/actors";

describe("the demo 深圳科普指数（示例）", () => {
  it("is not loaded without SEED_DEMO_DATA", async () => {
    await seedDatabase(db, { demoAccounts: false, demoData: false });
    expect(await db.indicator.count({ where: { kind: "COMPOSITE" } })).toBe(0);
  });

  it("is loaded with the demo data, marked 示例数据, and computed per year from the stored values", async () => {
    await seedDatabase(db, { demoAccounts: false, demoData: true });
    const composite = await db.indicator.findUniqueOrThrow({ where: { code: DEMO_COMPOSITE_CODE }, include: { components: true } });
    expect(composite).toMatchObject({ kind: "COMPOSITE", isDemo: true, name: "深圳科普指数（示例）" });
    expect(composite.description).toContain("示例数据");
    // The plan's real literacy figures stay real: the baseline and target rows are not demo.
    const literacy = await db.indicator.findUniqueOrThrow({ where: { code: "literacy-rate" } });
    expect(literacy).toMatchObject({ isDemo: false, baselineValue: 21.1 });
    // Hand computation from an independent read of the stored values and the stored definition.
    const values = await db.indicatorValue.findMany({
      where: { indicatorId: { in: composite.components.map((component) => component.componentId) }, districtId: null },
    });
    const years = [...new Set(values.map((value) => value.year))].sort();
    expect(years.length).toBeGreaterThan(0);
    const { composite: series } = await getIndicator(await actorForRole("ADMIN"), composite.id);
    const totalWeight = composite.components.reduce((sum, component) => sum + component.weight, 0);
    let complete = 0;
    for (const year of years) {
      const parts = composite.components.map((component) =>
        values.find((value) => value.indicatorId === component.componentId && value.year === year),
      );
      const cell = series!.cells.find((entry) => entry.year === year && entry.districtId === null)!;
      if (parts.some((part) => part === undefined)) {
        expect(cell.value).toBeNull();
        continue;
      }
      complete++;
      const expected =
        composite.components.reduce(
          (sum, component, index) => sum + component.weight * ((parts[index]!.value / component.reference) * 100),
          0,
        ) / totalWeight;
      expect(cell.value).toBeCloseTo(expected, 9);
      expect(cell.demo).toBe(true);
    }
    expect(complete).toBeGreaterThan(0);
  });
});
