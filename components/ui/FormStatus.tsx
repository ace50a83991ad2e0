"use client";

import { useEffect, useRef, type ReactNode, type RefObject } from "react";
import { Alert } from "./Alert";

/**
 * Where focus goes after a form action: to the first invalid field of the form (`aria-invalid`),
 * or else to the message the action produced (rendered by FormStatus). Without this, focus falls
 * to the page body while the submit button is disabled and the form is redrawn.
 *
 * `result` is the action's result, a new value after every action (useActionState's state, or
 * any object made per attempt); focus moves each time it changes, and not before the first action.
 */
export function useFocusAfterAction(result: unknown) {
  const formRef = useRef<HTMLFormElement>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (result === null || result === undefined) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid ?? messageRef.current)?.focus();
  }, [result]);
  return { formRef, messageRef };
}

interface FormStatusProps {
  /** From useFocusAfterAction: the message shown receives focus when no field is invalid. */
  messageRef: RefObject<HTMLDivElement | null>;
  /** While the action runs the message is cleared, so the next one is announced even if its text is the same. */
  pending?: boolean;
  error?: ReactNode;
  /** Shown when there is no error, e.g. 草稿已保存. */
  success?: ReactNode;
  className?: string;
}

/**
 * The outcome of a form action, announced to screen readers: the live regions (assertive for
 * errors, polite for confirmations) are always in the page, so a message inserted into them is
 * read out. Place it outside an element that is re-keyed after an error, so it stays mounted.
 */
export function FormStatus({ messageRef, pending = false, error, success, className = "" }: FormStatusProps) {
  const showError = !pending && Boolean(error);
  const showSuccess = !pending && !showError && Boolean(success);
  return (
    // Empty, it takes no room (not even the margin a parent's space-y gives it).
    <div className={showError || showSuccess ? className : `${className} m-0`} data-form-status="">
      <div role="alert" aria-atomic="true">
        {showError ? (
          <Alert tone="error" announce={false} ref={messageRef} tabIndex={-1}>
            {error}
          </Alert>
        ) : null}
      </div>
      <div role="status" aria-atomic="true">
        {showSuccess ? (
          <Alert tone="success" announce={false} ref={messageRef} tabIndex={-1}>
            {success}
          </Alert>
        ) : null}
      </div>
    </div>
  );
}
