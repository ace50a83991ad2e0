import { describe, expect, it } from "vitest";
import { toCsv } from "@/lib/core/csv";
import { escapeFormulaText, unescapeFormulaText } from "@/lib/core/formula-escape";

describe("formula escape (what a spreadsheet would run is written as text)", () => {
  it("puts an apostrophe before text a spreadsheet would run as a formula", () => {
    for (const text of ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\tx", "\rx"]) {
      expect(escapeFormulaText(text)).toBe(`'${text}`);
    }
    for (const text of ["普通文字", "1-2", "a=b", "", "'引用"]) expect(escapeFormulaText(text)).toBe(text);
  });

  it("round-trips every text unchanged, even one that already starts with an apostrophe and a formula sign", () => {
    for (const text of ["=1+1", "'=1+1", "''-3", "'引用", "普通", "-", "@"]) {
      expect(unescapeFormulaText(escapeFormulaText(text))).toBe(text);
    }
  });

  it("CSV cells are escaped the same way", () => {
    expect(toCsv(["a"], [["=1+1"], ["'=x"], ["ok"]])).toBe('\uFEFF"a"\r\n"\'=1+1"\r\n"\'\'=x"\r\n"ok"\r\n');
  });
});
