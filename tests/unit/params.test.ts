import { describe, expect, it } from "vitest";
import { parseIdParam, parseQuery, readIdParam, readPageQuery } from "@/lib/core/params";
import { auditFilterSchema } from "@/lib/audit/schemas";
import { divisionFilterSchema } from "@/lib/plans/schemas/division";
import { dashboardExportQuerySchema } from "@/lib/outputs/schemas";
import { newWorkItemQuerySchema } from "@/lib/plans/schemas/pages";
import { idField, versionField } from "@/lib/core/form";

describe("route handlers' queries", () => {
  it("reads the first value of a repeated key", () => {
    const parsed = parseQuery(divisionFilterSchema, new URLSearchParams("unit=3&unit=9&format=csv"));
    expect(parsed.success && parsed.data).toEqual({ unit: 3, format: "csv" });
  });

  it("refuses a bad value so the route can answer 400", () => {
    expect(parseQuery(divisionFilterSchema, new URLSearchParams("format=pdf")).success).toBe(false);
    expect(parseQuery(dashboardExportQuerySchema, new URLSearchParams("kind=summary")).success).toBe(false);
    expect(parseQuery(dashboardExportQuerySchema, new URLSearchParams("kind=indicators")).success).toBe(true);
  });
});

describe("pages' queries", () => {
  it("keeps the valid filters and names the ones it left out", () => {
    const { query, ignored } = readPageQuery(divisionFilterSchema, { plan: "plan-2022-2025", unit: "abc", role: ["LEAD", "SUPPORT"] });
    expect(query).toEqual({ plan: "plan-2022-2025", role: "LEAD" });
    expect(ignored).toEqual(["unit"]);
  });

  it("leaves out a date range given backwards instead of failing the audit page", () => {
    const { query, ignored } = readPageQuery(auditFilterSchema, { from: "2026-02-01", to: "2026-01-01", username: "jyj" });
    expect(query.username).toBe("jyj");
    expect(query.to).toBeUndefined();
    expect(ignored).toEqual(["to"]);
  });

  it("is not found when a required parameter is missing or wrong", () => {
    expect(() => readPageQuery(newWorkItemQuerySchema, {})).toThrow();
    expect(() => readPageQuery(newWorkItemQuerySchema, { parent: "0" })).toThrow();
    expect(readPageQuery(newWorkItemQuerySchema, { parent: "12" }).query).toEqual({ parent: 12 });
  });
});

describe("[id] params", () => {
  it("accepts a positive whole number only", async () => {
    expect(await parseIdParam(Promise.resolve({ id: "42" }))).toBe(42);
    for (const id of ["0", "-1", "1.5", "abc", ""]) expect(await parseIdParam(Promise.resolve({ id })), id).toBeNull();
  });

  it("refuses an id the database cannot hold, or written other than in digits (a 404, never a query)", async () => {
    expect(await parseIdParam(Promise.resolve({ id: "2147483647" }))).toBe(2147483647);
    for (const id of ["2147483648", "9999999999", "99999999999999999999", "1e3", "0x10", " 5", "5.0", "Infinity", "1e309", "-0"])
      expect(await parseIdParam(Promise.resolve({ id })), id).toBeNull();
    await expect(readIdParam(Promise.resolve({ id: "99999999999999999999" }))).rejects.toThrow();
  });

  it("bounds ids and versions in forms and queries to the database's integer range", () => {
    expect(idField.safeParse("2147483648").success).toBe(false);
    expect(versionField.safeParse("2147483648").success).toBe(false);
    expect(parseQuery(divisionFilterSchema, new URLSearchParams("unit=9999999999")).success).toBe(false);
    expect(readPageQuery(divisionFilterSchema, { unit: "9999999999" }).ignored).toEqual(["unit"]);
    for (const round of ["Infinity", "1e309", "99999999999999999999", "2147483648"])
      expect(parseQuery(dashboardExportQuerySchema, new URLSearchParams(`kind=summary&round=${round}`)).success, round).toBe(false);
  });

  it("makes a page not found for a bad id", async () => {
    await expect(readIdParam(Promise.resolve({ id: "x" }))).rejects.toThrow();
    await expect(readIdParam(Promise.resolve({ id: "7" }))).resolves.toBe(7);
  });
});
