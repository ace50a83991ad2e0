"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { userCommandAction } from "@/lib/accounts/actions/users";
import { TemporaryPassword } from "./TemporaryPassword";

interface UserCommandsProps {
  userId: number;
  username: string;
  version: number;
  disabled: boolean;
  locked: boolean;
  isSelf: boolean;
  /** ADMIN, AUDITOR or USER_ADMIN: a reset is only requested, for an auditor to approve. */
  privileged?: boolean;
}

/** Disable or enable, unlock, reset password: each asks for confirmation first. */
export function UserCommands({ userId, username, version, disabled, locked, isSelf, privileged = false }: UserCommandsProps) {
  const t = useTranslations("users");
  const [state, formAction, pending] = useActionState(userCommandAction, null);
  const { messageRef } = useFocusAfterAction(state);

  const command = (name: "disable" | "enable" | "unlock" | "reset", label: string, variant: "secondary" | "danger") => (
    <form action={formAction}>
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="command" value={name} />
      <ConfirmDialog
        triggerLabel={label}
        triggerVariant={variant}
        disabled={pending}
        title={t(`confirm.${name}.title`, { username })}
        description={name === "reset" && privileged ? t("confirm.resetPrivileged") : t(`confirm.${name}.description`)}
        confirmLabel={label}
      />
    </form>
  );

  return (
    <div className="space-y-3">
      <FormStatus
        messageRef={messageRef}
        pending={pending}
        error={state && !state.ok ? state.message : undefined}
        success={
          state?.ok ? (
            state.data.temporaryPassword ? (
              <TemporaryPassword username={username} password={state.data.temporaryPassword} announce={false} />
            ) : state.data.requestId !== undefined ? (
              t("resetRequested")
            ) : (
              t(`done.${state.data.command}`)
            )
          ) : undefined
        }
      />
      <div className="flex flex-wrap gap-2">
        {disabled ? command("enable", t("enable"), "secondary") : isSelf ? null : command("disable", t("disable"), "danger")}
        {locked ? command("unlock", t("unlock"), "secondary") : null}
        {isSelf ? null : command("reset", t("resetPassword"), "secondary")}
      </div>
    </div>
  );
}
