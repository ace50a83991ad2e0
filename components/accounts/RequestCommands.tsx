"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/Button";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { cancelRequestAction, collectPasswordAction } from "@/lib/accounts/actions/requests";
import { TemporaryPassword } from "./TemporaryPassword";

interface RequestCommandsProps {
  requestId: number;
  version: number;
  username: string;
  /** A pending request of one's own: may be withdrawn. */
  mayCancel: boolean;
  /** An approved creation or reset of one's own whose temporary password was not collected yet. */
  mayCollect: boolean;
}

/** The requester's commands on their own request: withdraw it, or collect the one-time temporary password. */
export function RequestCommands({ requestId, version, username, mayCancel, mayCollect }: RequestCommandsProps) {
  const t = useTranslations("accountRequests");
  const [cancelState, cancelAction, cancelling] = useActionState(cancelRequestAction, null);
  const [collectState, collectAction, collecting] = useActionState(collectPasswordAction, null);
  const state = collectState ?? cancelState;
  const { messageRef } = useFocusAfterAction(state);
  if (!state && !mayCancel && !mayCollect) return null;
  const hidden = (
    <>
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="version" value={version} />
    </>
  );
  return (
    <div className="space-y-2">
      <FormStatus
        messageRef={messageRef}
        pending={cancelling || collecting}
        error={state && !state.ok ? state.message : undefined}
        success={
          collectState?.ok ? (
            <TemporaryPassword username={collectState.data.username} password={collectState.data.temporaryPassword} announce={false} />
          ) : cancelState?.ok ? (
            t("cancelled")
          ) : undefined
        }
      />
      {state?.ok ? null : (
        <div className="flex flex-wrap gap-2">
          {mayCollect ? (
            <form action={collectAction}>
              {hidden}
              <Button type="submit" disabled={collecting}>
                {t("collect", { username })}
              </Button>
            </form>
          ) : null}
          {mayCancel ? (
            <form action={cancelAction}>
              {hidden}
              <ConfirmDialog
                triggerLabel={t("cancel")}
                triggerVariant="secondary"
                disabled={cancelling}
                title={t("cancelTitle")}
                description={t("cancelDescription")}
                confirmLabel={t("cancel")}
              />
            </form>
          ) : null}
        </div>
      )}
    </div>
  );
}
