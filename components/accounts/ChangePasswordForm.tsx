"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/Field";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { changePasswordAction } from "@/lib/accounts/actions/account";

export function ChangePasswordForm() {
  const t = useTranslations("account");
  const [state, formAction, pending] = useActionState(changePasswordAction, null);
  const { formRef, messageRef } = useFocusAfterAction(state);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form ref={formRef} action={formAction} className="max-w-md space-y-4">
      <FormStatus messageRef={messageRef} pending={pending} error={state && !state.ok ? state.message : undefined} />
      <TextField
        id="currentPassword"
        name="currentPassword"
        type="password"
        label={t("currentPassword")}
        autoComplete="current-password"
        required
        error={errors.currentPassword}
      />
      <TextField
        id="newPassword"
        name="newPassword"
        type="password"
        label={t("newPassword")}
        autoComplete="new-password"
        required
        hint={t("policy")}
        error={errors.newPassword}
      />
      <TextField
        id="confirmPassword"
        name="confirmPassword"
        type="password"
        label={t("confirmPassword")}
        autoComplete="new-password"
        required
        error={errors.confirmPassword}
      />
      <Button type="submit" disabled={pending}>
        {pending ? t("saving") : t("save")}
      </Button>
    </form>
  );
}
