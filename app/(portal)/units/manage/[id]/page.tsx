import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { MergeUnitForm } from "@/components/units/MergeUnitForm";
import { RenameUnitForm } from "@/components/units/RenameUnitForm";
import { UnitStateCommand } from "@/components/units/UnitStateCommand";
import { Badge } from "@/components/ui/Badge";
import { Section } from "@/components/ui/Card";
import { PageHeader } from "@/components/ui/PageHeader";
import { TableHead } from "@/components/ui/TableHead";
import { TableScroll } from "@/components/ui/TableScroll";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { readIdParam } from "@/lib/core/params";
import { shanghaiDate } from "@/lib/core/time";
import { getUnitRegistryEntry } from "@/lib/units/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("units.registry"))("title") };
}

export default async function UnitRegistryEntryPage({ params }: PageProps<"/units/manage/[id]">) {
  const unitId = await readIdParam(params);
  const actor = await requirePageActor();
  const [t, { unit, counts, mergeTargets }] = await Promise.all([
    getTranslations(),
    loadForPage(() => getUnitRegistryEntry(actor, unitId)),
  ]);
  return (
    <div className="max-w-5xl space-y-6">
      <Link href="/units/manage" className="text-sm text-brand-700 underline">
        {t("units.registry.backToList")}
      </Link>
      <PageHeader
        title={unit.name}
        description={`${unit.fullName} · ${t(`unitType.${unit.type}`)}`}
        actions={
          <Link href={`/units/${unit.id}`} className="text-sm text-brand-700 underline">
            {t("units.unitTitle")}
          </Link>
        }
      />
      <div className="flex flex-wrap items-center gap-3 text-sm">
        {unit.mergedInto ? (
          <Badge tone="amber">{t("units.mergedBadge", { unit: unit.mergedInto.name })}</Badge>
        ) : unit.deactivatedAt ? (
          <Badge tone="amber">{t("units.deactivatedBadge")}</Badge>
        ) : (
          <Badge tone="green">{t("units.registry.active")}</Badge>
        )}
        <span className="text-slate-700">
          {t("units.registry.counts", {
            assignments: counts.assignments,
            reports: counts.reports,
            accounts: counts.enabledAccounts,
            owed: counts.owedInOpenRounds,
          })}
        </span>
      </div>
      {unit.mergedFrom.length > 0 ? (
        <p className="text-sm text-slate-700">
          {t("units.registry.mergedFrom")}
          {unit.mergedFrom.map((from, index) => (
            <span key={from.id}>
              {index > 0 ? "、" : ""}
              <Link href={`/units/manage/${from.id}`} className="text-brand-700 underline">
                {from.name}
              </Link>
            </span>
          ))}
        </p>
      ) : null}

      <Section headingId="history-heading" heading={t("units.registry.history")} headingClassName="mb-3 text-lg">
        <TableScroll label={t("units.registry.history")}>
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="unit-name-history">
            <caption className="sr-only">{t("units.registry.history")}</caption>
            <TableHead
              labels={(["name", "fullName", "from", "to", "reason"] as const).map((column) => t(`units.registry.historyColumns.${column}`))}
            />
            <tbody className="divide-y divide-slate-100">
              {unit.names.map((name) => (
                <tr key={name.id}>
                  <td className="px-3 py-2 font-medium">{name.name}</td>
                  <td className="px-3 py-2">{name.fullName}</td>
                  <td className="px-3 py-2">{name.validFrom ? shanghaiDate(name.validFrom) : t("units.registry.sinceBefore")}</td>
                  <td className="px-3 py-2">{name.validTo ? shanghaiDate(name.validTo) : t("units.registry.current")}</td>
                  <td className="px-3 py-2">{name.reason ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </Section>

      {unit.mergedInto ? null : (
        <>
          <Section headingId="rename-heading" heading={t("units.registry.renameHeading")} headingClassName="mb-1 text-lg">
            <p className="mb-3 text-sm text-slate-600">{t("units.registry.renameHint")}</p>
            <RenameUnitForm
              unit={{ id: unit.id, name: unit.name, fullName: unit.fullName, version: unit.version }}
              today={shanghaiDate(new Date())}
            />
          </Section>
          <Section headingId="merge-heading" heading={t("units.registry.mergeHeading")} headingClassName="mb-1 text-lg">
            <p className="mb-3 text-sm text-slate-600">{t("units.registry.mergeHint")}</p>
            <MergeUnitForm unit={{ id: unit.id, name: unit.name, version: unit.version }} targets={mergeTargets} />
          </Section>
          <Section headingId="state-heading" heading={t("units.registry.stateHeading")} headingClassName="mb-1 text-lg">
            <p className="mb-3 text-sm text-slate-600">{t("units.registry.deactivateHint")}</p>
            <UnitStateCommand unit={{ id: unit.id, name: unit.name, version: unit.version }} deactivated={unit.deactivatedAt !== null} />
          </Section>
        </>
      )}
    </div>
  );
}
