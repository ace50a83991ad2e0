import { useTranslations } from "next-intl";
import { formatShanghaiDateTime } from "@/lib/core/time";
import { formatValue } from "@/lib/core/i18n/values";
import { Card } from "@/components/ui/Card";
import { ChangesTable } from "@/components/ui/ChangesTable";

interface Revision {
  id: number;
  version: number;
  action: string;
  actorName: string | null;
  actorUsername: string | null;
  changedAt: Date;
  before: string | null;
  after: string;
}

/** Each version: who, when, and each field that changed, before → after. */
export function RevisionHistory({ revisions }: { revisions: Revision[] }) {
  const t = useTranslations("plans.history");
  // Recorded values in words: 每季度 rather than QUARTERLY, 是/否 rather than true/false.
  const root = useTranslations();
  const show = (value: unknown) => formatValue(root, value);
  return (
    <ol className="space-y-4" data-testid="revision-history">
      {revisions.map((revision) => {
        const before = revision.before ? (JSON.parse(revision.before) as Record<string, unknown>) : null;
        const after = JSON.parse(revision.after) as Record<string, unknown>;
        const fields = Object.keys(after).filter((key) => !before || JSON.stringify(before[key]) !== JSON.stringify(after[key]));
        return (
          <Card as="li" key={revision.id} className="text-sm">
            <p className="font-medium">
              {t("version", { version: revision.version })} · {t(`actions.${revision.action}`)} ·{" "}
              {revision.actorName ?? revision.actorUsername ?? "—"} · {formatShanghaiDateTime(revision.changedAt)}
            </p>
            {revision.action === "IMPORT" ? null : (
              <ChangesTable
                caption={t("changes")}
                fieldLabel={t("field")}
                beforeLabel={before ? t("before") : null}
                afterLabel={t("after")}
                rows={fields.map((field) => ({
                  key: field,
                  label: t.has(`fields.${field}`) ? t(`fields.${field}`) : field,
                  before: before ? show(before[field]) : undefined,
                  after: show(after[field]),
                }))}
              />
            )}
          </Card>
        );
      })}
    </ol>
  );
}
