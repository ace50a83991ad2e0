import { describe, expect, it } from "vitest";
import { benchDatabase, describeBenchDatabase } from "@/scripts/support/bench-postgres";

describe("bench:load's database choice", () => {
  it("runs on SQLite unless PostgreSQL is asked for by BENCH_DATABASE or --postgresql", () => {
    expect(benchDatabase({}, [])).toBe("sqlite");
    expect(benchDatabase({ BENCH_DATABASE: "sqlite" }, [])).toBe("sqlite");
    expect(benchDatabase({ BENCH_DATABASE: "postgresql" }, [])).toBe("postgresql");
    expect(benchDatabase({ BENCH_DATABASE: " PostgreSQL " }, [])).toBe("postgresql");
    expect(benchDatabase({}, ["node", "bench-load.ts", "--postgresql"])).toBe("postgresql");
    expect(() => benchDatabase({ BENCH_DATABASE: "mysql" }, [])).toThrow(/sqlite.*postgresql/);
  });

  it("says what the figures were measured on, durability included", () => {
    expect(describeBenchDatabase("sqlite", {})).toMatch(/SQLite \(synchronous=FULL/);
    expect(describeBenchDatabase("sqlite", { DB_SYNCHRONOUS: "NORMAL" })).toMatch(/synchronous=NORMAL/);
    expect(describeBenchDatabase("postgresql", {})).toMatch(/PostgreSQL.*fsync.*synchronous_commit.*on.*pool 10 connections/);
    expect(describeBenchDatabase("postgresql", { DB_POOL_SIZE: "4" })).toMatch(/pool 4 connections/);
  });
});
