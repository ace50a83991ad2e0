"use client";

import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";

export function SignOutButton() {
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
      className="rounded-md px-2 py-1 text-sm text-white/90 hover:bg-white/10 hover:text-white"
    >
      {t("signOut")}
    </button>
  );
}
