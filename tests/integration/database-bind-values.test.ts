import { describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { SQLITE_MAX_BIND_VALUES } from "@/lib/core/db/sqlite-adapter";

// A round workbook of 2,000 rows is read with one findMany of the 2,000 reports it names (the
// preview of lib/reporting/server/ledger-import.ts, the download of ledger-export.ts): Prisma must
// know SQLite takes 32,766 bound values, not the 999 it assumes when the adapter does not say.
describe("the app's database connection binds as many values as SQLite takes", () => {
  it("reads 2,000 reports with their outputs and items in one findMany", async () => {
    const admin = await db.user.findFirstOrThrow({ where: { username: "kxadmin" } });
    // Four rounds over every item and unit of the template database, 2,000 reports of them.
    const rounds = await Promise.all(
      [1, 2, 3, 4].map((index) =>
        db.reportingRound.create({
          data: {
            name: `绑定参数测试${index}`,
            period: "测试",
            deadline: new Date("2099-03-31T16:00:00Z"),
            openedById: admin.id,
            openedAt: new Date(),
          },
        }),
      ),
    );
    const [items, units] = await Promise.all([db.planItem.findMany({ select: { id: true } }), db.unit.findMany({ select: { id: true } })]);
    const pairs = rounds
      .flatMap((round) =>
        items.flatMap((item) => units.map((unit) => ({ roundId: round.id, itemId: item.id, unitId: unit.id, role: "LEAD" as const }))),
      )
      .slice(0, 2000);
    expect(pairs.length).toBe(2000);
    await db.progressReport.createMany({ data: pairs });
    const ids = (
      await db.progressReport.findMany({ where: { roundId: { in: rounds.map((round) => round.id) } }, select: { id: true } })
    ).map((report) => report.id);
    const reports = await db.progressReport.findMany({
      where: { id: { in: ids } },
      include: { item: { select: { title: true } }, outputs: { orderBy: { position: "asc" } } },
    });
    expect(reports).toHaveLength(2000);
    expect(SQLITE_MAX_BIND_VALUES).toBe(32_766);
  });

  it("runs a statement of 30,000 bound values", async () => {
    const ids = Array.from({ length: 30_000 }, (_, index) => index + 1);
    expect(await db.planItem.count({ where: { id: { in: ids }, title: { not: "" } } })).toBeGreaterThan(0);
  });
});
