"use client";

import * as AlertDialog from "@radix-ui/react-alert-dialog";
import { useTranslations } from "next-intl";
import { useEffect, useRef, type ReactNode } from "react";
import { buttonClasses } from "./Button";
import { cardClasses } from "./Card";

export interface ConfirmDialogProps {
  /** Text of the button that opens the dialog. Place the component inside the form the confirmation submits. */
  triggerLabel: string;
  /** Look of that button; a `danger` trigger also gets a red confirm button. */
  triggerVariant?: "primary" | "secondary" | "danger";
  /** Disables the trigger, e.g. while the form's action is pending. */
  disabled?: boolean;
  /** The question, e.g. 结束《…》？ */
  title: string;
  /** What will happen on confirming. */
  description: string;
  /** More under the description, e.g. the list of what will be confirmed. */
  details?: ReactNode;
  /** Text of the confirm button. */
  confirmLabel: string;
  /** Text of the cancel button; 取消 by default. */
  cancelLabel?: string;
  /** Runs on confirm; by default the trigger's own form is submitted (its action, its hidden inputs). */
  onConfirm?: () => void;
}

/**
 * A button that asks for confirmation in an accessible alert dialog (Radix AlertDialog: focus moves
 * into the dialog, onto 取消, stays trapped there, Escape cancels, and focus returns to the button).
 * Confirming submits the surrounding form; cancelling changes nothing.
 */
export function ConfirmDialog({
  triggerLabel,
  triggerVariant = "primary",
  disabled = false,
  title,
  description,
  details,
  confirmLabel,
  cancelLabel,
  onConfirm,
}: ConfirmDialogProps) {
  const t = useTranslations("confirmDialog");
  const triggerRef = useRef<HTMLButtonElement>(null);
  // The trigger is disabled while the submitted action runs, so focus cannot go back to it
  // when the dialog closes; it is returned once the action has finished.
  const refocusWhenEnabled = useRef(false);

  useEffect(() => {
    if (!disabled && refocusWhenEnabled.current) {
      refocusWhenEnabled.current = false;
      // Unless the form has moved focus to the action's outcome already (FormStatus).
      const active = document.activeElement;
      if (!active || active === document.body) triggerRef.current?.focus();
    }
  }, [disabled]);

  const confirm = () => {
    if (onConfirm) onConfirm();
    else triggerRef.current?.form?.requestSubmit();
  };

  return (
    <AlertDialog.Root>
      <AlertDialog.Trigger ref={triggerRef} disabled={disabled} className={buttonClasses(triggerVariant)}>
        {triggerLabel}
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/50" />
        <AlertDialog.Content
          className={cardClasses(
            "lg",
            "fixed left-1/2 top-1/2 z-50 w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 shadow-lg focus:outline-none",
          )}
          onCloseAutoFocus={(event) => {
            if (triggerRef.current?.disabled) {
              event.preventDefault();
              refocusWhenEnabled.current = true;
            }
          }}
        >
          <AlertDialog.Title className="text-lg font-semibold text-slate-900">{title}</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm leading-relaxed text-slate-700">{description}</AlertDialog.Description>
          {details ? (
            // Focusable, so a long list can be scrolled from the keyboard.
            <div
              tabIndex={0}
              className="mt-3 max-h-64 overflow-y-auto rounded text-sm text-slate-800 focus:outline-2 focus:outline-brand-600"
            >
              {details}
            </div>
          ) : null}
          <div className="mt-6 flex flex-wrap justify-end gap-2">
            <AlertDialog.Cancel className={buttonClasses("secondary")}>{cancelLabel ?? t("cancel")}</AlertDialog.Cancel>
            <AlertDialog.Action className={buttonClasses(triggerVariant === "danger" ? "danger" : "primary")} onClick={confirm}>
              {confirmLabel}
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
