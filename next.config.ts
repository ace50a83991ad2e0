import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import fixedResponseHeaders from "./lib/core/fixed-response-headers.json";

const withNextIntl = createNextIntlPlugin("./lib/core/i18n/request.ts");

// No Next.js telemetry from any build or server, however it is started (`npx next build` too): the
// portal runs on closed networks. Next reads the variable when it creates its Telemetry, after it has
// loaded this file (build, start, the dev server's worker); package.json's scripts also set it for
// the processes that never load this file (the `next dev` parent, `next typegen`).
process.env.NEXT_TELEMETRY_DISABLED = "1";

const nextConfig: NextConfig = {
  // The end-to-end tests build into their own folder so they never disturb a running `npm start`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native modules and the WASM schema engine must be loaded by Node at run time, not bundled.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@node-rs/argon2"],
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx with status 403.
  // Evidence attachments go up through a server action: 20 MB each, plus form overhead.
  // proxy.ts (lib/core/http-guards.ts) refuses larger action bodies with a 413 before Next.js reads
  // them; the proxy's copy of a body must hold a whole upload, or Next.js would cut it at 10 MB.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "21mb" }, proxyClientMaxBodySize: "21mb" },
  typedRoutes: false,
  async headers() {
    return [
      {
        source: "/:path*",
        // No other site's window keeps a handle on a portal window, and no other site may embed the
        // portal's files (lib/core/security-headers.ts). The per-page CSP and HSTS are set by proxy.ts.
        headers: [...fixedResponseHeaders],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
