import { describe, expect, it } from "vitest";
import { InvalidEnvironmentError, parseEnv } from "@/lib/core/env";

const SECRET = { NEXTAUTH_SECRET: "s".repeat(32) };

describe("environment validation", () => {
  it("fills in defaults for a bare environment", () => {
    const env = parseEnv({ ...SECRET });
    expect(env.DATABASE_URL).toBe("file:./data/app.db");
    expect(env.PORT).toBe(3000);
    expect(env).toMatchObject({
      LOGIN_MAX_FAILURES: 5,
      LOGIN_LOCK_MINUTES: 15,
      LOGIN_ADDRESS_MAX_FAILURES: 10,
      LOGIN_ADDRESS_WINDOW_MINUTES: 15,
      SESSION_IDLE_MINUTES: 30,
      SESSION_MAX_HOURS: 12,
      SEED_DEMO_ACCOUNTS: true,
    });
  });

  it("treats empty values as unset", () => {
    expect(parseEnv({ ...SECRET, PORT: "", DATABASE_URL: "" }).PORT).toBe(3000);
  });

  it("names each bad variable and the value it got", () => {
    let caught: unknown;
    try {
      parseEnv({ ...SECRET, DATABASE_URL: "mysql://db/app", PORT: "eighty" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidEnvironmentError);
    const message = (caught as Error).message;
    expect(message).toContain(
      'DATABASE_URL: must be a SQLite file URL such as "file:./data/app.db" or a PostgreSQL URL such as "postgresql://app@db.example:5432/kepu" (got "mysql://db/app")',
    );
    expect(message).toContain('PORT: must be a port number (got "eighty")');
    expect(message).toContain("环境变量配置有误");
  });

  it("takes a SQLite file or a PostgreSQL server as DATABASE_URL", () => {
    expect(parseEnv({ ...SECRET, DATABASE_URL: "file:./data/app.db" }).DATABASE_URL).toBe("file:./data/app.db");
    expect(parseEnv({ ...SECRET, DATABASE_URL: "postgresql://app@db.example:5432/kepu" }).DATABASE_URL).toBe(
      "postgresql://app@db.example:5432/kepu",
    );
  });

  it("rejects a port out of range", () => {
    expect(() => parseEnv({ ...SECRET, PORT: "70000" })).toThrow(/PORT/);
  });

  it("takes how many requests a server process works on at once, naming a bad value", () => {
    expect(parseEnv({ ...SECRET, SERVER_REQUEST_CONCURRENCY: "4" }).SERVER_REQUEST_CONCURRENCY).toBe(4);
    expect(parseEnv({ ...SECRET }).SERVER_REQUEST_CONCURRENCY).toBeUndefined();
    for (const bad of ["0", "2.5", "65", "many"]) {
      expect(() => parseEnv({ ...SECRET, SERVER_REQUEST_CONCURRENCY: bad })).toThrow(/SERVER_REQUEST_CONCURRENCY/);
    }
  });

  it("requires a long enough session secret, naming it", () => {
    expect(() => parseEnv({})).toThrow(/NEXTAUTH_SECRET: is required/);
    expect(() => parseEnv({ NEXTAUTH_SECRET: "short" })).toThrow(/NEXTAUTH_SECRET: must be at least 32 characters long/);
  });

  it("rejects a malformed flag or count", () => {
    expect(() => parseEnv({ ...SECRET, SEED_DEMO_ACCOUNTS: "yes" })).toThrow(/SEED_DEMO_ACCOUNTS: must be true or false/);
    expect(() => parseEnv({ ...SECRET, LOGIN_MAX_FAILURES: "0" })).toThrow(/LOGIN_MAX_FAILURES/);
    expect(() => parseEnv({ ...SECRET, LOGIN_ADDRESS_MAX_FAILURES: "0" })).toThrow(/LOGIN_ADDRESS_MAX_FAILURES/);
    expect(() => parseEnv({ ...SECRET, LOGIN_ADDRESS_WINDOW_MINUTES: "soon" })).toThrow(/LOGIN_ADDRESS_WINDOW_MINUTES/);
    expect(parseEnv({ ...SECRET, SEED_DEMO_ACCOUNTS: "false" }).SEED_DEMO_ACCOUNTS).toBe(false);
  });

  it("leaves e-mail off by default and wants a sender once a relay is named", () => {
    expect(parseEnv({ ...SECRET }).SMTP_URL).toBeUndefined();
    expect(() => parseEnv({ ...SECRET, SMTP_URL: "smtp://relay.example.gov.cn:25" })).toThrow(
      /SMTP_FROM: is required when SMTP_URL is set/,
    );
    expect(() => parseEnv({ ...SECRET, SMTP_URL: "relay.example.gov.cn", SMTP_FROM: "kepu@example.gov.cn" })).toThrow(
      /SMTP_URL: must be an SMTP URL/,
    );
    // The URL may carry the relay's password: the message names the variable, not its value.
    expect(() => parseEnv({ ...SECRET, SMTP_URL: "http://kepu:hunter2@relay", SMTP_FROM: "kepu@example.gov.cn" })).toThrow(
      /^(?![\s\S]*hunter2)/,
    );
    const env = parseEnv({
      ...SECRET,
      SMTP_URL: "smtps://kepu:secret@relay.example.gov.cn:465",
      SMTP_FROM: "深圳市科协 <kepu@example.gov.cn>",
    });
    expect(env).toMatchObject({ SMTP_URL: "smtps://kepu:secret@relay.example.gov.cn:465", SMTP_FROM: "深圳市科协 <kepu@example.gov.cn>" });
  });
});
