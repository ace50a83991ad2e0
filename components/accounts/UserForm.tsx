"use client";

import { Link } from "@/components/ui/Link";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Button, buttonClasses } from "@/components/ui/Button";
import { SelectField, TextField } from "@/components/ui/Field";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { createUserAction, updateUserAction } from "@/lib/accounts/actions/users";
import { ROLES } from "@/lib/core/permissions";
import { TemporaryPassword } from "./TemporaryPassword";

export interface EditableAccount {
  id: number;
  username: string;
  displayName: string;
  email: string | null;
  role: string;
  unitId: number | null;
  version: number;
}

interface UserFormProps {
  units: { id: number; name: string }[];
  /** Absent: create a new account. */
  account?: EditableAccount;
}

export function UserForm({ units, account }: UserFormProps) {
  const t = useTranslations();
  const [createState, createAction, creating] = useActionState(createUserAction, null);
  const [updateState, updateAction, updating] = useActionState(updateUserAction, null);
  const [role, setRole] = useState(account?.role ?? "");
  const state = account ? updateState : createState;
  const errors = state && !state.ok ? state.fieldErrors : {};
  const values = state && !state.ok ? state.values : {};
  const { formRef, messageRef } = useFocusAfterAction(state);
  const outcome = !account && createState?.ok ? createState.data : null;
  // A privileged account is requested, not created: it awaits an auditor's approval.
  const requested = outcome && "requestId" in outcome ? outcome : null;
  const created = outcome && "temporaryPassword" in outcome ? outcome : null;
  const status = (
    <FormStatus
      messageRef={messageRef}
      pending={creating || updating}
      error={state && !state.ok ? state.message : undefined}
      success={
        created ? (
          <TemporaryPassword username={created.username} password={created.temporaryPassword} announce={false} />
        ) : requested ? (
          t("accountRequests.createRequested", { username: requested.username })
        ) : account && updateState?.ok ? (
          updateState.data.requestId === undefined ? (
            t("users.saved")
          ) : (
            t("accountRequests.grantRequested")
          )
        ) : undefined
      }
    />
  );

  if (created || requested) {
    return (
      <div className="space-y-4">
        {status}
        <div className="flex gap-2">
          {created ? (
            <Link href={`/admin/users/${created.userId}`} className={buttonClasses("secondary")}>
              {t("users.openAccount")}
            </Link>
          ) : (
            <Link href="/admin/requests" className={buttonClasses("secondary")}>
              {t("accountRequests.openRequests")}
            </Link>
          )}
          <Link href="/admin/users" className={buttonClasses("secondary")}>
            {t("users.backToList")}
          </Link>
        </div>
      </div>
    );
  }

  return (
    <div className="max-w-lg space-y-4">
      {status}
      {/* Keyed by the account's version too: after a save, React resets the form, which would put
          the selects back on their first option; a fresh form shows the account as saved. */}
      <form
        ref={formRef}
        key={`${account?.version}:${JSON.stringify(values)}`}
        action={account ? updateAction : createAction}
        className="space-y-4"
      >
        {account ? (
          <>
            <input type="hidden" name="userId" value={account.id} />
            <input type="hidden" name="version" value={account.version} />
          </>
        ) : (
          <TextField
            id="username"
            name="username"
            label={t("users.username")}
            hint={t("users.usernameHint")}
            autoComplete="off"
            required
            defaultValue={values.username}
            error={errors.username}
          />
        )}
        <TextField
          id="displayName"
          name="displayName"
          label={t("users.displayName")}
          defaultValue={values.displayName ?? account?.displayName}
          required
          error={errors.displayName}
        />
        <TextField
          id="email"
          name="email"
          type="email"
          label={t("users.email")}
          hint={t("users.emailHint")}
          autoComplete="off"
          defaultValue={values.email ?? account?.email ?? ""}
          error={errors.email}
        />
        <SelectField
          id="role"
          name="role"
          label={t("users.role")}
          defaultValue={values.role ?? account?.role ?? ""}
          onChange={(event) => setRole(event.target.value)}
          placeholder={t("users.choose")}
          options={ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))}
          hint={role ? t(`roleDescriptions.${role}`) : undefined}
          required
          error={errors.role}
        />
        <SelectField
          id="unitId"
          name="unitId"
          label={t("users.unit")}
          defaultValue={values.unitId ?? account?.unitId ?? ""}
          disabled={role !== "LIAISON"}
          placeholder={role === "LIAISON" ? t("users.choose") : t("users.noUnit")}
          options={units.map((unit) => ({ value: String(unit.id), label: unit.name }))}
          hint={t("users.unitHint")}
          error={errors.unitId}
        />
        <Button type="submit" disabled={creating || updating}>
          {account ? t("users.save") : t("users.create")}
        </Button>
      </form>
    </div>
  );
}
