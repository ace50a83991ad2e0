import type { ReactNode } from "react";

/** The header row of a data table: one column header per label, in the portal's table style. */
export function TableHead({ labels }: { labels: ReactNode[] }) {
  return (
    <thead className="bg-slate-50 text-left text-slate-700">
      <tr>
        {labels.map((label, index) => (
          <th key={index} scope="col" className="px-3 py-2 font-medium">
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
