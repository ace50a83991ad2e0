import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { characterClasses, checkPassword, generateTemporaryPassword } from "@/lib/accounts/password-policy";

describe("password policy", () => {
  it.each([
    ["Kepu#2025", "jyj", []],
    ["Abcdefg1", "jyj", []],
    ["abc#1234", "jyj", []],
    ["Abc#12", "jyj", ["tooShort"]],
    ["abcdefgh", "jyj", ["tooFewClasses"]],
    ["abcdefg1", "jyj", ["tooFewClasses"]],
    ["Jyj#20250", "jyj", ["containsUsername"]],
    ["x".repeat(129) + "A1#", "jyj", ["tooLong"]],
  ])("%s for user %s → %j", (password, username, problems) => {
    expect(checkPassword(password, username)).toEqual(problems);
  });

  it("counts character classes", () => {
    expect(characterClasses("aA1#")).toBe(4);
    expect(characterClasses("密码Aa")).toBe(3);
  });

  it("generates temporary passwords that always pass the policy", () => {
    fc.assert(
      fc.property(fc.infiniteStream(fc.nat()), fc.stringMatching(/^[a-z][a-z0-9]{2,10}$/), (numbers, username) => {
        const iterator = numbers[Symbol.iterator]();
        const password = generateTemporaryPassword((max) => iterator.next().value % max);
        expect(password).toHaveLength(12);
        expect(characterClasses(password)).toBe(4);
        expect(checkPassword(password, username).filter((problem) => problem !== "containsUsername")).toEqual([]);
      }),
    );
  });
});
