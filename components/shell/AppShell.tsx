import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { NAV_ITEMS } from "@/lib/navigation";
import { LocaleSwitcher } from "./LocaleSwitcher";
import { MobileMenu } from "./MobileMenu";
import { NavLinks } from "./NavLinks";

/** Header, sidebar navigation and content area shared by every signed-in page. */
export async function AppShell({ children }: { children: ReactNode }) {
  const t = await getTranslations();
  const items = NAV_ITEMS;
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main-content"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-brand-700"
      >
        {t("shell.skipToContent")}
      </a>
      <header className="no-print relative bg-brand-700 text-white">
        <div className="flex items-center justify-between gap-3 px-4 py-3">
          <Link href="/" className="min-w-0 text-base font-semibold leading-snug md:text-lg">
            <span className="hidden sm:inline">{t("app.name")}</span>
            <span className="sm:hidden">{t("app.shortName")}</span>
          </Link>
          <div className="flex shrink-0 items-center gap-2">
            <LocaleSwitcher />
            <MobileMenu items={items} />
          </div>
        </div>
      </header>
      <div className="flex flex-1">
        <nav
          aria-label={t("shell.mainNavigation")}
          className="no-print hidden w-56 shrink-0 border-r border-slate-200 bg-white p-3 md:block"
        >
          <NavLinks items={items} />
        </nav>
        <main id="main-content" tabIndex={-1} className="min-w-0 flex-1 p-4 md:p-6">
          {children}
        </main>
      </div>
      <footer className="no-print border-t border-slate-200 bg-white px-4 py-3 text-xs text-slate-500">
        {t("app.owner")} · {t("shell.footer")}
      </footer>
    </div>
  );
}
