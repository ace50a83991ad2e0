import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/accounts/SignOutButton";
import type { Actor } from "@/lib/core/actor";
import { navItemsFor } from "@/lib/core/navigation";
import { unreadCount } from "@/lib/reporting/server/inbox";
import { ZhText } from "@/components/ui/ZhText";
import { LocaleSwitcher } from "./LocaleSwitcher";
import { MobileMenu } from "./MobileMenu";
import { NavLinks } from "./NavLinks";

interface AppShellProps {
  actor: Actor;
  children: ReactNode;
  /** False while the user must change their password: nothing else is reachable yet. */
  showNavigation?: boolean;
}

/** Header, sidebar navigation and content area shared by every signed-in page. */
export async function AppShell({ actor, children, showNavigation = true }: AppShellProps) {
  const [t, unread] = await Promise.all([getTranslations(), unreadCount(actor)]);
  const items = showNavigation ? navItemsFor(actor.role) : [];
  // With a menu, narrow screens keep only the title, 消息 and the menu button in the header (one
  // line at 390 px); the account commands move into the menu.
  const hasMenu = items.length > 0;
  const wideOnly = hasMenu ? "hidden md:block" : undefined;
  const user = `${actor.displayName} · ${t(`roles.${actor.role}`)}${actor.unitName ? ` · ${actor.unitName}` : ""}`;
  // The same, with the Chinese name and unit marked for screen readers on the English interface.
  const userMarked = (
    <>
      <ZhText>{actor.displayName}</ZhText> · {t(`roles.${actor.role}`)}
      {actor.unitName ? (
        <>
          {" · "}
          <ZhText>{actor.unitName}</ZhText>
        </>
      ) : null}
    </>
  );
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main-content"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-brand-700 focus-visible:outline-white"
      >
        {t("shell.skipToContent")}
      </a>
      <header className="no-print relative bg-brand-700 text-white">
        {/* focus-on-dark: a white focus ring, visible on the dark blue (the brand ring is 1.3:1 there). */}
        <div className="focus-on-dark flex items-center justify-between gap-3 px-4 py-3">
          <Link href="/" className="min-w-0 text-base font-semibold leading-snug md:text-lg">
            <span className="hidden lg:inline">{t("app.name")}</span>
            <span className="lg:hidden">{t("app.shortName")}</span>
          </Link>
          <div className="flex shrink-0 items-center gap-1 sm:gap-2">
            <span className={`hidden text-sm text-white/90 ${hasMenu ? "md:inline" : "sm:inline"}`} data-testid="current-user">
              {userMarked}
            </span>
            <Link
              href="/inbox"
              className="rounded-md px-2 py-1 text-sm text-white/90 hover:bg-white/10 hover:text-white"
              aria-label={t("shell.inboxLabel", { count: unread })}
            >
              {t("shell.inbox")}
              {unread > 0 ? (
                <span data-testid="unread-count" className="ml-1 rounded-full bg-red-600 px-1.5 text-xs font-semibold text-white">
                  {unread}
                </span>
              ) : null}
            </Link>
            <Link
              href="/account/password"
              className={`hidden rounded-md px-2 py-1 text-sm text-white/90 hover:bg-white/10 hover:text-white ${hasMenu ? "md:inline" : "sm:inline"}`}
            >
              {t("shell.changePassword")}
            </Link>
            <div className={wideOnly}>
              <SignOutButton />
            </div>
            <div className={wideOnly}>
              <LocaleSwitcher />
            </div>
            {hasMenu ? (
              <MobileMenu
                items={items}
                user={user}
                commands={
                  <>
                    <SignOutButton tone="menu" />
                    <LocaleSwitcher tone="menu" />
                  </>
                }
              />
            ) : null}
          </div>
        </div>
      </header>
      <div className="flex flex-1">
        {items.length > 0 ? (
          <nav
            aria-label={t("shell.mainNavigation")}
            className="no-print hidden w-56 shrink-0 border-r border-slate-200 bg-white p-3 md:block"
          >
            <NavLinks items={items} />
          </nav>
        ) : null}
        <main id="main-content" tabIndex={-1} className="min-w-0 flex-1 p-4 md:p-6">
          {children}
        </main>
      </div>
      <footer className="no-print border-t border-slate-200 bg-white px-4 py-3 text-xs text-slate-600">
        {t("app.owner")} · {t("shell.footer")}
      </footer>
    </div>
  );
}
