import { z } from "zod";
import { hashPassword } from "@/lib/core/auth/password-hash";
import { checkPassword } from "@/lib/accounts/password-policy";
import { ROLES } from "@/lib/core/permissions";
import type { AppPrismaClient } from "@/lib/core/db/create-client";
import demoFile from "@/prisma/seed-data/demo-accounts.json";

const demoSeedSchema = z
  .object({
    password: z.string(),
    accounts: z.array(
      z.object({
        username: z.string(),
        displayName: z.string(),
        role: z.enum(ROLES),
        unit: z.string().optional(),
      }),
    ),
  })
  .superRefine((seed, context) => {
    for (const account of seed.accounts) {
      if (checkPassword(seed.password, account.username).length > 0) {
        context.addIssue({ code: "custom", message: `demo password breaks the policy for ${account.username}` });
      }
      if ((account.role === "LIAISON") !== (account.unit !== undefined)) {
        context.addIssue({ code: "custom", message: `${account.username}: exactly the liaisons have a unit` });
      }
    }
  });

export const demoAccountSeed = demoSeedSchema.parse(demoFile);

/** Creates the demo accounts when there are no users at all. Returns how many. */
export async function seedDemoAccounts(client: AppPrismaClient): Promise<number> {
  if ((await client.user.count()) > 0) return 0;
  const units = new Map((await client.unit.findMany({ select: { id: true, name: true } })).map((unit) => [unit.name, unit.id]));
  const passwordHash = await hashPassword(demoAccountSeed.password);
  const { count } = await client.user.createMany({
    data: demoAccountSeed.accounts.map((account) => {
      const unitId = account.unit === undefined ? null : units.get(account.unit);
      if (unitId === undefined) throw new Error(`demo account ${account.username}: unknown unit ${account.unit}`);
      return {
        username: account.username,
        displayName: account.displayName,
        role: account.role,
        unitId,
        passwordHash,
        mustChangePassword: false,
        isDemo: true,
      };
    }),
  });
  return count;
}
