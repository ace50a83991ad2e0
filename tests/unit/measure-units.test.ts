import { createTranslator, type AbstractIntlMessages } from "next-intl";
import { describe, expect, it } from "vitest";
import { unitName, unitSuffix } from "@/lib/indicators/units";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";

type Translate = Parameters<typeof unitSuffix>[0];
const translator = (locale: string, messages: unknown) =>
  createTranslator({ locale, messages: messages as AbstractIntlMessages }) as unknown as Translate;
const zh = translator("zh-CN", zhCN);
const english = translator("en", en);
const baseline = (t: Translate, unit: string) => t("indicators.baseline", { year: 2020, value: 12, unit: unitSuffix(t, unit) });

describe("an indicator's unit in a sentence", () => {
  it("reads as Chinese in Chinese and as English words in English for the common units", () => {
    expect(baseline(zh, "个")).toContain("12个");
    expect(baseline(english, "个")).toContain("12 items");
    expect(baseline(english, "人次")).toContain("12 person-times");
    expect(baseline(english, "场")).toContain("12 events");
    expect(baseline(english, "%")).toContain("12%");
    expect(unitName(english, "个")).toBe("items");
    expect(unitName(zh, "个")).toBe("个");
  });

  it("keeps any other unit as typed, set apart by a space in English", () => {
    expect(baseline(english, "套")).toContain("12 套");
    expect(baseline(zh, "套")).toContain("12套");
    expect(unitName(english, "套")).toBe("套");
  });
});
