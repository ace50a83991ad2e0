import { AppShell } from "@/components/shell/AppShell";

export default function PortalLayout({ children }: LayoutProps<"/">) {
  return <AppShell>{children}</AppShell>;
}
