import { redirect } from "next/navigation";
import { AppShell } from "@/components/shell/AppShell";
import { getSessionState } from "@/lib/core/session";

// Pages every signed-in user reaches, even while a password change is pending.
export default async function AccountLayout({ children }: LayoutProps<"/">) {
  const state = await getSessionState();
  if (!state.actor) redirect(state.reason === "none" ? "/login" : `/login?reason=${state.reason}`);
  return (
    <AppShell actor={state.actor} showNavigation={!state.actor.mustChangePassword}>
      {children}
    </AppShell>
  );
}
