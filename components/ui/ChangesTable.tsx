import type { ReactNode } from "react";

export interface ChangeRow {
  key: string;
  /** The field's name in the reader's language. */
  label: ReactNode;
  /** The value before the change; leave out for a record that created the object. */
  before?: ReactNode;
  after: ReactNode;
}

interface ChangesTableProps {
  caption: string;
  fieldLabel: string;
  /** Header of the before column; no column when null (a creation has nothing before). */
  beforeLabel: string | null;
  afterLabel: string;
  rows: ChangeRow[];
}

/** One revision's changes, field by field: the old value struck through beside the new one. */
export function ChangesTable({ caption, fieldLabel, beforeLabel, afterLabel, rows }: ChangesTableProps) {
  return (
    <table className="mt-2 w-full text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="text-slate-600">
        <tr>
          <th scope="col" className="w-32 py-1 font-medium">
            {fieldLabel}
          </th>
          {beforeLabel !== null ? (
            <th scope="col" className="py-1 font-medium">
              {beforeLabel}
            </th>
          ) : null}
          <th scope="col" className="py-1 font-medium">
            {afterLabel}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} className="align-top">
            <th scope="row" className="py-1 font-normal text-slate-700">
              {row.label}
            </th>
            {beforeLabel !== null ? <td className="py-1 text-slate-600 line-through decoration-slate-400">{row.before}</td> : null}
            <td className="py-1 whitespace-pre-wrap">{row.after}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
