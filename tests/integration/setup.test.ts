import { describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/core/db/create-client";
import { prepareDatabase } from "@/lib/core/db/setup";
import { demoAccountSeed } from "@/lib/seed/demo-accounts";
import { unitSeed } from "@/lib/seed/units";
import { scratchDatabaseUrl } from "../support/scratch-db";

describe("database setup (what npm start runs)", () => {
  it("creates, migrates and seeds an empty database, then keeps data on a second run", async () => {
    const url = await scratchDatabaseUrl("setup");
    const first = await prepareDatabase(url, { demoAccounts: true });
    expect(first.appliedMigrations.length).toBeGreaterThan(0);
    expect(first.seeded.units).toBe(unitSeed.units.length);
    expect(first.seeded.demoAccounts).toBe(demoAccountSeed.accounts.length);
    expect(first.seeded.plans).toBe(2);

    const client = createPrismaClient(url);
    const renamed = await client.unit.update({ where: { name: "市科协" }, data: { fullName: "本地修改后的全称" } });
    await client.$disconnect();

    const second = await prepareDatabase(url, { demoAccounts: true });
    expect(second).toEqual({
      appliedMigrations: [],
      seeded: { units: 0, plans: 0, demoAccounts: 0, demoReports: 0, demoIndicatorValues: 0 },
    });
    expect(await client.unit.count()).toBe(unitSeed.units.length);
    expect((await client.unit.findUniqueOrThrow({ where: { id: renamed.id } })).fullName).toBe("本地修改后的全称");
    await client.$disconnect();
  });
});

describe("database setup for a real deployment", () => {
  it("creates no demo accounts when they are turned off", async () => {
    const url = await scratchDatabaseUrl("no-demo");
    const result = await prepareDatabase(url, { demoAccounts: false });
    expect(result.seeded.demoAccounts).toBe(0);
    const client = createPrismaClient(url);
    expect(await client.user.count()).toBe(0);
    await client.$disconnect();
  });
});
