"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { userCommandAction } from "@/lib/accounts/actions/users";
import { TemporaryPassword } from "./TemporaryPassword";

interface UserCommandsProps {
  userId: number;
  username: string;
  version: number;
  disabled: boolean;
  locked: boolean;
  isSelf: boolean;
}

/** Disable or enable, unlock, reset password: each asks for confirmation first. */
export function UserCommands({ userId, username, version, disabled, locked, isSelf }: UserCommandsProps) {
  const t = useTranslations("users");
  const [state, formAction, pending] = useActionState(userCommandAction, null);

  const command = (name: string, label: string, variant: "secondary" | "danger", confirmText: string) => (
    <form
      action={formAction}
      onSubmit={(event) => {
        if (!window.confirm(confirmText)) event.preventDefault();
      }}
    >
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="command" value={name} />
      <Button type="submit" variant={variant} disabled={pending}>
        {label}
      </Button>
    </form>
  );

  return (
    <div className="space-y-3">
      {state && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
      {state?.ok && state.data.temporaryPassword ? (
        <TemporaryPassword username={username} password={state.data.temporaryPassword} />
      ) : state?.ok ? (
        <Alert tone="success">{t(`done.${state.data.command}`)}</Alert>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {disabled
          ? command("enable", t("enable"), "secondary", t("confirmEnable", { username }))
          : isSelf
            ? null
            : command("disable", t("disable"), "danger", t("confirmDisable", { username }))}
        {locked ? command("unlock", t("unlock"), "secondary", t("confirmUnlock", { username })) : null}
        {isSelf ? null : command("reset", t("resetPassword"), "secondary", t("confirmReset", { username }))}
      </div>
    </div>
  );
}
