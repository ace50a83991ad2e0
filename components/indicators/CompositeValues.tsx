import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/Badge";
import { TableHead } from "@/components/ui/TableHead";
import { TableScroll } from "@/components/ui/TableScroll";
import type { BreakdownLine, CompositeCell } from "@/lib/indicators/composite";

interface CompositeValuesProps {
  unit: string;
  components: {
    componentId: number;
    name: string;
    unit: string;
    weight: number;
    normalisation: "RATIO" | "MIN_MAX";
    reference: number;
    referenceMax: number | null;
    direction: "HIGHER_IS_BETTER" | "LOWER_IS_BETTER";
  }[];
  cells: CompositeCell[];
  districts: { id: number; name: string }[];
}

/** Hundredths are enough to read a 0–100 score and to follow the arithmetic. */
const round = (value: number) => String(Math.round(value * 100) / 100);

/** A composite's method, its values per year (citywide and per district) and how each value was made. */
export async function CompositeValues({ unit, components, cells, districts }: CompositeValuesProps) {
  const t = await getTranslations("indicators.composite");
  const ti = await getTranslations("indicators");
  const formula = (component: CompositeValuesProps["components"][number]) => {
    const lower = component.direction === "LOWER_IS_BETTER";
    if (component.normalisation === "RATIO")
      return t(lower ? "ratioLower" : "ratio", { reference: component.reference, unit: component.unit });
    return t(lower ? "minMaxLower" : "minMax", { min: component.reference, max: component.referenceMax ?? "" });
  };
  const cellText = (cell: CompositeCell) =>
    cell.value === null
      ? t("missing", { year: cell.year, names: cell.missing.map((missing) => t("missingName", { name: missing.name })).join("") })
      : `${round(cell.value)}${unit === "分" ? "" : ` ${unit}`}`;
  const line = (entry: BreakdownLine) =>
    t("breakdownLine", {
      name: entry.name,
      raw: entry.raw,
      unit: entry.unit,
      normalised: round(entry.normalised),
      weight: entry.weight,
      contribution: round(entry.contribution),
    });
  const city = cells.filter((cell) => cell.districtId === null);
  const years = [...new Set(cells.map((cell) => cell.year))].sort((a, b) => a - b);
  return (
    <div className="space-y-6">
      <section aria-labelledby="composite-method" data-testid="composite-method">
        <h2 id="composite-method" className="mb-1 font-semibold">
          {t("componentsHeading")}
        </h2>
        <p className="mb-2 text-sm text-slate-700">{t("formula")}</p>
        <TableScroll label={t("componentsHeading")}>
          <table className="min-w-full text-sm">
            <TableHead labels={[t("component"), t("weight"), t("normalisation"), t("direction")]} />
            <tbody className="divide-y divide-slate-100">
              {components.map((component) => (
                <tr key={component.componentId}>
                  <td className="px-3 py-2">{component.name}</td>
                  <td className="px-3 py-2">{component.weight}</td>
                  <td className="px-3 py-2">{formula(component)}</td>
                  <td className="px-3 py-2">{ti(`directions.${component.direction}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>
      <TableScroll label={t("valuesHeading")}>
        <table className="min-w-full text-sm" data-testid="composite-values">
          <caption className="px-3 py-2 text-left font-semibold">{t("valuesHeading")}</caption>
          <TableHead labels={[t("year"), t("value"), t("breakdown")]} />
          <tbody className="divide-y divide-slate-100">
            {city.length === 0 ? (
              <tr>
                <td colSpan={3} className="px-3 py-2 text-slate-600">
                  {t("noValues")}
                </td>
              </tr>
            ) : null}
            {city.map((cell) => (
              <tr key={cell.year} className="align-top" data-testid={`composite-year-${cell.year}`}>
                <td className="px-3 py-2">{cell.year}</td>
                <td className="px-3 py-2">
                  {cellText(cell)} {cell.demo ? <Badge tone="amber">{t("demo")}</Badge> : null}
                </td>
                <td className="px-3 py-2 text-slate-700">
                  <ul className="space-y-0.5">
                    {cell.breakdown.map((entry) => (
                      <li key={entry.componentId}>{line(entry)}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {districts.length > 0 ? (
        <TableScroll label={t("districtHeading")}>
          <table className="min-w-full text-sm" data-testid="composite-districts">
            <caption className="px-3 py-2 text-left font-semibold">{t("districtHeading")}</caption>
            <TableHead labels={[t("district"), ...years.map(String)]} />
            <tbody className="divide-y divide-slate-100">
              {districts.map((district) => (
                <tr key={district.id} className="align-top">
                  <td className="px-3 py-2">{district.name}</td>
                  {years.map((year) => {
                    const cell = cells.find((entry) => entry.year === year && entry.districtId === district.id);
                    return (
                      <td key={year} className="px-3 py-2">
                        {cell ? (
                          <details>
                            <summary className="cursor-pointer">
                              {cellText(cell)} {cell.demo ? <Badge tone="amber">{t("demo")}</Badge> : null}
                            </summary>
                            <ul className="mt-1 space-y-0.5 text-xs text-slate-700">
                              {cell.breakdown.map((entry) => (
                                <li key={entry.componentId}>{line(entry)}</li>
                              ))}
                            </ul>
                          </details>
                        ) : (
                          "—"
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </div>
  );
}
