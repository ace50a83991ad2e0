"use client";

import { Link } from "@/components/ui/Link";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type ReactNode } from "react";
import type { NavItem } from "@/lib/core/navigation";
import { NavLinks } from "./NavLinks";

interface MobileMenuProps {
  items: readonly NavItem[];
  /** Who is signed in, shown above the account commands. */
  user: string;
  /** The header commands that have no room on a narrow screen (退出登录, the language switch). */
  commands: ReactNode;
}

/**
 * The sidebar and the account commands, as a drop-down panel below the header on narrow screens.
 * It closes on Escape (focus returns to its button), when focus moves out of it, and on a click
 * outside it.
 */
export function MobileMenu({ items, user, commands }: MobileMenuProps) {
  const t = useTranslations("shell");
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const closeOnOutsidePointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", closeOnOutsidePointer);
    return () => document.removeEventListener("pointerdown", closeOnOutsidePointer);
  }, [open]);

  return (
    <div
      ref={rootRef}
      className="md:hidden"
      onKeyDown={(event) => {
        if (event.key === "Escape" && open) {
          event.stopPropagation();
          setOpen(false);
          buttonRef.current?.focus();
        }
      }}
      onBlur={(event) => {
        // Focus moved to something outside the menu (Tab past its last entry, Shift+Tab before its button).
        const next = event.relatedTarget;
        if (open && next instanceof Node && !event.currentTarget.contains(next)) setOpen(false);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls="mobile-navigation"
        aria-label={open ? t("closeMenu") : t("openMenu")}
        onClick={() => setOpen((value) => !value)}
        className="rounded-md border border-white/40 px-3 py-1.5 text-sm text-white hover:bg-white/10"
      >
        {t("menu")}
      </button>
      {open ? (
        // focus-on-light: the panel is white, so it gets the content's focus ring, not the header's.
        <div
          id="mobile-navigation"
          className="focus-on-light absolute inset-x-0 top-full z-20 max-h-[calc(100vh-4rem)] overflow-y-auto border-b border-slate-200 bg-white p-3 text-slate-900 shadow-lg"
        >
          <nav aria-label={t("mainNavigation")}>
            <NavLinks items={items} onNavigate={() => setOpen(false)} />
          </nav>
          <section aria-label={t("accountMenu")} className="mt-3 space-y-1 border-t border-slate-200 pt-3">
            <p className="px-3 text-xs text-slate-600">{user}</p>
            <Link
              href="/account/password"
              onClick={() => setOpen(false)}
              className="block rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-brand-50 hover:text-brand-700"
            >
              {t("changePassword")}
            </Link>
            <div className="flex flex-wrap gap-2 px-1">{commands}</div>
          </section>
        </div>
      ) : null}
    </div>
  );
}
