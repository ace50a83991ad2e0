/**
 * The layer rules in eslint.config.mjs, run on code that breaks them: each must fail the lint,
 * and the same imports where they belong must pass. (A rule that never fires guards nothing.)
 */
import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, "../..") });
});

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

const RESTRICTED = "@typescript-eslint/no-restricted-imports";
const CLIENT = "layers/no-server-code-in-client";

describe("the database stays behind the data layer", () => {
  it("refuses the Prisma client in a page, a route, a component, an action and a schema", async () => {
    const code = 'import { db } from "@/lib/core/db";\nexport const client = db;\n';
    for (const file of [
      "app/(portal)/x/page.tsx",
      "app/(portal)/x/route.ts",
      "components/plans/X.tsx",
      "lib/plans/actions.ts",
      "lib/reporting/schemas.ts",
    ]) {
      expect(await ruleIds(file, code), file).toContain(RESTRICTED);
    }
  });

  it("refuses lib/generated values outside the data layer but allows its types", async () => {
    expect(
      await ruleIds(
        "components/x/X.tsx",
        'import { PrismaClient } from "@/lib/generated/prisma/client";\nexport const C = PrismaClient;\n',
      ),
    ).toContain(RESTRICTED);
    expect(
      await ruleIds(
        "components/x/X.tsx",
        'import type { Prisma } from "@/lib/generated/prisma/client";\nexport type W = Prisma.PlanItemWhereInput;\n',
      ),
    ).not.toContain(RESTRICTED);
  });

  it("allows the database in a feature's data layer and in lib/core", async () => {
    const code = 'import { db } from "@/lib/core/db";\nexport const client = db;\n';
    expect(await ruleIds("lib/plans/server/x.ts", code)).not.toContain(RESTRICTED);
    expect(await ruleIds("lib/indicators/server.ts", code)).not.toContain(RESTRICTED);
    expect(await ruleIds("lib/core/x.ts", code)).not.toContain(RESTRICTED);
  });
});

describe("client components import no server-only code", () => {
  const client = (imports: string) => `"use client";\n${imports}\nexport function X() {\n  return null;\n}\n`;

  it("refuses the data layer, the session and request headers in a client component", async () => {
    for (const source of ["@/lib/reporting/server/inbox", "@/lib/indicators/server", "@/lib/core/session", "next/headers", "server-only"]) {
      expect(await ruleIds("components/reporting/X.tsx", client(`import "${source}";`)), source).toContain(CLIENT);
    }
  });

  it("allows server actions, shared schemas and type imports in a client component", async () => {
    const imports = [
      'import { saveReportAction } from "@/lib/reporting/actions/reports";',
      'import { PROGRESS_STATUSES } from "@/lib/reporting/schemas";',
      'import type { TreeNode } from "@/lib/plans/server/plans";',
    ].join("\n");
    expect(await ruleIds("components/reporting/X.tsx", client(imports))).not.toContain(CLIENT);
  });

  it("leaves server components free to read the data layer", async () => {
    expect(
      await ruleIds(
        "components/shell/X.tsx",
        'import { unreadCount } from "@/lib/reporting/server/inbox";\nexport const f = unreadCount;\n',
      ),
    ).not.toContain(CLIENT);
  });
});
