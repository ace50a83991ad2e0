import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";

export interface AccessibilityFinding {
  url: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/** What the guards saw during one test. Specs may inspect it; teardown fails the test on any entry. */
export interface Guards {
  /** Requests the page made to any origin other than the app's own (they were blocked). */
  externalRequests: string[];
  /** Serious or critical axe-core violations, one entry per rule per page. */
  accessibilityFindings: AccessibilityFinding[];
  /** Content-Security-Policy violations the pages reported (a blocked script, style or load). */
  cspViolations: string[];
  /** Scans every page visited so far and waits for the scans to finish. */
  settle(): Promise<void>;
  /** Scans the current page now, even if it was scanned before (e.g. after a change to its DOM). */
  scanNow(): Promise<void>;
}

const BLOCKING_IMPACTS = new Set(["serious", "critical"]);
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

function pageKey(url: string): string {
  const parsed = new URL(url);
  return parsed.origin + parsed.pathname + parsed.search;
}

async function installGuards(page: Page, appOrigin: string): Promise<Guards> {
  const guards: Guards = {
    externalRequests: [],
    accessibilityFindings: [],
    cspViolations: [],
    settle: async () => {},
    scanNow: async () => {},
  };

  // (a) The portal runs on an intranet: nothing may come from another host.
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (/^(data|blob):/.test(url) || new URL(url).origin === appOrigin) return route.continue();
    guards.externalRequests.push(url);
    return route.abort("blockedbyclient");
  });
  page.on("websocket", (socket) => {
    if (new URL(socket.url()).host !== new URL(appOrigin).host) guards.externalRequests.push(socket.url());
  });

  // (c) The pages' Content-Security-Policy (proxy.ts): any violation a page reports fails the test.
  // The browser fires securitypolicyviolation for every blocked script, style or load (the same
  // events that print "Refused to …" in its console); the listener is installed before any page script.
  await page.exposeFunction("__e2eReportCspViolation", (violation: string) => {
    guards.cspViolations.push(violation);
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __e2eReportCspViolation?: (violation: string) => void }).__e2eReportCspViolation;
      report?.(
        `${location.pathname}: ${event.effectiveDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });

  // (b) axe-core on every page visited, full loads and client-side navigations alike.
  const scanned = new Set<string>();
  let queue: Promise<void> = Promise.resolve();
  const scanCurrentPage = async (force = false) => {
    if (page.isClosed()) return;
    try {
      await page.waitForLoadState("load");
      const key = pageKey(page.url());
      if ((scanned.has(key) && !force) || !key.startsWith(appOrigin)) return;
      // Next.js streams a page's metadata after its body: on a busy machine a client-side
      // navigation can be scanned before its <title> arrives. Give it a moment; a page that
      // never gets one is still reported.
      await page.waitForFunction(() => document.title.trim() !== "", null, { timeout: 5_000 }).catch(() => {});
      const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
      // A navigation during the scan means it saw a document in transition: the page it
      // went to is scanned in turn, so these results belong to neither and are dropped.
      if (pageKey(page.url()) !== key) return;
      scanned.add(key);
      for (const violation of results.violations) {
        if (!BLOCKING_IMPACTS.has(violation.impact ?? "")) continue;
        guards.accessibilityFindings.push({
          url: key,
          rule: violation.id,
          impact: violation.impact ?? "",
          help: violation.help,
          targets: violation.nodes.slice(0, 5).map((node) => node.target.join(" ")),
        });
      }
    } catch {
      // The page navigated or closed mid-scan; the page it went to is scanned in turn.
    }
  };
  const enqueueScan = (force = false) => {
    queue = queue.then(() => scanCurrentPage(force));
  };
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) enqueueScan();
  });
  guards.settle = async () => {
    enqueueScan();
    await queue;
  };
  guards.scanNow = async () => {
    enqueueScan(true);
    await queue;
  };
  return guards;
}

export const test = base.extend<{ guards: Guards }>({
  // Automatic: every test gets the guards, whether or not it names them.
  guards: [
    async ({ page, baseURL }, use) => {
      const guards = await installGuards(page, new URL(baseURL!).origin);
      await use(guards);
      await guards.settle();
      expect(guards.externalRequests, "requests to hosts other than the app's own").toEqual([]);
      expect(guards.accessibilityFindings, "serious or critical accessibility violations (axe-core)").toEqual([]);
      expect(guards.cspViolations, "Content-Security-Policy violations reported by a page").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
