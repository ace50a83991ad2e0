import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";

type Messages = { [key: string]: string | Messages };

function flatten(messages: Messages, prefix = ""): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") entries.set(path, value);
    else for (const [nested, text] of flatten(value, path)) entries.set(nested, text);
  }
  return entries;
}

describe("message files", () => {
  const chinese = flatten(zhCN);
  const english = flatten(en);

  it("have exactly the same keys in zh-CN and en", () => {
    const onlyInChinese = [...chinese.keys()].filter((key) => !english.has(key));
    const onlyInEnglish = [...english.keys()].filter((key) => !chinese.has(key));
    expect({ onlyInChinese, onlyInEnglish }).toEqual({ onlyInChinese: [], onlyInEnglish: [] });
  });

  it("have no empty strings", () => {
    const empty = [...chinese, ...english].filter(([, text]) => text.trim() === "").map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it("use the same ICU placeholders in both languages", () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)/g)].map((match) => match[1]).sort();
    const mismatched = [...chinese.keys()]
      .filter((key) => english.has(key))
      .filter((key) => placeholders(chinese.get(key)!).join() !== placeholders(english.get(key)!).join());
    expect(mismatched).toEqual([]);
  });
});
