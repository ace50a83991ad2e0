import { getTranslations } from "next-intl/server";
import { TableHead } from "@/components/ui/TableHead";
import { TableScroll } from "@/components/ui/TableScroll";
import type { ScoreRow } from "@/lib/assessment/server/assessments";

/** The ranked table; each unit's calculation opens under its row (a native disclosure, keyboard-friendly). */
export async function ScoreTable({ rows, caption }: { rows: ScoreRow[]; caption: string }) {
  const t = await getTranslations("assessment");
  return (
    <TableScroll label={caption}>
      <table className="min-w-full text-sm" data-testid="assessment-table">
        <caption className="sr-only">{caption}</caption>
        <TableHead labels={[t("columns.rank"), t("columns.unit"), t("columns.score"), t("columns.calculation")]} />
        <tbody>
          {rows.map((row) => (
            <tr key={row.unitId} className="border-t border-slate-200 align-top" data-testid="assessment-row">
              <td className="px-3 py-2 tabular-nums">{row.rank}</td>
              <td className="px-3 py-2">{row.unitName}</td>
              <td className="px-3 py-2 font-medium tabular-nums">{row.score.toFixed(1)}</td>
              <td className="px-3 py-2">
                <details>
                  <summary className="cursor-pointer text-brand-700 underline">{t("showCalculation")}</summary>
                  <ol className="mt-1 list-decimal space-y-0.5 pl-5">
                    {row.lines.map((line) => (
                      <li key={line.key}>{line.text}</li>
                    ))}
                    <li className="list-none font-medium">{t("total", { score: row.score.toFixed(1) })}</li>
                  </ol>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
