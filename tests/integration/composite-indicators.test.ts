import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { createComposite, getIndicator, loadCompositeForm, setIndicatorValue, updateComposite } from "@/lib/indicators/server";
import { getActor } from "@/lib/core/session";
import type { ComponentInput } from "@/lib/indicators/schemas";
import { indicatorTableRows } from "@/lib/outputs/server/dashboard-exports";
import { actorForRole, auditSince, lastAuditId } from "../support/actors";

vi.mock("@/lib/core/session", () => ({ getActor: vi.fn(), getSessionState: vi.fn() }));
vi.mock("next-intl/server", async () => (await import("../support/next-runtime")).nextIntlServerMock());
vi.mock("next/cache", async () => (await import("../support/next-runtime")).nextCacheMock());
vi.mock("next/headers", async () => (await import("../support/next-runtime")).nextHeadersMock());

const { createCompositeAction, updateCompositeAction } = await import("@/lib/indicators/actions");

function form(values: Record<string, string | number>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, String(value));
  return data;
}

async function refusal(call: Promise<unknown>) {
  const error = await call.catch((caught: unknown) => caught);
  if (!(error instanceof AppError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return { code: error.code, messageKey: error.messageKey, fields: error.fieldErrors };
}

/** Two plain indicators with values made directly (fixtures never depend on the code under test). */
let venues: number; // 科普场馆接待 (万人次), higher is better, ratio against 1000
let cost: number; // 人均成本 (元), lower is better, min–max between 10 and 50
let districtA: number;
let districtB: number;

beforeAll(async () => {
  const make = (code: string, name: string, unit: string, direction: "HIGHER_IS_BETTER" | "LOWER_IS_BETTER") =>
    db.indicator.create({ data: { code, name, unit, direction } });
  venues = (await make("ci-venues", "综合测试场馆接待", "万人次", "HIGHER_IS_BETTER")).id;
  cost = (await make("ci-cost", "综合测试人均成本", "元", "LOWER_IS_BETTER")).id;
  const districts = await db.unit.findMany({ where: { type: "DISTRICT_GOVERNMENT" }, orderBy: { id: "asc" }, take: 2 });
  districtA = districts[0]!.id;
  districtB = districts[1]!.id;
  const value = (indicatorId: number, year: number, value: number, districtId: number | null = null) =>
    db.indicatorValue.create({ data: { indicatorId, year, value, districtId, source: "测试", method: "测试" } });
  await value(venues, 2022, 800);
  await value(venues, 2023, 900);
  await value(venues, 2024, 1100);
  await value(cost, 2022, 40);
  await value(cost, 2023, 30);
  // 2024: no cost value, so the composite's 2024 is missing.
  await value(venues, 2023, 300, districtA);
  await value(cost, 2023, 20, districtA);
  await value(venues, 2023, 200, districtB); // district B lacks a cost value
});

const components = (): ComponentInput[] => [
  { componentId: venues, weight: 3, normalisation: "RATIO", reference: 1000, referenceMax: undefined, direction: "HIGHER_IS_BETTER" },
  { componentId: cost, weight: 1, normalisation: "MIN_MAX", reference: 10, referenceMax: 50, direction: "LOWER_IS_BETTER" },
];

const definition = (code: string) => ({
  code,
  name: "综合测试指数",
  unit: "分",
  description: "场馆接待按1000万人次为100分，人均成本按10–50元极差换算（越低越好），权重3:1。",
  components: components(),
});

/** The composite computed by hand from the stored values, read independently of the code under test. */
async function handComputed(year: number, districtId: number | null) {
  const rows = await db.indicatorValue.findMany({ where: { indicatorId: { in: [venues, cost] }, year, districtId } });
  const v = rows.find((row) => row.indicatorId === venues)?.value;
  const c = rows.find((row) => row.indicatorId === cost)?.value;
  if (v === undefined || c === undefined) return null;
  return (3 * ((v / 1000) * 100) + 1 * (((50 - c) / 40) * 100)) / 4;
}

describe("a composite indicator", () => {
  it("is computed per year and per district from the stored values, with a breakdown per component", async () => {
    const admin = await actorForRole("ADMIN");
    const before = await lastAuditId();
    const composite = await createComposite(admin, definition("ci-index"));
    const audit = await auditSince(before);
    expect(audit.map((event) => event.action)).toContain("indicator.define_composite");
    const { composite: series } = await getIndicator(admin, composite.id);
    expect(series).not.toBeNull();
    const cell = (year: number, districtId: number | null) =>
      series!.cells.find((row) => row.year === year && row.districtId === districtId);
    for (const year of [2022, 2023]) {
      const expected = await handComputed(year, null);
      expect(expected).not.toBeNull();
      expect(cell(year, null)!.value).toBeCloseTo(expected!, 9);
    }
    // 2023: 3 × 90 + 1 × 50 over 4 = 80 — the breakdown shows how.
    expect(cell(2023, null)!.breakdown.map((line) => [line.name, line.raw, line.normalised, line.weight, line.contribution])).toEqual([
      ["综合测试场馆接待", 900, 90, 3, 67.5],
      ["综合测试人均成本", 30, 50, 1, 12.5],
    ]);
    // District A has both components in 2023; district B lacks the cost and is missing, not zero.
    expect(cell(2023, districtA)!.value).toBeCloseTo((await handComputed(2023, districtA))!, 9);
    expect(cell(2023, districtB)).toMatchObject({ value: null, missing: [{ componentId: cost, name: "综合测试人均成本" }] });
  });

  it("shows a year whose component lacks a value as missing with the reason, never as zero", async () => {
    const admin = await actorForRole("ADMIN");
    const id = (await db.indicator.findUniqueOrThrow({ where: { code: "ci-index" } })).id;
    const { composite: series } = await getIndicator(admin, id);
    const missing = series!.cells.find((row) => row.year === 2024 && row.districtId === null)!;
    expect(missing.value).toBeNull();
    expect(missing.missing).toEqual([{ componentId: cost, name: "综合测试人均成本" }]);
  });

  it("is left out of the exported indicator table, which lists measured values with their source", async () => {
    const { rows } = await indicatorTableRows(await actorForRole("ADMIN"));
    const names = rows.map((row) => row.name);
    expect(names).toContain("综合测试场馆接待");
    expect(names).not.toContain("综合测试指数");
  });

  it("takes no values of its own", async () => {
    const admin = await actorForRole("ADMIN");
    const id = (await db.indicator.findUniqueOrThrow({ where: { code: "ci-index" } })).id;
    expect(await refusal(setIndicatorValue(admin, { indicatorId: id, year: 2023, value: 50, source: "x", method: "x" }))).toMatchObject({
      messageKey: "compositeNoValues",
    });
    expect(await db.indicatorValue.count({ where: { indicatorId: id } })).toBe(0);
  });

  it("is defined and edited through the form's actions, audited as such", async () => {
    const admin = await actorForRole("ADMIN");
    vi.mocked(getActor).mockResolvedValue(admin);
    const fields = {
      code: "ci-form",
      name: "表单综合指数",
      unit: "分",
      description: "两项等权。",
      component_indicator_0: venues,
      component_weight_0: 1,
      component_normalisation_0: "RATIO",
      component_reference_0: 1000,
      component_direction_0: "HIGHER_IS_BETTER",
      component_indicator_1: cost,
      component_weight_1: 1,
      component_normalisation_1: "MIN_MAX",
      component_reference_1: 10,
      component_referenceMax_1: 50,
      component_direction_1: "LOWER_IS_BETTER",
      component_indicator_2: "",
      component_weight_2: "",
      component_reference_2: "",
    };
    const created = await createCompositeAction(null, form(fields));
    expect(created.ok).toBe(true);
    const id = created.ok ? created.data.indicatorId : 0;
    const stored = await db.indicatorComponent.findMany({ where: { compositeId: id }, orderBy: { position: "asc" } });
    expect(stored.map((row) => [row.componentId, row.normalisation, row.reference, row.referenceMax, row.direction])).toEqual([
      [venues, "RATIO", 1000, null, "HIGHER_IS_BETTER"],
      [cost, "MIN_MAX", 10, 50, "LOWER_IS_BETTER"],
    ]);
    const before = await lastAuditId();
    const { code: _code, ...rest } = fields;
    const updated = await updateCompositeAction(null, form({ ...rest, indicatorId: id, version: 1, component_weight_0: 2 }));
    expect(updated).toMatchObject({ ok: true, data: { version: 2, changed: true } });
    expect((await auditSince(before)).map((event) => event.action)).toContain("indicator.update_composite");
    const revision = await db.indicatorRevision.findFirstOrThrow({ where: { indicatorId: id, action: "UPDATE_COMPOSITE" } });
    expect(JSON.parse(revision.before!).components[0]).toMatchObject({ name: "综合测试场馆接待", weight: 1 });
    expect(JSON.parse(revision.after).components[0]).toMatchObject({ name: "综合测试场馆接待", weight: 2 });
    expect((await db.indicatorComponent.findFirstOrThrow({ where: { compositeId: id, componentId: venues } })).weight).toBe(2);
    const { composite } = await loadCompositeForm(admin, id);
    expect(composite?.components).toHaveLength(2);
  });
});

describe("validating a composite", () => {
  it("refuses bad definitions with a reason per field and changes nothing", async () => {
    const admin = await actorForRole("ADMIN");
    const count = await db.indicator.count();
    const [first, second] = components();
    expect((await refusal(createComposite(admin, { ...definition("ci-bad"), components: [first!] }))).fields).toEqual({
      components: "componentsTooFew",
    });
    expect(
      (await refusal(createComposite(admin, { ...definition("ci-bad"), components: [first!, { ...second!, weight: 0 }] }))).fields,
    ).toEqual({
      component_weight_1: "weightPositive",
    });
    expect((await refusal(createComposite(admin, { ...definition("ci-bad"), components: [first!, { ...first! }] }))).fields).toEqual({
      component_indicator_1: "componentDuplicate",
    });
    expect(
      (await refusal(createComposite(admin, { ...definition("ci-bad"), components: [first!, { ...second!, referenceMax: 5 }] }))).fields,
    ).toEqual({ component_referenceMax_1: "referenceRange" });
    expect(
      (await refusal(createComposite(admin, { ...definition("ci-bad"), components: [{ ...first!, reference: 0 }, second!] }))).fields,
    ).toEqual({ component_reference_0: "referencePositive" });
    expect(await db.indicator.count()).toBe(count);
  });

  it("refuses a composite that includes itself, directly or through another composite", async () => {
    const admin = await actorForRole("ADMIN");
    const outer = await createComposite(admin, definition("ci-outer"));
    const nested = await createComposite(admin, {
      ...definition("ci-nested"),
      components: [{ ...components()[0]!, componentId: outer.id }, components()[1]!],
    });
    const self = await refusal(
      updateComposite(admin, {
        ...definition("x"),
        indicatorId: outer.id,
        version: 1,
        components: [{ ...components()[0]!, componentId: outer.id }, components()[1]!],
      }),
    );
    expect(self.fields).toEqual({ component_indicator_0: "componentSelf" });
    const cycle = await refusal(
      updateComposite(admin, {
        ...definition("x"),
        indicatorId: outer.id,
        version: 1,
        components: [components()[0]!, { ...components()[1]!, componentId: nested.id }],
      }),
    );
    expect(cycle.fields).toEqual({ components: "componentCycle" });
    const stored = await db.indicator.findUniqueOrThrow({ where: { id: outer.id }, include: { components: true } });
    expect(stored.version).toBe(1);
    expect(stored.components.map((row) => row.componentId).sort()).toEqual([venues, cost].sort());
    // The nested composite uses the outer one's computed value: 2023's outer value placed against 1000 → outer / 10.
    const { composite: series } = await getIndicator(admin, nested.id);
    const outer2023 = (await handComputed(2023, null))!;
    const expected = (3 * ((outer2023 / 1000) * 100) + 1 * ((50 - 30) / 40) * 100) / 4;
    expect(series!.cells.find((row) => row.year === 2023 && row.districtId === null)!.value).toBeCloseTo(expected, 9);
  });
});
