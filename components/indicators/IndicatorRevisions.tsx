import { useTranslations } from "next-intl";
import { Card } from "@/components/ui/Card";
import { formatShanghaiDateTime } from "@/lib/core/time";
import { unitSuffix } from "@/lib/indicators/units";
import { ChangesTable } from "@/components/ui/ChangesTable";

interface Revision {
  id: number;
  action: string;
  actorName: string | null;
  actorUsername: string | null;
  changedAt: Date;
  before: string | null;
  after: string;
}

interface Target {
  year: number;
  comparator?: string;
  value: number;
}

/** The order fields are listed in; anything else a revision holds comes after, under its own label. */
const FIELD_ORDER = [
  "code",
  "name",
  "unit",
  "direction",
  "baselineYear",
  "baselineValue",
  "baselineSource",
  "description",
  "targets",
  "targetYear",
  "targetValue",
  "year",
  "districtId",
  "value",
  "source",
  "method",
  "components",
];

function parse(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Each change to an indicator or its values: what, who, when, and each field that changed,
 * before → after, in words (direction, targets by year, district names), never the stored JSON.
 */
export function IndicatorRevisions({
  revisions,
  unit,
  districts,
}: {
  revisions: Revision[];
  unit: string;
  districts: { id: number; name: string }[];
}) {
  const t = useTranslations("indicators");
  const root = useTranslations();
  const show = (field: string, value: unknown, record: Record<string, unknown>): string => {
    if (value === null || value === undefined || value === "") return "—";
    const recordUnit = unitSuffix(root, typeof record.unit === "string" ? record.unit : unit);
    if (field === "direction" && typeof value === "string")
      return t.has(`directions.${value}`) ? t(`directions.${value}`) : t("revision.unknownValue");
    if (field === "districtId") return districts.find((district) => district.id === value)?.name ?? t("citywide");
    if (field === "targets" && Array.isArray(value)) {
      if (value.length === 0) return t("revision.noTargets");
      return (value as Target[])
        .map((target) =>
          t("targetPhrase", {
            year: target.year,
            comparator: t(`comparators.${target.comparator && t.has(`comparators.${target.comparator}`) ? target.comparator : "GTE"}`),
            value: target.value,
            unit: recordUnit,
          }),
        )
        .join(t("listSeparator"));
    }
    // A composite's components: each indicator with its weight and reference, in words.
    if (field === "components" && Array.isArray(value))
      return (value as { name?: string | null; weight: number; reference: number; referenceMax?: number | null }[])
        .map((component) =>
          t("revision.componentPhrase", {
            name: component.name ?? "—",
            weight: component.weight,
            reference: component.referenceMax == null ? component.reference : `${component.reference}–${component.referenceMax}`,
          }),
        )
        .join(t("listSeparator"));
    if ((field === "baselineValue" || field === "value" || field === "targetValue") && typeof value === "number")
      return `${value}${recordUnit}`;
    if (typeof value === "object") return t("revision.unknownValue");
    return String(value);
  };
  return (
    <ol className="space-y-3" data-testid="indicator-history">
      {revisions.map((revision) => {
        const before = parse(revision.before);
        const after = parse(revision.after) ?? {};
        const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after)])];
        const fields = keys
          .filter((key) => !before || JSON.stringify(before[key]) !== JSON.stringify(after[key]))
          .sort((a, b) => (FIELD_ORDER.indexOf(a) + 1 || 99) - (FIELD_ORDER.indexOf(b) + 1 || 99));
        return (
          <Card as="li" key={revision.id} className="text-sm">
            <p className="font-medium">
              {t.has(`actions.${revision.action}`) ? t(`actions.${revision.action}`) : t("revision.otherChange")} ·{" "}
              {revision.actorName ?? revision.actorUsername ?? "—"} · {formatShanghaiDateTime(revision.changedAt)}
            </p>
            {fields.length > 0 ? (
              <ChangesTable
                caption={t("revision.changes")}
                fieldLabel={t("revision.field")}
                beforeLabel={before ? t("revision.before") : null}
                afterLabel={before ? t("revision.after") : t("revision.value")}
                rows={fields.map((field) => ({
                  key: field,
                  label: t.has(`revision.fields.${field}`) ? t(`revision.fields.${field}`) : t("revision.otherField"),
                  before: before ? show(field, before[field], before) : undefined,
                  after: show(field, after[field], after),
                }))}
              />
            ) : null}
          </Card>
        );
      })}
    </ol>
  );
}
