import { redirect } from "next/navigation";
import { AppShell } from "@/components/shell/AppShell";
import { getSessionState } from "@/lib/core/session";

// Redirects only; every page and action below checks the actor again in the data layer.
export default async function PortalLayout({ children }: LayoutProps<"/">) {
  const state = await getSessionState();
  if (!state.actor) redirect(state.reason === "none" ? "/login" : `/login?reason=${state.reason}`);
  if (state.actor.mustChangePassword) redirect("/account/password");
  return <AppShell actor={state.actor}>{children}</AppShell>;
}
