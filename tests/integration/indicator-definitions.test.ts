import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { createIndicator, loadIndicatorForm, updateIndicator } from "@/lib/indicators/server";
import { indicatorSchema, updateIndicatorSchema } from "@/lib/indicators/schemas";
import { getActor } from "@/lib/core/session";
import { actorForRole } from "../support/actors";

vi.mock("@/lib/core/session", () => ({ getActor: vi.fn(), getSessionState: vi.fn() }));
vi.mock("next-intl/server", async () => (await import("../support/next-runtime")).nextIntlServerMock());
vi.mock("next/cache", async () => (await import("../support/next-runtime")).nextCacheMock());
vi.mock("next/headers", async () => (await import("../support/next-runtime")).nextHeadersMock());

const { createIndicatorAction, updateIndicatorAction } = await import("@/lib/indicators/actions");

function form(values: Record<string, string | number>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, String(value));
  return data;
}

const definition = {
  name: "科普场馆年接待人次",
  unit: "万人次",
  direction: "HIGHER_IS_BETTER" as const,
  baselineYear: 2020,
  baselineValue: 850,
  baselineSource: "市科协年度统计",
  description: "全市科技馆、科普教育基地年度接待人次之和。",
  targets: [{ year: 2025, value: 1200 }],
  confirmPlanChange: false,
};

