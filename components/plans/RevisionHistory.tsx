import { useTranslations } from "next-intl";
import { formatShanghaiDateTime } from "@/lib/core/time";
import { formatValue } from "@/lib/core/i18n/values";
import { Card } from "@/components/ui/Card";

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
              <table className="mt-2 w-full text-left text-sm">
                <caption className="sr-only">{t("changes")}</caption>
                <thead className="text-slate-600">
                  <tr>
                    <th scope="col" className="w-32 py-1 font-medium">
                      {t("field")}
                    </th>
                    {before ? (
                      <th scope="col" className="py-1 font-medium">
                        {t("before")}
                      </th>
                    ) : null}
                    <th scope="col" className="py-1 font-medium">
                      {t("after")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {fields.map((field) => (
                    <tr key={field} className="align-top">
                      <th scope="row" className="py-1 font-normal text-slate-700">
                        {t.has(`fields.${field}`) ? t(`fields.${field}`) : field}
                      </th>
                      {before ? <td className="py-1 text-slate-600 line-through decoration-slate-400">{show(before[field])}</td> : null}
                      <td className="py-1">{show(after[field])}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Card>
        );
      })}
    </ol>
  );
}
