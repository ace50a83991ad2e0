/**
 * Password rules (GB/T 22239-2019 8.1.4.1 identification and authentication): at least 8
 * characters, characters of at least 3 of the 4 classes, and not containing the username.
 * Pure: the form shows the same rules the server enforces.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem = "tooShort" | "tooLong" | "tooFewClasses" | "containsUsername";

export function characterClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((pattern) => pattern.test(password)).length;
}

/** The rules a password breaks, empty when it is acceptable. */
export function checkPassword(password: string, username: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push("tooShort");
  if (password.length > PASSWORD_MAX_LENGTH) problems.push("tooLong");
  if (characterClasses(password) < 3) problems.push("tooFewClasses");
  if (username.trim() !== "" && password.toLowerCase().includes(username.trim().toLowerCase())) {
    problems.push("containsUsername");
  }
  return problems;
}

const TEMPORARY_ALPHABETS = ["ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnpqrstuvwxyz", "23456789", "#%+=?@"];

/**
 * A random temporary password that satisfies the policy (one of every class, no look-alike
 * characters). Shown once to the account administrator; must be changed at first login.
 */
export function generateTemporaryPassword(randomInt: (max: number) => number, length = 12): string {
  const all = TEMPORARY_ALPHABETS.join("");
  const chars = TEMPORARY_ALPHABETS.map((alphabet) => alphabet[randomInt(alphabet.length)]!);
  while (chars.length < length) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join("");
}
