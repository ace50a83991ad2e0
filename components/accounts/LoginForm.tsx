"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/Field";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { LOGIN_THROTTLED_ERROR } from "@/lib/core/login-errors";

export function LoginForm({ notice }: { notice?: string }) {
  const t = useTranslations("login");
  const [pending, setPending] = useState(false);
  // A new object per failed attempt: focus moves to the message (and it is announced) each time.
  const [failure, setFailure] = useState<{ at: number; throttled: boolean } | null>(null);
  const failed = failure !== null;
  const { messageRef } = useFocusAfterAction(failure);
  const router = useRouter();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setFailure(null);
    const result = await signIn("credentials", {
      redirect: false,
      username: String(form.get("username") ?? ""),
      password: String(form.get("password") ?? ""),
    });
    if (result?.ok && !result.error) {
      // Refresh so every server component renders with the new session.
      router.replace("/");
      router.refresh();
      return;
    }
    setFailure({ at: Date.now(), throttled: result?.error === LOGIN_THROTTLED_ERROR });
    setPending(false);
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      {notice && !failed ? <Alert tone="warning">{notice}</Alert> : null}
      <FormStatus messageRef={messageRef} pending={pending} error={failure ? t(failure.throttled ? "throttled" : "failed") : undefined} />
      <TextField id="username" name="username" label={t("username")} autoComplete="username" required autoFocus />
      <TextField id="password" name="password" type="password" label={t("password")} autoComplete="current-password" required />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? t("submitting") : t("submit")}
      </Button>
      <p className="text-xs text-slate-600">{t("policy")}</p>
    </form>
  );
}
