import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/Badge";
import { buttonClasses } from "@/components/ui/Button";
import { PageHeader } from "@/components/ui/PageHeader";
import { TableHead } from "@/components/ui/TableHead";
import { TableScroll } from "@/components/ui/TableScroll";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { listUnitRegistry } from "@/lib/units/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("units.registry"))("title") };
}

export default async function UnitRegistryPage() {
  const actor = await requirePageActor();
  const [t, units] = await Promise.all([getTranslations(), loadForPage(() => listUnitRegistry(actor))]);
  return (
    <div className="max-w-6xl space-y-6">
      <PageHeader
        title={t("units.registry.title")}
        description={t("units.registry.description")}
        actions={
          <Link href="/units/manage/new" className={buttonClasses()}>
            {t("units.registry.add")}
          </Link>
        }
      />
      <TableScroll label={t("units.registry.title")}>
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="unit-registry">
          <caption className="sr-only">{t("units.registry.title")}</caption>
          <TableHead
            labels={(["name", "type", "state", "formerNames", "assignments", "accounts"] as const).map((column) =>
              t(`units.registry.columns.${column}`),
            )}
          />
          <tbody className="divide-y divide-slate-100">
            {units.map((unit) => (
              <tr key={unit.id} className="align-top">
                <td className="px-3 py-2">
                  <Link href={`/units/manage/${unit.id}`} className="font-medium text-brand-700 underline">
                    {unit.name}
                  </Link>
                  <span className="block text-xs text-slate-600">{unit.fullName}</span>
                </td>
                <td className="px-3 py-2">{t(`unitType.${unit.type}`)}</td>
                <td className="px-3 py-2">
                  {unit.mergedInto ? (
                    <Badge tone="amber">{t("units.mergedBadge", { unit: unit.mergedInto.name })}</Badge>
                  ) : unit.deactivatedAt ? (
                    <Badge tone="amber">{t("units.deactivatedBadge")}</Badge>
                  ) : (
                    <Badge tone="green">{t("units.registry.active")}</Badge>
                  )}
                </td>
                <td className="px-3 py-2">{unit.formerNames.join("、") || "—"}</td>
                <td className="px-3 py-2">{unit.assignments}</td>
                <td className="px-3 py-2">{unit.enabledAccounts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
