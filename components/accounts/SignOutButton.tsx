"use client";

import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";

/** In the dark header (`header`) or in the white mobile menu panel (`menu`). */
export function SignOutButton({ tone = "header" }: { tone?: "header" | "menu" }) {
  const t = useTranslations("shell");
  const [pending, setPending] = useState(false);
  const router = useRouter();
  return (
    <button
      type="button"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        await signOut({ redirect: false });
        router.replace("/login?reason=loggedOut");
        router.refresh();
      }}
      className={
        tone === "header"
          ? "rounded-md px-2 py-1 text-sm text-white/90 hover:bg-white/10 hover:text-white"
          : "rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-50"
      }
    >
      {t("signOut")}
    </button>
  );
}
