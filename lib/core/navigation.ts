import { can, type Permission } from "@/lib/core/permissions";

/** The sidebar's entries, each shown only to roles with its permission. */
export interface NavItem {
  href: string;
  /** Key under `nav` in the message files. */
  labelKey: string;
  permission: Permission;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/", labelKey: "home", permission: "plan:read" },
  { href: "/dashboard", labelKey: "dashboard", permission: "dashboard:read" },
  { href: "/my-tasks", labelKey: "myTasks", permission: "report:write" },
  { href: "/review", labelKey: "review", permission: "report:review" },
  { href: "/reports", labelKey: "reports", permission: "report:search" },
  { href: "/rounds", labelKey: "rounds", permission: "round:read" },
  { href: "/plans", labelKey: "plans", permission: "plan:read" },
  { href: "/division", labelKey: "division", permission: "plan:read" },
  { href: "/units", labelKey: "units", permission: "unit:read" },
  { href: "/indicators", labelKey: "indicators", permission: "indicator:read" },
  { href: "/evaluations", labelKey: "evaluations", permission: "evaluation:read" },
  // 年度考核: leaders and CAST see every unit; a liaison (assessment:unit) their own unit's score. No role holds both.
  { href: "/assessments", labelKey: "assessments", permission: "assessment:read" },
  { href: "/assessments", labelKey: "assessments", permission: "assessment:unit" },
  { href: "/feedback", labelKey: "feedback", permission: "feedback:moderate" },
  { href: "/admin/users", labelKey: "users", permission: "user:read" },
  { href: "/audit", labelKey: "audit", permission: "audit:read" },
];

export function navItemsFor(role: unknown): NavItem[] {
  return NAV_ITEMS.filter((item) => can(role, item.permission));
}

export function isActivePath(pathname: string, href: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}
