import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/Badge";
import { buttonClasses } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { PageHeader } from "@/components/ui/PageHeader";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { listUnitsWithWork } from "@/lib/plans/server/plans";
import { mayAttempt } from "@/lib/core/operations";
import { UNIT_OPERATIONS } from "@/lib/units/operations";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("units"))("title") };
}

export default async function UnitsPage() {
  const actor = await requirePageActor();
  const [t, units] = await Promise.all([getTranslations(), loadForPage(() => listUnitsWithWork(actor))]);
  const types = [...new Set(units.map((unit) => unit.type))];
  return (
    <div className="max-w-6xl space-y-6">
      <PageHeader
        title={t("units.title")}
        description={t("units.description", { count: units.length })}
        actions={
          mayAttempt(actor.role, UNIT_OPERATIONS.readRegistry) ? (
            <Link href="/units/manage" className={buttonClasses("secondary")}>
              {t("units.manageLink")}
            </Link>
          ) : null
        }
      />
      {types.map((type) => (
        <section key={type} aria-labelledby={`type-${type}`}>
          <h2 id={`type-${type}`} className="mb-2 text-lg font-semibold">
            {t(`unitType.${type}`)}
          </h2>
          <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
            {units
              .filter((unit) => unit.type === type)
              .map((unit) => (
                <Card as="li" key={unit.id} padding="sm">
                  {/* A unit's page shows its plan work: linked only for those who read plans. */}
                  {unit.leads === null ? (
                    <span className="font-medium">{unit.name}</span>
                  ) : (
                    <Link href={`/units/${unit.id}`} className="font-medium text-brand-700 underline">
                      {unit.name}
                    </Link>
                  )}
                  {unit.formerNames.length > 0 ? (
                    <span lang="zh-CN" className="text-sm text-slate-700">
                      {t("units.formerly", { name: unit.formerNames.join("、") })}
                    </span>
                  ) : null}
                  {unit.mergedInto ? (
                    <span className="ml-2">
                      <Badge tone="amber">{t("units.mergedBadge", { unit: unit.mergedInto.name })}</Badge>
                    </span>
                  ) : unit.deactivatedAt ? (
                    <span className="ml-2">
                      <Badge tone="amber">{t("units.deactivatedBadge")}</Badge>
                    </span>
                  ) : null}
                  <p className="text-xs text-slate-600">{unit.fullName}</p>

                  {unit.leads === null || unit.supports === null ? null : (
                    <p className="mt-1 text-sm text-slate-700">{t("units.counts", { leads: unit.leads, supports: unit.supports })}</p>
                  )}
                </Card>
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
