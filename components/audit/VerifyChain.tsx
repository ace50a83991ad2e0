"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/Button";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { verifyAuditAction } from "@/lib/audit/actions";
import type { AnchorCheck } from "@/lib/audit/anchor";
import { formatShanghaiDateTime } from "@/lib/core/time";

/** What the check of the last anchor found, in words. */
function anchorText(t: ReturnType<typeof useTranslations<"audit">>, anchor: AnchorCheck): string {
  switch (anchor.status) {
    case "none":
      return t("anchor.none");
    case "unreadable":
      return t("anchor.unreadable");
    default:
      return t(`anchor.${anchor.status}`, { id: anchor.id, at: formatShanghaiDateTime(new Date(anchor.at)) });
  }
}

export function VerifyChain() {
  const t = useTranslations("audit");
  const [state, formAction, pending] = useActionState(verifyAuditAction, null);
  const { messageRef } = useFocusAfterAction(state);
  const result = state?.ok ? state.data : null;
  const anchorFailed =
    result !== null && (result.anchor.status === "missing" || result.anchor.status === "mismatch" || result.anchor.status === "unreadable");
  return (
    <form action={formAction} className="space-y-3">
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? t("verifying") : t("verify")}
      </Button>
      <FormStatus
        messageRef={messageRef}
        pending={pending}
        error={
          state && !state.ok
            ? state.message
            : result && !result.ok
              ? t("twoSentences", {
                  first: `${t("chainBroken", { id: result.brokenAt, count: result.count })} ${t(`problems.${result.problem}`)}`,
                  second: anchorText(t, result.anchor),
                })
              : result && anchorFailed
                ? t("twoSentences", { first: t("chainIntactButAnchor", { count: result.count }), second: anchorText(t, result.anchor) })
                : undefined
        }
        success={
          result?.ok
            ? t("twoSentences", { first: t("chainIntact", { count: result.count }), second: anchorText(t, result.anchor) })
            : undefined
        }
      />
    </form>
  );
}
