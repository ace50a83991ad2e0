/**
 * Issue 17, item 9: the permission table gives the account administrator unit:read, so /units
 * (the unit list) and its sidebar entry must be open to them — without the plan work (lead and
 * support counts, unit pages), which needs plan:read.
 */
import { describe, expect, it } from "vitest";
import { navItemsFor } from "@/lib/core/navigation";
import { listUnitsWithWork } from "@/lib/plans/server/plans";
import { actorForRole } from "../support/actors";

describe("the unit list", () => {
  it("is open to the account administrator, without the work counts", async () => {
    const units = await listUnitsWithWork(await actorForRole("USER_ADMIN"));
    expect(units.map((unit) => unit.name)).toContain("市教育局");
    for (const unit of units) expect([unit.leads, unit.supports]).toEqual([null, null]);
  });

  it("shows the work counts to those who read plans", async () => {
    const units = await listUnitsWithWork(await actorForRole("LEADER"));
    expect(units.find((unit) => unit.name === "市教育局")?.leads).toBeGreaterThan(0);
  });

  it("is in the sidebar of every role that may open it, and of no other", () => {
    expect(navItemsFor("USER_ADMIN").map((item) => item.href)).toContain("/units");
    expect(navItemsFor("LEADER").map((item) => item.href)).toContain("/units");
    expect(navItemsFor("AUDITOR").map((item) => item.href)).not.toContain("/units");
  });
});
