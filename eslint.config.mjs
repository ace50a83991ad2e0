import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

/**
 * The layers, enforced (see README, "Project layout"):
 * 1. Only a feature's data layer (`lib/<feature>/server.ts`, `lib/<feature>/server/`), `lib/core`
 *    and the seed loaders touch the database: the Prisma client, `lib/generated` (type imports
 *    aside) and the driver. So `app/`, `components/`, schemas, actions and exports cannot.
 * 2. A client component ("use client") imports no server-only code: no data layer, session,
 *    database, request headers or Node built-ins. Server actions are the way in.
 */
const DATABASE_MODULES = {
  group: [
    "@/lib/generated/*",
    "@/lib/generated/**",
    "**/lib/generated/**",
    "@/lib/core/db",
    "@/lib/core/db/*",
    "**/core/db",
    "**/core/db/*",
    "@prisma/*",
    "better-sqlite3",
  ],
  allowTypeImports: true,
  message: "Only a feature's data layer (lib/<feature>/server…), lib/core and lib/seed touch the database: call the data layer instead.",
};

const SERVER_ONLY_IN_CLIENT = [
  /^server-only$/,
  /^next\/headers$/,
  /^node:/,
  /^@\/lib\/[^/]+\/server(\/|$)/,
  /^@\/lib\/core\/(db|session|authz|page|params|request|responses|health|boot|auth|action)(\/|$)/,
  /^@\/lib\/generated\//,
  /^@prisma\//,
];

const layers = {
  rules: {
    "no-server-code-in-client": {
      meta: {
        type: "problem",
        docs: { description: "A client component imports no server-only module (type imports aside)." },
        messages: { server: "A client component cannot import server-only code ({{source}}): pass data as props or call a server action." },
        schema: [],
      },
      create(context) {
        const isClient = context.sourceCode.ast.body.some((node) => node.type === "ExpressionStatement" && node.directive === "use client");
        if (!isClient) return {};
        const check = (node, source) => {
          if (node.importKind === "type" || node.exportKind === "type") return;
          if (SERVER_ONLY_IN_CLIENT.some((pattern) => pattern.test(source)))
            context.report({ node, messageId: "server", data: { source } });
        };
        return {
          ImportDeclaration: (node) => check(node, node.source.value),
          ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
          ExportAllDeclaration: (node) => check(node, node.source.value),
          ImportExpression: (node) => node.source.type === "Literal" && check(node, node.source.value),
        };
      },
    },
  },
};

/** Links come from components/ui/Link.tsx, which does not prefetch (every prefetch is a request the server renders). */
const NEXT_LINK = {
  name: "next/link",
  message: 'Use { Link } from "@/components/ui/Link": Next.js\'s Link prefetches every link in view, each a request the server renders.',
};

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}"],
    ignores: ["lib/core/**", "lib/*/server.ts", "lib/*/server/**", "lib/seed/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", { paths: [NEXT_LINK], patterns: [DATABASE_MODULES] }],
    },
  },
  {
    // The one place next/link is used: the portal's Link without prefetching.
    files: ["components/ui/Link.tsx"],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", { patterns: [DATABASE_MODULES] }],
    },
  },
  {
    files: ["app/**/*.tsx", "components/**/*.tsx"],
    plugins: { layers },
    rules: { "layers/no-server-code-in-client": "error" },
  },
  globalIgnores([
    ".next/**",
    ".next-e2e/**",
    "out/**",
    "build/**",
    "next-env.d.ts",
    "lib/generated/**",
    "data/**",
    "tmp/**",
    "reports/**",
    ".stryker-tmp/**",
    "test-results/**",
    "playwright-report/**",
  ]),
]);
