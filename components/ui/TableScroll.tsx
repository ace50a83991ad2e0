import type { ReactNode } from "react";

/** A wide table's horizontal scroll area, reachable and scrollable from the keyboard. */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      {children}
    </div>
  );
}
