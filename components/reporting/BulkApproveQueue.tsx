"use client";

import { Link } from "@/components/ui/Link";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Badge } from "@/components/ui/Badge";
import { Card } from "@/components/ui/Card";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { useFocusAfterAction } from "@/components/ui/FormStatus";
import { ZhText } from "@/components/ui/ZhText";
import type { ActionState } from "@/lib/core/action";
import { approveReportsAction } from "@/lib/reporting/actions/review";
import type { BulkApprovalResult } from "@/lib/reporting/server/review";

/** One report of the review queue as the page shows it (texts already formatted on the server). */
export interface QueueRow {
  id: number;
  version: number;
  unitName: string;
  itemNumber: string | null;
  itemTitle: string;
  roundName: string;
  submitted: string;
  /** 代填: entered by CAST on the unit's behalf. */
  onBehalf: boolean;
}

/** What a checkbox posts: the report and the version the reviewer saw. A row whose version changed is no longer selected. */
const keyOf = (row: QueueRow) => `${row.id}:${row.version}`;

/**
 * The review queue with 批量通过: a native checkbox per report and 全选本页, a confirmation that
 * lists the selected reports, then the outcome (approved, and every skipped report named with its
 * reason), announced and focused. Returning stays one report at a time, on the report's page.
 */
export function BulkApproveQueue({ rows }: { rows: QueueRow[] }) {
  const t = useTranslations("review");
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [state, formAction, pending] = useActionState(async (previous: ActionState<BulkApprovalResult> | null, formData: FormData) => {
    const result = await approveReportsAction(previous, formData);
    if (result.ok) setSelected(new Set());
    return result;
  }, null);
  const { formRef, messageRef } = useFocusAfterAction(state);
  const chosen = rows.filter((row) => selected.has(keyOf(row)));
  const count = chosen.length;
  const allChosen = rows.length > 0 && count === rows.length;

  const toggle = (key: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });

  const title = (row: { itemNumber: string | null; itemTitle: string }) => `${row.itemNumber ?? ""}${row.itemTitle}`;

  return (
    <div className="space-y-3">
      <div role="alert" aria-atomic="true">
        {state && !pending ? (
          <Alert
            tone={state.ok ? (state.data.skipped.length > 0 ? "warning" : "success") : "error"}
            announce={false}
            ref={messageRef}
            tabIndex={-1}
          >
            {state.ok ? (
              <>
                <p>{t("bulk.done", { count: state.data.approved.length })}</p>
                {state.data.skipped.length > 0 ? (
                  <>
                    <p className="mt-2">{t("bulk.skippedIntro", { count: state.data.skipped.length })}</p>
                    <ul className="mt-1 list-disc pl-5">
                      {state.data.skipped.map((row) => (
                        <li key={row.reportId}>
                          {t.rich("bulk.skippedRow", {
                            unit: row.unitName,
                            title: row.itemTitle || `#${row.reportId}`,
                            reason: t(`bulk.reasons.${row.reason}`),
                            data: (chunks) => <ZhText>{chunks}</ZhText>,
                          })}
                        </li>
                      ))}
                    </ul>
                  </>
                ) : null}
              </>
            ) : (
              (state.fieldErrors.reports ?? state.message)
            )}
          </Alert>
        ) : null}
      </div>
      <form ref={formRef} action={formAction} className="space-y-3">
        {rows.length > 0 ? (
          <Card padding="sm" className="flex flex-wrap items-center gap-4 text-sm">
            <label className="flex items-center gap-2 font-medium">
              <input
                type="checkbox"
                checked={allChosen}
                ref={(box) => {
                  if (box) box.indeterminate = count > 0 && !allChosen;
                }}
                onChange={(event) => setSelected(event.target.checked ? new Set(rows.map(keyOf)) : new Set())}
                className="h-4 w-4"
              />
              {t("bulk.selectAll")}
            </label>
            <span className="text-slate-600" aria-live="polite">
              {t("bulk.selected", { count })}
            </span>
            <ConfirmDialog
              triggerLabel={t("bulk.approve", { count })}
              disabled={count === 0 || pending}
              title={t("bulk.confirmTitle")}
              description={t("bulk.confirmDescription", { count })}
              details={
                <ul className="list-disc space-y-1 pl-5" data-testid="bulk-approve-list">
                  {chosen.map((row) => (
                    <li key={row.id}>
                      <ZhText>
                        {row.unitName} · {title(row)}
                      </ZhText>
                    </li>
                  ))}
                </ul>
              }
              confirmLabel={t("bulk.confirm", { count })}
            />
            <noscript>
              <p className="w-full text-slate-700">{t("bulk.noScript")}</p>
            </noscript>
          </Card>
        ) : null}
        <ol className="space-y-2" data-testid="review-queue">
          {rows.map((row) => {
            const key = keyOf(row);
            return (
              <Card as="li" key={row.id} padding="sm" className="flex items-start gap-3 text-sm">
                <input
                  type="checkbox"
                  name="reports"
                  value={key}
                  checked={selected.has(key)}
                  onChange={(event) => toggle(key, event.target.checked)}
                  aria-label={t("bulk.select", { unit: row.unitName, title: row.itemTitle })}
                  className="mt-1 h-4 w-4 shrink-0"
                />
                <div>
                  <Link href={`/reports/${row.id}`} className="font-medium text-brand-700 underline">
                    <ZhText>
                      {row.unitName} · {title(row)}
                    </ZhText>
                  </Link>
                  {row.onBehalf ? (
                    <>
                      {" "}
                      <Badge tone="amber">{t("onBehalf")}</Badge>
                    </>
                  ) : null}
                  <p className="text-slate-600">
                    <ZhText>{row.roundName}</ZhText> · {row.submitted}
                  </p>
                </div>
              </Card>
            );
          })}
        </ol>
      </form>
    </div>
  );
}
