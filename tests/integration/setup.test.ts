import { describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/create-client";
import { prepareDatabase } from "@/lib/db/setup";
import { unitSeed } from "@/lib/seed/units";
import { scratchDatabaseUrl } from "../support/scratch-db";

describe("database setup (what npm start runs)", () => {
  it("creates, migrates and seeds an empty database, then keeps data on a second run", async () => {
    const url = scratchDatabaseUrl("setup");
    const first = await prepareDatabase(url);
    expect(first.appliedMigrations.length).toBeGreaterThan(0);
    expect(first.seeded.units).toBe(unitSeed.units.length);

    const client = createPrismaClient(url);
    const renamed = await client.unit.update({ where: { name: "市科协" }, data: { fullName: "本地修改后的全称" } });
    await client.$disconnect();

    const second = await prepareDatabase(url);
    expect(second).toEqual({ appliedMigrations: [], seeded: { units: 0 } });
    expect(await client.unit.count()).toBe(unitSeed.units.length);
    expect((await client.unit.findUniqueOrThrow({ where: { id: renamed.id } })).fullName).toBe("本地修改后的全称");
    await client.$disconnect();
  });
});
