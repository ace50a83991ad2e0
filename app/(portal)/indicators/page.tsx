import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { unitSuffix } from "@/lib/indicators/units";
import { Badge } from "@/components/ui/Badge";
import { buttonClasses } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { PageHeader } from "@/components/ui/PageHeader";
import { listIndicators } from "@/lib/indicators/server";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { mayAttempt } from "@/lib/core/operations";
import { INDICATOR_OPERATIONS } from "@/lib/indicators/operations";
import { OUTPUT_OPERATIONS } from "@/lib/outputs/operations";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("indicators"))("title") };
}

export default async function IndicatorsPage() {
  const actor = await requirePageActor();
  const [t, root, indicators] = await Promise.all([
    getTranslations("indicators"),
    getTranslations(),
    loadForPage(() => listIndicators(actor)),
  ]);
  return (
    <div className="max-w-5xl">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <>
            {mayAttempt(actor.role, INDICATOR_OPERATIONS.createIndicator) ? (
              <Link href="/indicators/new" className={buttonClasses("primary")}>
                {t("newIndicator")}
              </Link>
            ) : null}
            {mayAttempt(actor.role, INDICATOR_OPERATIONS.defineComposite) ? (
              <Link href="/indicators/new-composite" className={buttonClasses("secondary")}>
                {t("composite.newComposite")}
              </Link>
            ) : null}
            {mayAttempt(actor.role, OUTPUT_OPERATIONS.exportIndicatorTable) ? (
              <a href="/dashboard/export?kind=indicators&format=xlsx" className={buttonClasses("secondary")} download>
                {t("exportXlsx")}
              </a>
            ) : null}
          </>
        }
      />
      <ul className="space-y-3">
        {indicators.map((indicator) => {
          const latest = indicator.values.at(-1);
          return (
            <Card as="li" key={indicator.id}>
              <div className="flex flex-wrap items-center gap-2">
                <Link href={`/indicators/${indicator.id}`} className="text-lg font-medium text-brand-700 underline">
                  {indicator.name}
                </Link>
                {indicator.kind === "COMPOSITE" ? <Badge tone="blue">{t("composite.kind")}</Badge> : null}
                {indicator.isDemo ? <Badge tone="amber">{t("demo")}</Badge> : null}
              </div>
              <p className="text-sm text-slate-700">
                {indicator.baselineValue !== null
                  ? t("baseline", {
                      year: indicator.baselineYear ?? 0,
                      value: indicator.baselineValue,
                      unit: unitSuffix(root, indicator.unit),
                    })
                  : null}
                {indicator.targets.map(
                  (target) => ` · ${t("target", { year: target.year, value: target.value, unit: unitSuffix(root, indicator.unit) })}`,
                )}
                {latest ? ` · ${t("latest", { year: latest.year, value: latest.value, unit: unitSuffix(root, indicator.unit) })}` : ""}
                {latest?.isDemo ? (
                  <span className="ml-1">
                    <Badge tone="amber">{t("demo")}</Badge>
                  </span>
                ) : null}
              </p>
            </Card>
          );
        })}
      </ul>
    </div>
  );
}
