// Lets a console script (npm run bench) import the server-only data layer: outside React's
// server bundle the `server-only` package throws on import, so it resolves to an empty module
// here, as tests/support/empty-module.ts does for Vitest.
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(
      'export async function resolve(specifier, context, next) { return specifier === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : next(specifier, context); }',
    ),
);