/** The refusal a call ends in, as code and field → message key. */
async function refusal(call: Promise<unknown>) {
  const error = await call.catch((caught: unknown) => caught);
  if (!(error instanceof AppError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return { code: error.code, messageKey: error.messageKey, fields: error.fieldErrors };
}

describe("defining an indicator", () => {
  it("creates it with baseline and targets by year, and records the creation in its history", async () => {
    const admin = await actorForRole("ADMIN");
    const created = await createIndicator(admin, { ...definition, code: "venue-visits" });
    const stored = await db.indicator.findUniqueOrThrow({ where: { id: created.id }, include: { targets: true, revisions: true } });
    expect(stored).toMatchObject({ name: "科普场馆年接待人次", unit: "万人次", baselineYear: 2020, baselineValue: 850, version: 1 });
    expect(stored.targets.map((target) => ({ year: target.year, value: target.value, comparator: target.comparator }))).toEqual([
      { year: 2025, value: 1200, comparator: "GTE" },
    ]);
    expect(stored.revisions).toHaveLength(1);
    expect(stored.revisions[0]).toMatchObject({ action: "CREATE_INDICATOR", before: null, actorUsername: "kxadmin" });
    expect(JSON.parse(stored.revisions[0]!.after)).toMatchObject({ code: "venue-visits", targets: [{ year: 2025, value: 1200 }] });
  });

  it("through the form's action: target rows become targets, empty rows are ignored", async () => {
    vi.mocked(getActor).mockResolvedValue(await actorForRole("ADMIN"));
    const result = await createIndicatorAction(
      null,
      form({
        code: "volunteers",
        name: "科普志愿者人数",
        unit: "人",
        direction: "HIGHER_IS_BETTER",
        target_year_0: 2024,
        target_value_0: 5000,
        target_comparator_0: "",
        target_year_1: 2025,
        target_value_1: 6000,
        target_comparator_1: "GT",
        target_year_2: "",
        target_value_2: "",
        target_comparator_2: "",
      }),
    );
    expect(result).toMatchObject({ ok: true });
    const stored = await db.indicator.findUniqueOrThrow({
      where: { code: "volunteers" },
      include: { targets: { orderBy: { year: "asc" } } },
    });
    expect(stored.targets.map((target) => [target.year, target.comparator, target.value])).toEqual([
      [2024, "GTE", 5000],
      [2025, "GT", 6000],
    ]);
  });

  it("refuses a percentage outside 0–100, years outside 2000–2035 or not after the baseline, two targets for one year, half a baseline", async () => {
    const admin = await actorForRole("ADMIN");
    const percent = { ...definition, unit: "%", baselineValue: 20 };
    expect(await refusal(createIndicator(admin, { ...percent, code: "bad-percent", baselineValue: 120 }))).toMatchObject({
      code: "VALIDATION",
      fields: { baselineValue: "percentRange" },
    });
    expect(await refusal(createIndicator(admin, { ...percent, code: "bad-target", targets: [{ year: 2025, value: 101 }] }))).toMatchObject({
      fields: { target_value_0: "percentRange" },
    });
    expect(
      await refusal(createIndicator(admin, { ...definition, code: "bad-years", baselineYear: 1990, targets: [{ year: 2050, value: 1 }] })),
    ).toMatchObject({ fields: { baselineYear: "indicatorYearRange", target_year_0: "indicatorYearRange" } });
    expect(
      await refusal(createIndicator(admin, { ...definition, code: "bad-order", targets: [{ year: 2019, value: 900 }] })),
    ).toMatchObject({ fields: { target_year_0: "targetAfterBaseline" } });
    expect(
      await refusal(
        createIndicator(admin, {
          ...definition,
          code: "bad-dupes",
          targets: [
            { year: 2025, value: 1000 },
            { year: 2025, value: 1100 },
          ],
        }),
      ),
    ).toMatchObject({ fields: { target_year_1: "targetYearDuplicate" } });
    expect(await refusal(createIndicator(admin, { ...definition, code: "bad-baseline", baselineValue: undefined }))).toMatchObject({
      fields: { baselineValue: "baselineIncomplete" },
    });
    expect(await refusal(createIndicator(admin, { ...definition, code: "venue-visits" }))).toMatchObject({
      code: "CONFLICT",
      fields: { code: "indicatorCodeTaken" },
    });
    expect(await db.indicator.count({ where: { code: { startsWith: "bad-" } } })).toBe(0);
  });

  it("is refused to everyone but CAST staff", async () => {
    for (const role of ["LIAISON", "LEADER", "AUDITOR", "USER_ADMIN"] as const) {
      const actor = await actorForRole(role);
      expect((await refusal(createIndicator(actor, { ...definition, code: `by-${role.toLowerCase().replace("_", "-")}` }))).code).toBe(
        "FORBIDDEN",
      );
      expect((await refusal(loadIndicatorForm(actor))).code).toBe("FORBIDDEN");
    }
  });

  it("parses the form's fields with one schema for create and edit", () => {
    const parsed = updateIndicatorSchema.parse({
      indicatorId: "3",
      version: "2",
      name: "x",
      unit: "%",
      direction: "LOWER_IS_BETTER",
      target_year_0: "2025",
      target_value_0: "10",
      confirmPlanChange: "on",
    });
    expect(parsed).toMatchObject({ indicatorId: 3, version: 2, targets: [{ year: 2025, value: 10 }], confirmPlanChange: true });
    expect(indicatorSchema.safeParse({ code: "Bad Code", name: "x", unit: "%", direction: "HIGHER_IS_BETTER" }).success).toBe(false);
  });
});

describe("editing an indicator", () => {
  it("changes the definition from the version shown and keeps who, when, before and after", async () => {
    const admin = await actorForRole("ADMIN");
    const indicator = await db.indicator.findUniqueOrThrow({ where: { code: "venue-visits" } });
    const now = new Date("2026-03-02T09:00:00+08:00");
    const result = await updateIndicator(
      admin,
      {
        ...definition,
        indicatorId: indicator.id,
        version: indicator.version,
        name: "科普场馆年接待量",
        targets: [
          { year: 2025, value: 1300 },
          { year: 2030, value: 1800, comparator: "GT" },
        ],
      },
      now,
    );
    expect(result).toEqual({ version: indicator.version + 1, changed: true });
    const stored = await db.indicator.findUniqueOrThrow({
      where: { id: indicator.id },
      include: { targets: { orderBy: { year: "asc" } } },
    });
    expect(stored.name).toBe("科普场馆年接待量");
    expect(stored.targets.map((target) => [target.year, target.comparator, target.value])).toEqual([
      [2025, "GTE", 1300],
      [2030, "GT", 1800],
    ]);
    const revision = await db.indicatorRevision.findFirstOrThrow({ where: { indicatorId: indicator.id, action: "UPDATE_INDICATOR" } });
    expect(revision).toMatchObject({ actorUsername: "kxadmin", changedAt: now });
    expect(JSON.parse(revision.before!)).toMatchObject({ name: "科普场馆年接待人次", targets: [{ year: 2025, value: 1200 }] });
    expect(JSON.parse(revision.after)).toMatchObject({
      name: "科普场馆年接待量",
      targets: [{ year: 2025 }, { year: 2030, comparator: "GT" }],
    });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "indicator.update_indicator", objectId: String(indicator.id) } });
    expect(audit.result).toBe("SUCCESS");
  });

  it("refuses an edit from a stale version: the other editor's change stays", async () => {
    const admin = await actorForRole("ADMIN");
    const indicator = await db.indicator.findUniqueOrThrow({ where: { code: "venue-visits" } });
    const opened = indicator.version;
    await updateIndicator(admin, { ...definition, indicatorId: indicator.id, version: opened, name: "第一位编辑的名称" });
    expect(
      await refusal(updateIndicator(admin, { ...definition, indicatorId: indicator.id, version: opened, name: "第二位编辑的名称" })),
    ).toMatchObject({
      code: "CONFLICT",
      messageKey: "staleIndicator",
    });
    expect((await db.indicator.findUniqueOrThrow({ where: { id: indicator.id } })).name).toBe("第一位编辑的名称");

    vi.mocked(getActor).mockResolvedValue(admin);
    const state = await updateIndicatorAction(
      null,
      form({ indicatorId: indicator.id, version: opened, name: "第三位", unit: "万人次", direction: "HIGHER_IS_BETTER" }),
    );
    expect(state).toMatchObject({ ok: false, error: "CONFLICT", values: { name: "第三位" } });
  });

  it("changes the plan's own literacy baseline and target only when the editor confirms it, and records the change", async () => {
    const admin = await actorForRole("ADMIN");
    const literacy = await db.indicator.findUniqueOrThrow({ where: { code: "literacy-rate" }, include: { targets: true } });
    expect(literacy).toMatchObject({ baselineYear: 2020, baselineValue: 21.1 });
    expect(literacy.targets.map((target) => [target.year, target.comparator, target.value])).toEqual([[2025, "GT", 25]]);
    const same = {
      indicatorId: literacy.id,
      version: literacy.version,
      name: literacy.name,
      unit: literacy.unit,
      direction: literacy.direction,
      baselineYear: 2020,
      baselineValue: 21.1,
      baselineSource: literacy.baselineSource ?? "",
      description: "按中国公民科学素质抽样调查方法测算。",
      targets: [{ year: 2025, value: 25, comparator: "GT" as const }],
      confirmPlanChange: false,
    };
    // The description may change freely; the plan's figures stay as they are.
    await updateIndicator(admin, same);
    const described = await db.indicator.findUniqueOrThrow({ where: { id: literacy.id } });
    expect(described).toMatchObject({ description: "按中国公民科学素质抽样调查方法测算。", baselineValue: 21.1 });

    const stray = {
      ...same,
      version: described.version,
      baselineValue: 12.1,
      targets: [{ year: 2025, value: 52, comparator: "GT" as const }],
    };
    expect(await refusal(updateIndicator(admin, stray))).toMatchObject({
      code: "VALIDATION",
      fields: { baselineValue: "planFigureConfirm", targets: "planFigureConfirm" },
    });
    expect(await refusal(updateIndicator(admin, { ...same, version: described.version, targets: [] }))).toMatchObject({
      fields: { targets: "planFigureConfirm" },
    });
    expect(await refusal(updateIndicator(admin, { ...stray, confirmPlanChange: true, baselineValue: 121 }))).toMatchObject({
      fields: { baselineValue: "percentRange" },
    });
    const unchanged = await db.indicator.findUniqueOrThrow({ where: { id: literacy.id }, include: { targets: true } });
    expect(unchanged).toMatchObject({ baselineValue: 21.1, version: described.version });
    expect(unchanged.targets[0]).toMatchObject({ value: 25 });

    await updateIndicator(admin, { ...stray, confirmPlanChange: true, baselineValue: 21.2 });
    const revision = await db.indicatorRevision.findFirstOrThrow({
      where: { indicatorId: literacy.id, action: "UPDATE_INDICATOR" },
      orderBy: { id: "desc" },
    });
    expect(JSON.parse(revision.before!)).toMatchObject({ baselineValue: 21.1, targets: [{ year: 2025, comparator: "GT", value: 25 }] });
    expect(JSON.parse(revision.after)).toMatchObject({ baselineValue: 21.2, targets: [{ year: 2025, comparator: "GT", value: 52 }] });
  });

  it("is refused to a leader, and changes nothing", async () => {
    const indicator = await db.indicator.findUniqueOrThrow({ where: { code: "venue-visits" } });
    const leader = await actorForRole("LEADER");
    expect(
      (await refusal(updateIndicator(leader, { ...definition, indicatorId: indicator.id, version: indicator.version, name: "领导改名" })))
        .code,
    ).toBe("FORBIDDEN");
    expect((await db.indicator.findUniqueOrThrow({ where: { id: indicator.id } })).name).toBe(indicator.name);
  });
});
