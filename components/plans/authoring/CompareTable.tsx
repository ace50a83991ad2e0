import { useTranslations } from "next-intl";
import { buttonClasses } from "@/components/ui/Button";
import { formatValue } from "@/lib/core/i18n/values";

interface CompareRow {
  field: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

/** Two versions side by side, one row per field; the rows that differ are highlighted and say so. */
export function CompareTable({
  caption,
  fromLabel,
  toLabel,
  rows,
}: {
  caption: string;
  fromLabel: string;
  toLabel: string;
  rows: CompareRow[];
}) {
  const t = useTranslations("planAuthoring");
  const root = useTranslations();
  const label = (field: string) => (t.has(`fieldNames.${field}`) ? t(`fieldNames.${field}`) : field);
  return (
    <table className="w-full table-fixed text-left text-sm" data-testid="compare-table">
      <caption className="sr-only">{caption}</caption>
      <thead className="text-slate-600">
        <tr>
          <th scope="col" className="w-32 py-1 font-medium">
            {t("field")}
          </th>
          <th scope="col" className="py-1 font-medium">
            {fromLabel}
          </th>
          <th scope="col" className="py-1 font-medium">
            {toLabel}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr
            key={row.field}
            className={row.changed ? "bg-amber-50 align-top" : "align-top"}
            data-changed={row.changed ? "true" : undefined}
          >
            <th scope="row" className="py-1 pr-2 font-normal text-slate-700">
              {label(row.field)}
              {row.changed ? <span className="ml-1 text-xs font-medium text-amber-900">（{t("differs")}）</span> : null}
            </th>
            <td className="py-1 pr-2 break-words whitespace-pre-wrap">{formatValue(root, row.before)}</td>
            <td className={`py-1 break-words whitespace-pre-wrap ${row.changed ? "font-medium" : ""}`}>{formatValue(root, row.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The two-version picker: a GET form, so a comparison has an address. */
export function VersionPicker({
  action,
  versions,
  from,
  to,
}: {
  action: string;
  versions: { version: number; label: string }[];
  from: number;
  to: number;
}) {
  const t = useTranslations("planAuthoring");
  const select = (id: string, name: string, label: string, value: number) => (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select id={id} name={name} defaultValue={String(value)} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">
        {versions.map((version) => (
          <option key={version.version} value={version.version}>
            {version.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form method="get" action={action} className="flex flex-wrap items-end gap-3">
      {select("compare-from", "from", t("compareFrom"), from)}
      {select("compare-to", "to", t("compareTo"), to)}
      <button type="submit" className={buttonClasses()}>
        {t("compareSubmit")}
      </button>
    </form>
  );
}
