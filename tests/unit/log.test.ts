import { afterEach, describe, expect, it, vi } from "vitest";
import { errorForLog, LOG_VALUE_MAX, logError, logWarn, safeForLog } from "@/lib/core/log";

afterEach(() => vi.restoreAllMocks());

describe("safeForLog (issue 17: log lines built from user input are bounded and escaped)", () => {
  it("keeps ordinary text, Chinese included, as it is", () => {
    expect(safeForLog("第三季度工作总结.pdf")).toBe("第三季度工作总结.pdf");
    expect(safeForLog("jyj")).toBe("jyj");
  });

  it("escapes newlines and carriage returns, so a value cannot forge a second log line", () => {
    const forged = "报告.pdf\n2026-01-01T00:00:00Z [auth] login ok user=kxadmin\r\n";
    const line = safeForLog(forged);
    expect(line).not.toMatch(/[\r\n]/);
    expect(line).toBe("报告.pdf\\n2026-01-01T00:00:00Z [auth] login ok user=kxadmin\\r\\n");
  });

  it("escapes other control characters, terminal escapes, line separators and bidi overrides", () => {
    expect(safeForLog("a\u0000b\u0007c\u001b[31mred\u007f\u0085\u2028\u2029\u202efdp.exe\t")).toBe(
      "a\\u0000b\\u0007c\\u001b[31mred\\u007f\\u0085\\u2028\\u2029\\u202efdp.exe\\t",
    );
  });

  it("escapes a backslash, so an escaped newline cannot be told apart from a typed one", () => {
    expect(safeForLog("a\\nb")).toBe("a\\\\nb");
    expect(safeForLog("a\nb")).not.toBe(safeForLog("a\\nb"));
  });

  it("escapes a lone surrogate but keeps a real emoji", () => {
    expect(safeForLog("x\ud800y")).toBe("x\\ud800y");
    expect(safeForLog("👍")).toBe("👍");
  });

  it("bounds the length, saying how much was left out", () => {
    const long = "长".repeat(10_000);
    const line = safeForLog(long, 100);
    expect(line.startsWith("长".repeat(100))).toBe(true);
    expect(line).toBe(`${"长".repeat(100)}…[+9900 chars]`);
    expect(safeForLog("x".repeat(LOG_VALUE_MAX + 1)).length).toBeLessThan(LOG_VALUE_MAX + 20);
  });

  it("counts escapes against the bound, never cutting one in half", () => {
    const line = safeForLog("\n".repeat(100), 9);
    expect(line).toBe("\\n\\n\\n\\n…[+96 chars]");
  });

  it("costs no more for a 20 MB value than for a short one", () => {
    const huge = "\n".repeat(20 * 1024 * 1024);
    const started = performance.now();
    expect(safeForLog(huge, 200).length).toBeLessThan(240);
    expect(performance.now() - started).toBeLessThan(500); // escaping all 20 MB would take seconds
  });

  it("describes non-strings", () => {
    expect(safeForLog(42)).toBe("42");
    expect(safeForLog(undefined)).toBe("undefined");
    expect(safeForLog({ fileName: "a\nb" })).toBe('{"fileName":"a\\\\nb"}');
  });
});

describe("logError / logWarn", () => {
  it("write one bounded line, an error's message and stack included", () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const error = new Error(`bad file name ${"x".repeat(10_000)}\nforged line`);
    logError("Unexpected error in a server action", error);
    expect(spy).toHaveBeenCalledTimes(1);
    const line = String(spy.mock.calls[0]![0]);
    expect(line).not.toMatch(/[\r\n]/);
    expect(line.startsWith("Unexpected error in a server action Error: bad file name")).toBe(true);
    expect(line.length).toBeLessThan(4300);
    expect(errorForLog(error)).not.toContain("\n");
  });

  it("escape every value of a warning", () => {
    const spy = vi.spyOn(console, "warn").mockImplementation(() => {});
    logWarn("[upload] refused", "evil\nname.pdf");
    expect(spy).toHaveBeenCalledWith("[upload] refused evil\\nname.pdf");
  });
});
