/** The sidebar's entries; each later feature adds its own, with the roles that may see it. */
export interface NavItem {
  href: string;
  /** Key under `nav` in the message files. */
  labelKey: string;
}

export const NAV_ITEMS: readonly NavItem[] = [{ href: "/", labelKey: "home" }];

export function isActivePath(pathname: string, href: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}
