import { describe, expect, it } from "vitest";
import { InvalidEnvironmentError, parseEnv } from "@/lib/env";

describe("environment validation", () => {
  it("fills in defaults for a bare environment", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBe("file:./data/app.db");
    expect(env.PORT).toBe(3000);
  });

  it("treats empty values as unset", () => {
    expect(parseEnv({ PORT: "", DATABASE_URL: "" }).PORT).toBe(3000);
  });

  it("names each bad variable and the value it got", () => {
    let caught: unknown;
    try {
      parseEnv({ DATABASE_URL: "postgres://db/app", PORT: "eighty" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidEnvironmentError);
    const message = (caught as Error).message;
    expect(message).toContain('DATABASE_URL: must be a SQLite file URL such as "file:./data/app.db" (got "postgres://db/app")');
    expect(message).toContain('PORT: must be a port number (got "eighty")');
    expect(message).toContain("环境变量配置有误");
  });

  it("rejects a port out of range", () => {
    expect(() => parseEnv({ PORT: "70000" })).toThrow(/PORT/);
  });
});
