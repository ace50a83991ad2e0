"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useActionState, useEffect } from "react";
import { Button } from "@/components/ui/Button";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { SelectField } from "@/components/ui/Field";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { archiveItemAction, moveItemAction } from "@/lib/plans/actions/items";

interface ItemCommandsProps {
  itemId: number;
  version: number;
  archived: boolean;
  /** Where the item may go: items of its plan that may hold it. */
  moveTargets: { id: number; label: string }[];
  /** Whether the plan's first level may hold it (not for an item already there). */
  mayMoveToTop: boolean;
}

/** 上移, 下移, 移至…, 归档 / 恢复 for an item of any kind. */
export function ItemCommands({ itemId, version, archived, moveTargets, mayMoveToTop }: ItemCommandsProps) {
  const t = useTranslations("planAuthoring");
  const router = useRouter();
  const [moveState, moveAction, moving] = useActionState(moveItemAction, null);
  const [archiveState, archiveAction, archiving] = useActionState(archiveItemAction, null);
  const moveFocus = useFocusAfterAction(moveState);
  const archiveFocus = useFocusAfterAction(archiveState);
  useEffect(() => {
    if (moveState?.ok || archiveState?.ok) router.refresh();
  }, [moveState, archiveState, router]);
  const command = archived ? "restore" : "archive";
  return (
    <div className="space-y-3">
      {!archived ? (
        <>
          <form action={moveAction} className="flex flex-wrap gap-2">
            <FormStatus
              messageRef={moveFocus.messageRef}
              pending={moving}
              error={moveState && !moveState.ok ? moveState.message : undefined}
              className="w-full"
            />
            <input type="hidden" name="itemId" value={itemId} />
            <input type="hidden" name="version" value={version} />
            <Button type="submit" name="direction" value="up" variant="secondary" disabled={moving}>
              {t("moveUp")}
            </Button>
            <Button type="submit" name="direction" value="down" variant="secondary" disabled={moving}>
              {t("moveDown")}
            </Button>
          </form>
          {moveTargets.length > 0 || mayMoveToTop ? (
            <form action={moveAction} className="flex flex-wrap items-end gap-2">
              <input type="hidden" name="itemId" value={itemId} />
              <input type="hidden" name="version" value={version} />
              <input type="hidden" name="direction" value="into" />
              <div className="min-w-48 flex-1">
                <SelectField
                  id="move-parent"
                  name="parentId"
                  label={t("moveTarget")}
                  defaultValue=""
                  options={[
                    ...(mayMoveToTop ? [{ value: "", label: t("moveTop") }] : []),
                    ...moveTargets.map((target) => ({ value: String(target.id), label: target.label })),
                  ]}
                />
              </div>
              <Button type="submit" variant="secondary" disabled={moving}>
                {t("moveSubmit")}
              </Button>
            </form>
          ) : null}
        </>
      ) : null}
      <form action={archiveAction} className="space-y-2">
        <FormStatus
          messageRef={archiveFocus.messageRef}
          pending={archiving}
          error={archiveState && !archiveState.ok ? archiveState.message : undefined}
        />
        <input type="hidden" name="itemId" value={itemId} />
        <input type="hidden" name="version" value={version} />
        <input type="hidden" name="command" value={command} />
        <ConfirmDialog
          triggerLabel={t(`${command}Item`)}
          triggerVariant={archived ? "secondary" : "danger"}
          disabled={archiving}
          title={t(`${command}ConfirmTitle`)}
          description={t(`${command}ConfirmDescription`)}
          confirmLabel={t(`${command}Item`)}
        />
      </form>
    </div>
  );
}
