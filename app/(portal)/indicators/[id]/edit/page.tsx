import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { CompositeForm } from "@/components/indicators/CompositeForm";
import { IndicatorForm } from "@/components/indicators/IndicatorForm";
import { PageHeader } from "@/components/ui/PageHeader";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { readIdParam } from "@/lib/core/params";
import { loadCompositeForm, loadIndicatorForm } from "@/lib/indicators/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("indicators"))("editIndicator") };
}

const text = (value: number | null) => (value === null ? "" : String(value));

export default async function EditIndicatorPage({ params }: PageProps<"/indicators/[id]/edit">) {
  const actor = await requirePageActor();
  const indicatorId = await readIdParam(params);
  const [t, form] = await Promise.all([getTranslations("indicators"), loadForPage(() => loadIndicatorForm(actor, indicatorId))]);
  const indicator = form.indicator!;
  // A composite is defined by its components, not by baseline and targets: it has its own form.
  if (indicator.kind === "COMPOSITE") {
    const [tc, composite] = await Promise.all([
      getTranslations("indicators.composite"),
      loadForPage(() => loadCompositeForm(actor, indicatorId)),
    ]);
    const definition = composite.composite!;
    return (
      <div className="max-w-3xl">
        <Link href={`/indicators/${indicatorId}`} className="text-sm text-brand-700 underline">
          {t("backToIndicator")}
        </Link>
        <PageHeader title={tc("editTitle", { name: definition.name })} />
        <CompositeForm
          target={{ indicatorId, version: definition.version }}
          candidates={composite.candidates}
          initial={{
            code: definition.code,
            name: definition.name,
            unit: definition.unit,
            description: definition.description ?? "",
            components: definition.components.map((component) => ({
              componentId: String(component.componentId),
              weight: String(component.weight),
              normalisation: component.normalisation,
              reference: String(component.reference),
              referenceMax: text(component.referenceMax),
              direction: component.direction,
            })),
          }}
        />
      </div>
    );
  }
  return (
    <div className="max-w-3xl">
      <Link href={`/indicators/${indicatorId}`} className="text-sm text-brand-700 underline">
        {t("backToIndicator")}
      </Link>
      <PageHeader title={t("editTitle", { name: indicator.name })} />
      <IndicatorForm
        target={{ indicatorId, version: indicator.version }}
        planFigures={form.planFigures}
        initial={{
          code: indicator.code,
          name: indicator.name,
          unit: indicator.unit,
          direction: indicator.direction,
          baselineYear: text(indicator.baselineYear),
          baselineValue: text(indicator.baselineValue),
          baselineSource: indicator.baselineSource ?? "",
          description: indicator.description ?? "",
          targets: indicator.targets.map((target) => ({
            year: String(target.year),
            comparator: target.comparator,
            value: String(target.value),
          })),
        }}
      />
    </div>
  );
}
