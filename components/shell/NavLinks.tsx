"use client";

import { Link } from "@/components/ui/Link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { isActivePath, type NavItem } from "@/lib/core/navigation";

interface NavLinksProps {
  items: readonly NavItem[];
  onNavigate?: () => void;
}

export function NavLinks({ items, onNavigate }: NavLinksProps) {
  const pathname = usePathname();
  const t = useTranslations("nav");
  return (
    <ul className="space-y-1">
      {items.map((item) => {
        const active = isActivePath(pathname, item.href);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              onClick={onNavigate}
              aria-current={active ? "page" : undefined}
              className={
                active
                  ? "block rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white"
                  : "block rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-brand-50 hover:text-brand-700"
              }
            >
              {t(item.labelKey)}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
