import type { ReactNode } from "react";

/**
 * Chinese data — unit names, item titles, report texts, what people typed — shown on a page that
 * may be in English: marked `lang="zh-CN"` so screen readers switch to a Chinese voice. Harmless
 * on the Chinese interface, where it matches the page's own language.
 */
export function ZhText({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <span lang="zh-CN" className={className}>
      {children}
    </span>
  );
}
