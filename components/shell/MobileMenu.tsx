"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { NavItem } from "@/lib/core/navigation";
import { NavLinks } from "./NavLinks";

/** The sidebar, as a drop-down panel below the header on narrow screens. */
export function MobileMenu({ items }: { items: readonly NavItem[] }) {
  const t = useTranslations("shell");
  const [open, setOpen] = useState(false);
  return (
    <div className="md:hidden">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="mobile-navigation"
        onClick={() => setOpen((value) => !value)}
        className="rounded-md border border-white/40 px-3 py-1.5 text-sm text-white hover:bg-white/10"
      >
        {open ? t("closeMenu") : t("openMenu")}
      </button>
      {open ? (
        <nav
          id="mobile-navigation"
          aria-label={t("mainNavigation")}
          className="absolute inset-x-0 top-full z-20 border-b border-slate-200 bg-white p-3 shadow-lg"
        >
          <NavLinks items={items} onNavigate={() => setOpen(false)} />
        </nav>
      ) : null}
    </div>
  );
}
