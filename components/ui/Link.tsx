import NextLink from "next/link";
import type { ComponentProps } from "react";

/**
 * The portal's links: Next.js's client-side navigation, without prefetching unless a link asks for
 * it. Next.js prefetches every link that scrolls into view, two requests each, and every one of
 * them reaches the server (the pages are per user, so nothing is served from a shared cache):
 * measured 2026-12-02 in Chromium, one view of 我的任务 sent 49 prefetch requests, the review queue
 * 53, and the navigation alone 22 on every page — each about a tenth of a page's rendering, so a
 * view of a long list cost the server several times the page itself. A click still navigates
 * without reloading the document (one request for the page it opens). `eslint.config.mjs` keeps
 * `next/link` out of the rest of the app.
 */
export function Link({ prefetch = false, ...props }: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={prefetch} {...props} />;
}
